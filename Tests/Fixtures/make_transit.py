#!/usr/bin/env python3
"""Build transit.sqlite: a synthetic municipal transit agency (buses, trams, ferries).
Python stdlib only, fixed random seed, deterministic output."""
import os, random, sqlite3, datetime

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "transit.sqlite")
rng = random.Random(20240611)

if os.path.exists(OUT):
    os.remove(OUT)
con = sqlite3.connect(OUT)
cur = con.cursor()
cur.executescript("""
PRAGMA foreign_keys = ON;
CREATE TABLE depots (
  depot_id INTEGER PRIMARY KEY,
  depot_name TEXT NOT NULL,
  district TEXT NOT NULL,
  opened_date TEXT NOT NULL,
  capacity INTEGER NOT NULL
);
CREATE TABLE drivers (
  driver_id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  hire_date TEXT NOT NULL,
  license_class TEXT NOT NULL,
  employment_status TEXT NOT NULL,
  depot_id INTEGER NOT NULL REFERENCES depots(depot_id),
  supervisor_id INTEGER REFERENCES drivers(driver_id)
);
CREATE TABLE vehicles (
  vehicle_id INTEGER PRIMARY KEY,
  fleet_number TEXT NOT NULL UNIQUE,
  model TEXT NOT NULL,
  fuel_type TEXT NOT NULL,
  seats INTEGER NOT NULL,
  year_built INTEGER NOT NULL,
  purchase_price REAL NOT NULL,
  last_inspection_date TEXT,
  depot_id INTEGER NOT NULL REFERENCES depots(depot_id)
);
CREATE TABLE routes (
  route_id INTEGER PRIMARY KEY,
  route_number TEXT NOT NULL UNIQUE,
  route_name TEXT NOT NULL,
  mode TEXT NOT NULL,
  base_fare REAL NOT NULL,
  launched_date TEXT NOT NULL
);
CREATE TABLE stops (
  stop_id INTEGER PRIMARY KEY,
  stop_name TEXT NOT NULL,
  district TEXT NOT NULL,
  fare_zone INTEGER NOT NULL,
  has_shelter INTEGER NOT NULL,
  wheelchair_accessible INTEGER NOT NULL
);
CREATE TABLE route_stops (
  route_id INTEGER NOT NULL REFERENCES routes(route_id),
  stop_id INTEGER NOT NULL REFERENCES stops(stop_id),
  stop_sequence INTEGER NOT NULL,
  PRIMARY KEY (route_id, stop_id)
);
CREATE TABLE trips (
  trip_id INTEGER PRIMARY KEY,
  route_id INTEGER NOT NULL REFERENCES routes(route_id),
  vehicle_id INTEGER NOT NULL REFERENCES vehicles(vehicle_id),
  driver_id INTEGER NOT NULL REFERENCES drivers(driver_id),
  service_date TEXT NOT NULL,
  scheduled_departure TEXT NOT NULL,
  trip_status TEXT NOT NULL,
  delay_minutes INTEGER,
  passenger_count INTEGER
);
CREATE TABLE fare_cards (
  card_id INTEGER PRIMARY KEY,
  card_number TEXT NOT NULL UNIQUE,
  holder_name TEXT,
  card_type TEXT NOT NULL,
  home_district TEXT NOT NULL,
  issued_date TEXT NOT NULL,
  card_status TEXT NOT NULL
);
CREATE TABLE ticket_sales (
  sale_id INTEGER PRIMARY KEY,
  card_id INTEGER NOT NULL REFERENCES fare_cards(card_id),
  route_id INTEGER REFERENCES routes(route_id),
  sale_date TEXT NOT NULL,
  product TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price REAL NOT NULL,
  sales_channel TEXT NOT NULL
);
""")

districts = ["Harbourside", "Old Town", "Northgate", "Riverbend", "Eastfield", "Westmoor", "Hillcrest", "Southport"]

depots = [
    (1, "Harbour Road Depot", "Harbourside", "1978-04-03", 120),
    (2, "Northgate Garage", "Northgate", "1991-09-16", 90),
    (3, "Eastfield Yard", "Eastfield", "2004-02-02", 75),
    (4, "Westmoor Tram Shed", "Westmoor", "1969-06-30", 40),
    (5, "Quay Street Ferry Base", "Southport", "2012-05-21", 15),
]
cur.executemany("INSERT INTO depots VALUES (?,?,?,?,?)", depots)

first = ["Amelia", "Oliver", "Priya", "Tomasz", "Grace", "Samuel", "Leila", "Daniel", "Hannah", "Mateo",
         "Chloe", "Kwame", "Sofia", "Liam", "Aisha", "Noah", "Ingrid", "Rafael", "Megan", "Yusuf",
         "Beatrice", "Connor", "Mei", "Patrick", "Zara", "Victor", "Nadia", "Hugo", "Elena", "Marcus",
         "Fiona", "Ibrahim", "Rosa", "George", "Anika", "Owen", "Julia", "Felix", "Tara", "Dmitri"]
last = ["Walsh", "Okafor", "Patel", "Nowak", "Hughes", "Bennett", "Haddad", "Murphy", "Fischer", "Garcia",
        "Lambert", "Mensah", "Rossi", "O'Brien", "Khan", "Thompson", "Larsen", "Silva", "Price", "Demir",
        "Clarke", "Doyle", "Chen", "Byrne", "Ahmed", "Moreau", "Petrova", "Santos", "Kovac", "Reid"]

def rdate(a, b):
    a = datetime.date.fromisoformat(a); b = datetime.date.fromisoformat(b)
    return (a + datetime.timedelta(days=rng.randint(0, (b - a).days))).isoformat()

# drivers: supervisors first (ids 1-6), then regular drivers
drivers = []
depot_sup = {}
sup_depots = [1, 1, 2, 3, 4, 5]
used = set()
def name():
    while True:
        f, l = rng.choice(first), rng.choice(last)
        if (f, l) not in used:
            used.add((f, l)); return f, l
for i, d in enumerate(sup_depots, start=1):
    f, l = name()
    lic = "Tram" if d == 4 else ("Vessel" if d == 5 else "D")
    drivers.append((i, f, l, rdate("1998-01-01", "2010-12-31"), lic, "Active", d, None))
    depot_sup.setdefault(d, []).append(i)
depot_weights = [(1, 22), (2, 16), (3, 14), (4, 8), (5, 4)]
did = len(drivers)
for d, n in depot_weights:
    for _ in range(n):
        did += 1
        f, l = name()
        lic = "Tram" if d == 4 else ("Vessel" if d == 5 else rng.choice(["D", "D", "D", "D1"]))
        status = rng.choices(["Active", "On leave", "Retired"], [85, 8, 7])[0]
        drivers.append((did, f, l, rdate("2005-01-01", "2023-10-31"), lic, status, d, rng.choice(depot_sup[d])))
cur.executemany("INSERT INTO drivers VALUES (?,?,?,?,?,?,?,?)", drivers)

# vehicles
vehicles = []
models = {
    "bus": [("Volvo B8RLE", "Diesel", 41, 265000.0), ("Alexander Dennis Enviro400", "Diesel", 76, 340000.0),
            ("Wrightbus StreetDeck Electroliner", "Electric", 70, 495000.0), ("BYD K9", "Electric", 39, 410000.0),
            ("Mercedes Citaro Hybrid", "Hybrid", 44, 375000.0)],
    "tram": [("Siemens Avenio", "Electric", 82, 2850000.0), ("Alstom Citadis X05", "Electric", 64, 2600000.0)],
    "ferry": [("Damen Water Bus 2307", "Diesel", 120, 1450000.0), ("Incat Crowther Hybrid 24", "Hybrid", 150, 2100000.0)],
}
vid = 0
plan = [(1, "bus", 30), (2, "bus", 22), (3, "bus", 18), (4, "tram", 10), (5, "ferry", 5)]
for d, kind, n in plan:
    for _ in range(n):
        vid += 1
        m, fuel, seats, price = rng.choice(models[kind])
        yb = rng.randint(2008, 2023)
        prefix = {"bus": "B", "tram": "T", "ferry": "F"}[kind]
        insp = None if rng.random() < 0.08 else rdate("2023-06-01", "2024-11-30")
        vehicles.append((vid, f"{prefix}{1000 + vid}", m, fuel, seats, yb,
                         round(price * rng.uniform(0.92, 1.06), 2), insp, d))
cur.executemany("INSERT INTO vehicles VALUES (?,?,?,?,?,?,?,?,?)", vehicles)
veh_by_depot = {}
for v in vehicles:
    veh_by_depot.setdefault(v[8], []).append(v[0])

# stops
stop_words = ["Market Square", "Central Station", "Harbour Gate", "Quay Street", "Cathedral Close", "Mill Lane",
              "Riverside Park", "Northgate Hospital", "Castle Hill", "Eastfield Retail Park", "Westmoor Common",
              "Southport Pier", "Library Corner", "Town Hall", "Fire Station", "St Anne's Church", "College Road",
              "Hillcrest Primary School", "Victoria Bridge", "Ropewalk", "Canal Basin", "Airport Link Road",
              "Sports Centre", "Beacon Road", "Orchard Way", "Kingsway", "Elm Grove", "Foundry Lane",
              "Harbourside Museum", "Old Town Gate", "Riverbend Shops", "Northgate Roundabout", "Tannery Row",
              "Station Approach", "Parkside", "The Crescent", "Windmill Hill", "Brewery Yard", "Fishmarket",
              "Lighthouse Point", "Meadow View", "Chapel Street", "Copper Beech Avenue", "Ferry Terminal",
              "Westmoor Depot", "Eastfield Leisure Centre", "Bishop's Walk", "Greenway", "Saltmarsh",
              "Marina", "University Gate", "Crown Street", "Bakers Row", "Hillcrest Water Tower", "Southport Baths",
              "Old Town Museum", "Racecourse", "Willow Bank", "Pottery Lane", "Northgate Park"]
stops = []
for i, s in enumerate(stop_words, start=1):
    dist = rng.choice(districts)
    for dname in districts:
        if s.startswith(dname):
            dist = dname
    zone = 1 if dist in ("Old Town", "Harbourside") else (2 if dist in ("Riverbend", "Northgate", "Eastfield") else 3)
    stops.append((i, s, dist, zone, 1 if rng.random() < 0.6 else 0, 1 if rng.random() < 0.75 else 0))
cur.executemany("INSERT INTO stops VALUES (?,?,?,?,?,?)", stops)

routes = [
    (1, "1", "Central Station - Northgate Hospital", "Bus", 2.20, "1995-03-01"),
    (2, "2", "Old Town Circular", "Bus", 1.80, "1998-07-13"),
    (3, "5", "Harbourside - Eastfield Retail Park", "Bus", 2.20, "2001-09-03"),
    (4, "7", "Riverbend - Hillcrest", "Bus", 2.20, "2006-01-09"),
    (5, "12", "Westmoor Common - Town Hall", "Bus", 2.50, "2010-04-19"),
    (6, "X20", "Airport Express", "Bus", 4.90, "2015-06-01"),
    (7, "N3", "Night Bus Old Town - Southport", "Bus", 3.20, "2018-10-27"),
    (8, "T1", "Westmoor Tram Line", "Tram", 2.80, "1972-05-15"),
    (9, "T2", "Harbour Tram Line", "Tram", 2.80, "2019-09-02"),
    (10, "F1", "Southport - Lighthouse Point Ferry", "Ferry", 4.50, "2012-06-04"),
    (11, "F2", "Marina Water Bus", "Ferry", 3.80, "2021-05-01"),
    (12, "33", "Eastfield Orbital", "Bus", 2.20, "2024-03-04"),
]
cur.executemany("INSERT INTO routes VALUES (?,?,?,?,?,?)", routes)
route_depot = {1: 2, 2: 1, 3: 1, 4: 3, 5: 2, 6: 1, 7: 3, 8: 4, 9: 4, 10: 5, 11: 5, 12: 3}
rs = []
ids = [s[0] for s in stops]
for r in routes:
    n = rng.randint(6, 14) if r[3] != "Ferry" else rng.randint(3, 5)
    chosen = rng.sample(ids, n)
    for seq, sid in enumerate(chosen, start=1):
        rs.append((r[0], sid, seq))
cur.executemany("INSERT INTO route_stops VALUES (?,?,?)", rs)

# trips
drv_by_depot = {}
for d in drivers:
    if d[5] != "Retired":
        drv_by_depot.setdefault(d[6], []).append(d[0])
trips = []
tid = 0
start = datetime.date(2023, 1, 2)
route_weight = {1: 14, 2: 12, 3: 11, 4: 9, 5: 8, 6: 7, 7: 4, 8: 10, 9: 7, 10: 4, 11: 3, 12: 5}
for day in range(0, 730, 3):
    dt = start + datetime.timedelta(days=day)
    for r in routes:
        if r[0] == 12 and dt < datetime.date(2024, 3, 4):
            continue
        for _ in range(rng.randint(0, route_weight[r[0]] // 4 + 1)):
            tid += 1
            dep = route_depot[r[0]]
            hour = rng.randint(22, 23) if r[0] == 7 else rng.randint(5, 21)
            status = rng.choices(["Completed", "Cancelled", "Diverted"], [88, 7, 5])[0]
            delay = None if status == "Cancelled" else max(0, int(rng.gauss(3, 4)))
            seats = [v for v in vehicles if v[0] in veh_by_depot[dep]]
            v = rng.choice(seats)
            pax = None if status == "Cancelled" else rng.randint(3, v[4])
            trips.append((tid, r[0], v[0], rng.choice(drv_by_depot[dep]), dt.isoformat(),
                          f"{hour:02d}:{rng.choice([0, 10, 15, 20, 30, 40, 45, 50]):02d}", status, delay, pax))
cur.executemany("INSERT INTO trips VALUES (?,?,?,?,?,?,?,?,?)", trips)

# fare cards
card_types = ["Adult", "Adult", "Adult", "Student", "Senior", "Concession"]
cards = []
for i in range(1, 451):
    ct = rng.choice(card_types)
    if rng.random() < 0.15:
        holder = None
    else:
        f, l = rng.choice(first), rng.choice(last)
        holder = f"{f} {l}"
    status = rng.choices(["Active", "Blocked", "Expired"], [82, 6, 12])[0]
    cards.append((i, f"TC-{700000 + i * 37:07d}", holder, ct, rng.choice(districts),
                  rdate("2019-01-01", "2024-10-31"), status))
cur.executemany("INSERT INTO fare_cards VALUES (?,?,?,?,?,?,?)", cards)

products = [("Single", None), ("Day Pass", 6.50), ("Weekly Pass", 24.00), ("Monthly Pass", 82.00), ("10-Trip Carnet", None)]
disc = {"Adult": 1.0, "Student": 0.6, "Senior": 0.5, "Concession": 0.5}
sales = []
sid = 0
for c in cards:
    n = rng.choices([0, 1, 2, 3, 5, 8], [10, 20, 25, 20, 15, 10])[0]
    issued = datetime.date.fromisoformat(c[5])
    for _ in range(n):
        sid += 1
        lo = max(issued, datetime.date(2023, 1, 1))
        d = rdate(lo.isoformat(), "2024-12-31") if lo < datetime.date(2024, 12, 31) else "2024-12-31"
        prod, price = rng.choices(products, [40, 20, 15, 10, 15])[0]
        route = rng.choice(routes)
        if prod == "Single":
            price = route[4]; rid = route[0]; qty = rng.randint(1, 4)
        elif prod == "10-Trip Carnet":
            price = round(route[4] * 9, 2); rid = route[0]; qty = 1
        else:
            rid = None; qty = rng.choice([1, 1, 1, 2])
        if route[0] == 12 and d < "2024-03-04" and rid == 12:
            rid = 1; price = routes[0][4] if prod == "Single" else round(routes[0][4] * 9, 2)
        price = round(price * disc[c[3]], 2)
        ch = rng.choices(["App", "Ticket Machine", "Driver", "Travel Centre"], [40, 30, 20, 10])[0]
        sales.append((sid, c[0], rid, d, prod, qty, price, ch))
cur.executemany("INSERT INTO ticket_sales VALUES (?,?,?,?,?,?,?,?)", sales)

con.commit()
con.close()
