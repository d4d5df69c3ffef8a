#!/usr/bin/env python3
"""Build bikeshare.sqlite: a synthetic city bike-sharing scheme (stdlib only, fixed seed)."""
import os, random, sqlite3, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
DB = os.path.join(HERE, "bikeshare.sqlite")
rng = random.Random(20240611)

if os.path.exists(DB):
    os.remove(DB)
con = sqlite3.connect(DB)
con.execute("PRAGMA foreign_keys = ON")
con.executescript("""
CREATE TABLE stations (
  station_id INTEGER PRIMARY KEY,
  station_name TEXT NOT NULL,
  district TEXT NOT NULL,
  dock_count INTEGER NOT NULL,
  opened_on TEXT NOT NULL,
  has_charging INTEGER NOT NULL
);
CREATE TABLE membership_plans (
  plan_id INTEGER PRIMARY KEY,
  plan_name TEXT NOT NULL,
  monthly_fee REAL NOT NULL,
  included_minutes INTEGER NOT NULL,
  per_minute_rate REAL NOT NULL
);
CREATE TABLE members (
  member_id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL,
  birth_year INTEGER,
  joined_on TEXT NOT NULL,
  plan_id INTEGER NOT NULL REFERENCES membership_plans(plan_id),
  home_station_id INTEGER REFERENCES stations(station_id),
  referred_by INTEGER REFERENCES members(member_id),
  account_status TEXT NOT NULL
);
CREATE TABLE bikes (
  bike_id INTEGER PRIMARY KEY,
  serial_number TEXT NOT NULL UNIQUE,
  bike_type TEXT NOT NULL,
  model TEXT NOT NULL,
  commissioned_on TEXT NOT NULL,
  bike_status TEXT NOT NULL
);
CREATE TABLE trips (
  trip_id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(member_id),
  bike_id INTEGER NOT NULL REFERENCES bikes(bike_id),
  start_station_id INTEGER NOT NULL REFERENCES stations(station_id),
  end_station_id INTEGER REFERENCES stations(station_id),
  started_at TEXT NOT NULL,
  ended_at TEXT,
  distance_km REAL,
  fare REAL NOT NULL
);
CREATE TABLE mechanics (
  mechanic_id INTEGER PRIMARY KEY,
  full_name TEXT NOT NULL,
  hourly_rate REAL NOT NULL,
  hired_on TEXT NOT NULL,
  depot TEXT NOT NULL
);
CREATE TABLE repair_jobs (
  job_id INTEGER PRIMARY KEY,
  bike_id INTEGER NOT NULL REFERENCES bikes(bike_id),
  mechanic_id INTEGER NOT NULL REFERENCES mechanics(mechanic_id),
  reported_on TEXT NOT NULL,
  completed_on TEXT,
  issue_type TEXT NOT NULL,
  labour_hours REAL NOT NULL
);
CREATE TABLE parts (
  part_id INTEGER PRIMARY KEY,
  part_name TEXT NOT NULL,
  category TEXT NOT NULL,
  list_price REAL NOT NULL
);
CREATE TABLE job_parts (
  job_id INTEGER NOT NULL REFERENCES repair_jobs(job_id),
  part_id INTEGER NOT NULL REFERENCES parts(part_id),
  quantity INTEGER NOT NULL,
  unit_price REAL NOT NULL,
  PRIMARY KEY (job_id, part_id)
);
""")

def rdate(a, b):
    a = dt.date.fromisoformat(a); b = dt.date.fromisoformat(b)
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))

# --- stations
districts = ["Old Town", "Riverside", "Harbour", "University Quarter", "Northgate", "Eastfield", "Westbrook"]
station_names = [
    "Market Square", "Cathedral Green", "Bridge Street", "Riverside Walk", "Mill Lane", "Harbour Gate",
    "Fish Quay", "Ferry Terminal", "Library Corner", "Science Park", "Student Union", "Botanic Garden",
    "Northgate Station", "Canal Basin", "Hospital Road", "Eastfield Park", "Retail Park", "Sports Centre",
    "Westbrook Common", "Orchard Road", "Town Hall", "Central Station", "Victoria Road", "Quayside Arts",
    "Castle Hill", "Museum Steps", "Tramway Depot", "Lakeside",
]
station_district = {}
for i, n in enumerate(station_names):
    station_district[n] = districts[[0,0,0,1,1,2,2,2,3,3,3,3,4,4,4,5,5,5,6,6,0,4,6,2,0,3,5,1][i]]
stations = []
for i, n in enumerate(station_names, 1):
    opened = rdate("2019-03-01", "2023-09-30")
    stations.append((i, n, station_district[n], rng.choice([12, 15, 18, 20, 24, 30, 36]),
                     opened.isoformat(), 1 if rng.random() < 0.45 else 0))
con.executemany("INSERT INTO stations VALUES (?,?,?,?,?,?)", stations)
S = len(stations)

# --- plans
plans = [
    (1, "Pay As You Go", 0.0, 0, 0.15),
    (2, "Commuter Monthly", 14.99, 600, 0.08),
    (3, "Student", 7.50, 300, 0.10),
    (4, "Annual Unlimited", 9.99, 3000, 0.05),
    (5, "Corporate", 19.00, 1200, 0.06),
]
con.executemany("INSERT INTO membership_plans VALUES (?,?,?,?,?)", plans)
rate = {p[0]: p[4] for p in plans}

# --- members
firsts = ["Olivia","Amelia","Isla","Ava","Mia","Ivy","Lily","Freya","Grace","Ella","Noah","Oliver","George",
          "Leo","Arthur","Muhammad","Harry","Oscar","Jack","Theo","Aisha","Priya","Chen","Mateo","Zofia",
          "Kwame","Sven","Ines","Rafael","Hana","Tomasz","Niamh","Callum","Eilidh","Rhys","Sian"]
lasts = ["Smith","Jones","Taylor","Brown","Williams","Wilson","Johnson","Davies","Patel","Robinson","Wright",
         "Thompson","Evans","Walker","White","Roberts","Green","Hall","Wood","Jackson","Clarke","Khan","Murphy",
         "Nowak","Okafor","Lindqvist","Moreno","Fraser","Hughes","Morgan","Kowalski","Singh","Byrne","Reid"]
domains = ["mailbox.net", "example.org", "postbox.co.uk", "webmail.com"]
members = []
used = set()
M = 320
for i in range(1, M + 1):
    while True:
        f, l = rng.choice(firsts), rng.choice(lasts)
        if (f, l) not in used:
            used.add((f, l)); break
    plan = rng.choices([1, 2, 3, 4, 5], weights=[30, 25, 18, 17, 10])[0]
    by = None if rng.random() < 0.07 else rng.randint(1955, 2006)
    if plan == 3 and by is not None:
        by = rng.randint(1998, 2006)
    joined = rdate("2020-01-15", "2024-10-31")
    home = None if rng.random() < 0.12 else rng.randint(1, S)
    ref = None
    if i > 20 and rng.random() < 0.22:
        ref = rng.randint(1, i - 1)
    status = rng.choices(["active", "suspended", "closed"], weights=[85, 5, 10])[0]
    email = f"{f.lower()}.{l.lower()}{rng.randint(1,99)}@{rng.choice(domains)}"
    members.append((i, f, l, email, by, joined.isoformat(), plan, home, ref, status))
con.executemany("INSERT INTO members VALUES (?,?,?,?,?,?,?,?,?,?)", members)

# --- bikes
models = {"classic": ["Urban 3", "Urban 3S", "Cityline 7"],
          "electric": ["Volt E2", "Volt E3", "Pulse X"],
          "cargo": ["Carry Pro"]}
bikes = []
B = 150
for i in range(1, B + 1):
    t = rng.choices(["classic", "electric", "cargo"], weights=[55, 38, 7])[0]
    st = rng.choices(["in service", "in repair", "retired"], weights=[82, 10, 8])[0]
    bikes.append((i, f"BK-{t[0].upper()}{10000 + i * 7}", t, rng.choice(models[t]),
                  rdate("2019-03-01", "2024-06-30").isoformat(), st))
con.executemany("INSERT INTO bikes VALUES (?,?,?,?,?,?)", bikes)
btype = {b[0]: b[2] for b in bikes}

# --- trips
trips = []
T = 2600
popular = [1, 2, 22, 9, 6, 12]
for i in range(1, T + 1):
    m = members[rng.randint(0, M - 1)]
    if rng.random() < 0.5 and m[7] is not None:
        ss = m[7]
    elif rng.random() < 0.4:
        ss = rng.choice(popular)
    else:
        ss = rng.randint(1, S)
    es = rng.randint(1, S)
    d = rdate("2022-01-01", "2024-12-31")
    start = dt.datetime(d.year, d.month, d.day, rng.randint(6, 22), rng.randint(0, 59), rng.randint(0, 59))
    b = rng.randint(1, B)
    mins = max(3, int(rng.gammavariate(2.2, 9)))
    if btype[b] == "electric":
        km = round(mins * rng.uniform(0.25, 0.36), 2)
    else:
        km = round(mins * rng.uniform(0.15, 0.26), 2)
    end = start + dt.timedelta(minutes=mins, seconds=rng.randint(0, 59))
    fare = round(1.0 + mins * rate[m[6]] + (0.50 if btype[b] == "electric" else 0.0) + (1.0 if btype[b] == "cargo" else 0.0), 2)
    endtxt = end.isoformat(sep=" ")
    if rng.random() < 0.015:   # bike never docked / trip still open
        es, endtxt, km = None, None, None
    trips.append((i, m[0], b, ss, es, start.isoformat(sep=" "), endtxt, km, fare))
trips.sort(key=lambda r: r[5])
trips = [(i,) + r[1:] for i, r in enumerate(trips, 1)]
con.executemany("INSERT INTO trips VALUES (?,?,?,?,?,?,?,?,?)", trips)

# --- mechanics
mechs = [
    (1, "Dara Quinlan", 21.50, "2019-04-01", "North Depot"),
    (2, "Priscilla Obi", 24.00, "2019-09-16", "North Depot"),
    (3, "Marek Zielinski", 19.75, "2021-02-08", "South Depot"),
    (4, "Fiona Campbell", 26.25, "2020-06-22", "South Depot"),
    (5, "Tunde Adeyemi", 22.80, "2022-03-14", "Harbour Workshop"),
    (6, "Ruth Ellison", 18.90, "2023-05-02", "Harbour Workshop"),
    (7, "Gareth Pryce", 23.40, "2024-01-08", "North Depot"),
]
con.executemany("INSERT INTO mechanics VALUES (?,?,?,?,?)", mechs)

# --- parts
parts = [
    (1, "Brake pad set", "Brakes", 8.50), (2, "Brake cable", "Brakes", 3.20), (3, "Hydraulic brake kit", "Brakes", 42.00),
    (4, "Inner tube 700c", "Tyres", 4.75), (5, "Puncture-proof tyre", "Tyres", 29.90), (6, "Chain 9-speed", "Drivetrain", 17.40),
    (7, "Rear derailleur", "Drivetrain", 36.00), (8, "Pedal pair", "Drivetrain", 12.60), (9, "LED front light", "Lighting", 15.00),
    (10, "LED rear light", "Lighting", 11.50), (11, "Battery pack 36V", "Electrical", 289.00), (12, "Motor controller", "Electrical", 118.00),
    (13, "Charging port", "Electrical", 24.50), (14, "Saddle", "Frame", 19.99), (15, "Basket", "Frame", 14.25),
    (16, "Kickstand", "Frame", 9.80), (17, "Smart lock module", "Electrical", 64.00), (18, "Mudguard set", "Frame", 13.10),
]
con.executemany("INSERT INTO parts VALUES (?,?,?,?)", parts)
issue_parts = {
    "Puncture": [4, 5], "Brakes": [1, 2, 3], "Drivetrain": [6, 7, 8], "Lights": [9, 10],
    "Battery": [11, 13], "Motor": [12], "Lock fault": [17], "Vandalism": [14, 15, 16, 18, 9, 10],
}
jobs, jp = [], []
J = 420
for i in range(1, J + 1):
    b = bikes[rng.randint(0, B - 1)]
    issues = ["Puncture", "Brakes", "Drivetrain", "Lights", "Lock fault", "Vandalism"]
    w = [28, 22, 14, 10, 8, 7]
    if b[2] == "electric":
        issues += ["Battery", "Motor"]; w += [14, 6]
    issue = rng.choices(issues, weights=w)[0]
    mech = rng.choices([1, 2, 3, 4, 5, 6, 7], weights=[18, 16, 15, 10, 14, 9, 6])[0]
    hired = dt.date.fromisoformat(mechs[mech - 1][3])
    lo = max(hired, dt.date(2022, 1, 1))
    rep = rdate(lo.isoformat(), "2024-12-31")
    comp = rep + dt.timedelta(days=rng.choice([0, 0, 1, 1, 1, 2, 2, 3, 4, 5, 7, 9, 12]))
    comp_txt = comp.isoformat()
    if rep >= dt.date(2024, 11, 25) and rng.random() < 0.6 or rng.random() < 0.02:
        comp_txt = None
    hours = round(rng.choice([0.25, 0.5, 0.5, 0.75, 1.0, 1.0, 1.5, 2.0, 2.5, 3.0]), 2)
    jobs.append([i, b[0], mech, rep.isoformat(), comp_txt, issue, hours])
    if rng.random() < 0.85:
        chosen = rng.sample(issue_parts[issue], k=min(len(issue_parts[issue]), rng.choice([1, 1, 1, 2])))
        for p in chosen:
            q = 2 if p in (4, 1) and rng.random() < 0.4 else 1
            price = parts[p - 1][3]
            if rng.random() < 0.25:
                price = round(price * rng.choice([0.9, 0.95, 1.05]), 2)
            jp.append((i, p, q, price))
jobs.sort(key=lambda r: (r[3], r[0]))
remap = {}
for n, r in enumerate(jobs, 1):
    remap[r[0]] = n; r[0] = n
con.executemany("INSERT INTO repair_jobs VALUES (?,?,?,?,?,?,?)", [tuple(r) for r in jobs])
jp = sorted((remap[j], p, q, u) for j, p, q, u in jp)
con.executemany("INSERT INTO job_parts VALUES (?,?,?,?)", jp)

con.commit()
con.execute("VACUUM")
con.close()
print("wrote", DB)
