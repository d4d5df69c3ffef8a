#!/usr/bin/env python3
"""Builds Tests/Fixtures/hotels.sqlite: a synthetic hotel group (CC0, written for Bulkhead).

Every row is invented by this script from a fixed random seed, so the file is the same on every
run and holds no real person's data: eight hotels in six countries, their rooms and room types,
guests with loyalty tiers, two years of bookings (2023 and 2024) with payments and reviews, and
the staff of each hotel with their supervisors. Stdlib only:

    python3 make_hotels.py hotels.sqlite
"""
import datetime, os, random, sqlite3, sys

SEED = 20240517

HOTELS = [
    ('Harbour View Hotel', 'Lisbon', 'Portugal', 4, 2004),
    ('The Alder', 'Porto', 'Portugal', 3, 1998),
    ('Grand Meridian', 'Madrid', 'Spain', 5, 1987),
    ('Casa Luna', 'Seville', 'Spain', 3, 2015),
    ('Hotel Rivage', 'Nice', 'France', 4, 2009),
    ('Northlight Inn', 'Edinburgh', 'United Kingdom', 3, 2019),
    ('The Linden Palace', 'Vienna', 'Austria', 5, 1972),
    ('Canal House', 'Amsterdam', 'Netherlands', 4, 2012),
]

ROOM_TYPES = [
    ('Single', 1, 79.0),
    ('Double', 2, 109.0),
    ('Twin', 2, 104.0),
    ('Family Room', 4, 159.0),
    ('Junior Suite', 3, 219.0),
    ('Penthouse Suite', 4, 480.0),
]

FIRST = ['Ana', 'João', 'Marta', 'Luis', 'Carmen', 'Pablo', 'Sofia', 'Lucas', 'Emma', 'Noah', 'Olivia',
         'Liam', 'Mia', 'Hugo', 'Chloé', 'Louis', 'Léa', 'Jakob', 'Lena', 'Felix', 'Anna', 'Daan',
         'Sanne', 'Finn', 'Isla', 'Oliver', 'Amelia', 'George', 'Grace', 'Kenji', 'Yuki', 'Priya',
         'Arjun', 'Fatima', 'Omar', 'Ingrid', 'Lars', 'Elena', 'Marco', 'Giulia', 'Tomasz', 'Zofia',
         'Ethan', 'Ava', 'Mason', 'Harper', 'Diego', 'Valentina', 'Chen', 'Mei']
LAST = ['Silva', 'Santos', 'Ferreira', 'García', 'Martínez', 'López', 'Dubois', 'Martin', 'Bernard',
        'Müller', 'Schmidt', 'Huber', 'de Vries', 'Jansen', 'Bakker', 'Smith', 'Jones', 'Taylor',
        'Brown', 'Wilson', 'Campbell', 'Tanaka', 'Sato', 'Patel', 'Sharma', 'Haddad', 'Larsen',
        'Johansson', 'Rossi', 'Bianchi', 'Kowalski', 'Nowak', 'Johnson', 'Miller', 'Davis',
        'Rodríguez', 'Wang', 'Li', 'Murphy', 'Kelly']
COUNTRIES = [('Portugal', 10), ('Spain', 12), ('France', 10), ('Germany', 12), ('United Kingdom', 12),
             ('Netherlands', 8), ('Austria', 5), ('United States', 10), ('Italy', 7), ('Japan', 4),
             ('India', 3), ('Poland', 4), ('Ireland', 3), ('Brazil', 3), ('Canada', 4)]
TIERS = [('None', 50), ('Silver', 25), ('Gold', 15), ('Platinum', 10)]
CHANNELS = [('Website', 35), ('Phone', 10), ('Booking.com', 25), ('Expedia', 15), ('Walk-in', 5),
            ('Travel agent', 10)]
METHODS = [('Credit card', 60), ('Debit card', 15), ('Cash', 10), ('Bank transfer', 10), ('Voucher', 5)]
GOOD = ['Lovely stay, friendly staff.', 'Great location and a very clean room.',
        'Breakfast was excellent.', 'Quiet room with a wonderful view.', 'Would definitely come back.',
        'Staff went out of their way to help us.', 'Comfortable bed and a spotless bathroom.']
MIXED = ['Good location but the room was small.', 'Nice hotel, slow check-in.',
         'Breakfast was average, room was fine.', 'Decent value for money.',
         'Wifi was unreliable but otherwise fine.']
BAD = ['Room was noisy and the air conditioning did not work.', 'Dirty bathroom, very disappointing.',
       'Rude reception staff.', 'Overpriced for what you get.', 'Long wait for check-in and a broken shower.']

def pick(rng, weighted):
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]

def main(out):
    rng = random.Random(SEED)
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.executescript("""
        CREATE TABLE hotels (hotel_id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL,
            country TEXT NOT NULL, stars INTEGER NOT NULL, opened_year INTEGER NOT NULL);
        CREATE TABLE room_types (room_type_id INTEGER PRIMARY KEY, type_name TEXT NOT NULL,
            max_occupancy INTEGER NOT NULL, base_rate REAL NOT NULL);
        CREATE TABLE rooms (room_id INTEGER PRIMARY KEY, hotel_id INTEGER NOT NULL REFERENCES hotels(hotel_id),
            room_number TEXT NOT NULL, floor INTEGER NOT NULL,
            room_type_id INTEGER NOT NULL REFERENCES room_types(room_type_id));
        CREATE TABLE guests (guest_id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
            country TEXT NOT NULL, birth_date TEXT, loyalty_tier TEXT NOT NULL);
        CREATE TABLE bookings (booking_id INTEGER PRIMARY KEY, guest_id INTEGER NOT NULL REFERENCES guests(guest_id),
            room_id INTEGER NOT NULL REFERENCES rooms(room_id), check_in TEXT NOT NULL, check_out TEXT NOT NULL,
            num_guests INTEGER NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL, total_price REAL NOT NULL);
        CREATE TABLE payments (payment_id INTEGER PRIMARY KEY, booking_id INTEGER NOT NULL REFERENCES bookings(booking_id),
            amount REAL NOT NULL, method TEXT NOT NULL, paid_on TEXT NOT NULL);
        CREATE TABLE staff (staff_id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, job_title TEXT NOT NULL,
            hotel_id INTEGER NOT NULL REFERENCES hotels(hotel_id), hire_date TEXT NOT NULL,
            supervisor_id INTEGER REFERENCES staff(staff_id));
        CREATE TABLE reviews (review_id INTEGER PRIMARY KEY, booking_id INTEGER NOT NULL UNIQUE REFERENCES bookings(booking_id),
            score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 10), comment TEXT);
    """)
    for i, h in enumerate(HOTELS, 1):
        db.execute('INSERT INTO hotels VALUES (?, ?, ?, ?, ?, ?)', (i,) + h)
    for i, t in enumerate(ROOM_TYPES, 1):
        db.execute('INSERT INTO room_types VALUES (?, ?, ?, ?)', (i,) + t)
    rooms = []  # (room_id, hotel_id, type_id)
    for hid, h in enumerate(HOTELS, 1):
        floors = rng.randint(3, 6)
        per_floor = rng.randint(4, 7)
        for floor in range(1, floors + 1):
            for n in range(1, per_floor + 1):
                if h[3] >= 5 and floor == floors and n <= 2:
                    tid = 6
                elif floor == floors and n <= 3:
                    tid = 5 if h[3] >= 4 else 4
                else:
                    tid = rng.choices([1, 2, 3, 4], [2, 5, 3, 2])[0]
                rooms.append((len(rooms) + 1, hid, tid))
                db.execute('INSERT INTO rooms VALUES (?, ?, ?, ?, ?)',
                           (len(rooms), hid, '%d%02d' % (floor, n), floor, tid))
    guests = 900
    for g in range(1, guests + 1):
        born = datetime.date(1945, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 58))
        db.execute('INSERT INTO guests VALUES (?, ?, ?, ?, ?, ?)',
                   (g, rng.choice(FIRST), rng.choice(LAST), pick(rng, COUNTRIES),
                    None if rng.random() < 0.04 else born.isoformat(), pick(rng, TIERS)))
    # Staff: a general manager per hotel, department heads under the manager, staff under the heads.
    sid = 0
    for hid, h in enumerate(HOTELS, 1):
        opened = datetime.date(max(h[4], 2008), 1, 1)
        def hire():
            return (opened + datetime.timedelta(days=rng.randint(0, (datetime.date(2024, 10, 1) - opened).days))).isoformat()
        def name():
            return '%s %s' % (rng.choice(FIRST), rng.choice(LAST))
        sid += 1; gm = sid
        db.execute('INSERT INTO staff VALUES (?, ?, ?, ?, ?, ?)', (gm, name(), 'General Manager', hid, hire(), None))
        for head, crew in [('Front Office Manager', 'Receptionist'), ('Head Housekeeper', 'Housekeeper'),
                           ('Executive Chef', 'Cook'), ('Maintenance Lead', 'Technician')]:
            sid += 1; boss = sid
            db.execute('INSERT INTO staff VALUES (?, ?, ?, ?, ?, ?)', (boss, name(), head, hid, hire(), gm))
            for _ in range(rng.randint(1, 4)):
                sid += 1
                db.execute('INSERT INTO staff VALUES (?, ?, ?, ?, ?, ?)', (sid, name(), crew, hid, hire(), boss))
    # Bookings from 2023-01-01 to 2024-12-31 (check-in dates).
    start = datetime.date(2023, 1, 1)
    bid = pid = rid = 0
    cap = {i: t[1] for i, t in enumerate(ROOM_TYPES, 1)}
    rate = {i: t[2] for i, t in enumerate(ROOM_TYPES, 1)}
    stars = {i: h[3] for i, h in enumerate(HOTELS, 1)}
    for _ in range(3200):
        bid += 1
        room = rng.choice(rooms)
        day = start + datetime.timedelta(days=rng.randint(0, 730))
        nights = rng.choices([1, 2, 3, 4, 5, 7, 10, 14], [20, 25, 20, 12, 10, 8, 3, 2])[0]
        season = 1.25 if day.month in (6, 7, 8, 12) else 1.0
        price = round(rate[room[2]] * (0.8 + 0.1 * stars[room[1]]) * season * nights * rng.uniform(0.9, 1.1), 2)
        status = rng.choices(['completed', 'cancelled', 'no-show'], [82, 13, 5])[0]
        if day >= datetime.date(2024, 12, 20) and status == 'completed':
            status = 'confirmed'
        channel = pick(rng, CHANNELS)
        db.execute('INSERT INTO bookings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                   (bid, rng.randint(1, guests), room[0], day.isoformat(),
                    (day + datetime.timedelta(days=nights)).isoformat(), rng.randint(1, cap[room[2]]),
                    channel, status, price))
        paid_before = day - datetime.timedelta(days=rng.randint(0, 60))
        if status in ('completed', 'confirmed'):
            if rng.random() < 0.3:
                deposit = round(price * 0.3, 2)
                pid += 1
                db.execute('INSERT INTO payments VALUES (?, ?, ?, ?, ?)',
                           (pid, bid, deposit, pick(rng, METHODS), paid_before.isoformat()))
                pid += 1
                db.execute('INSERT INTO payments VALUES (?, ?, ?, ?, ?)',
                           (pid, bid, round(price - deposit, 2), pick(rng, METHODS),
                            (day + datetime.timedelta(days=nights)).isoformat()))
            else:
                pid += 1
                db.execute('INSERT INTO payments VALUES (?, ?, ?, ?, ?)',
                           (pid, bid, price, pick(rng, METHODS), (day + datetime.timedelta(days=nights)).isoformat()))
            if status == 'completed' and rng.random() < 0.45:
                base = 6 + stars[room[1]] * 0.5 + rng.gauss(0, 1.8)
                score = max(1, min(10, int(round(base))))
                words = GOOD if score >= 8 else MIXED if score >= 5 else BAD
                rid += 1
                db.execute('INSERT INTO reviews VALUES (?, ?, ?, ?)',
                           (rid, bid, score, None if rng.random() < 0.1 else rng.choice(words)))
        elif status == 'no-show' and rng.random() < 0.5:
            pid += 1
            db.execute('INSERT INTO payments VALUES (?, ?, ?, ?, ?)',
                       (pid, bid, round(price / nights, 2), 'Credit card', day.isoformat()))
    db.commit()
    db.execute('VACUUM')
    db.close()

if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'hotels.sqlite')
