#!/usr/bin/env python3
"""Build carrental.sqlite: a synthetic car-rental company database (stdlib only, fixed seed)."""
import os, random, sqlite3, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
DB = os.path.join(HERE, "carrental.sqlite")
rng = random.Random(20240607)

if os.path.exists(DB):
    os.remove(DB)
con = sqlite3.connect(DB)
cur = con.cursor()
cur.executescript("""
PRAGMA foreign_keys = ON;
CREATE TABLE branches (
  branch_id INTEGER PRIMARY KEY,
  branch_name TEXT NOT NULL,
  city TEXT NOT NULL,
  region TEXT NOT NULL,
  opened_on TEXT NOT NULL,
  is_airport INTEGER NOT NULL
);
CREATE TABLE employees (
  employee_id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  job_title TEXT NOT NULL,
  branch_id INTEGER NOT NULL REFERENCES branches(branch_id),
  manager_id INTEGER REFERENCES employees(employee_id),
  hire_date TEXT NOT NULL,
  salary REAL NOT NULL
);
CREATE TABLE vehicles (
  vehicle_id INTEGER PRIMARY KEY,
  plate_number TEXT NOT NULL UNIQUE,
  make TEXT NOT NULL,
  model TEXT NOT NULL,
  model_year INTEGER NOT NULL,
  category TEXT NOT NULL,
  fuel_type TEXT NOT NULL,
  seats INTEGER NOT NULL,
  daily_rate REAL NOT NULL,
  odometer_km INTEGER NOT NULL,
  home_branch_id INTEGER NOT NULL REFERENCES branches(branch_id),
  retired_on TEXT
);
CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL,
  city TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  licence_issued_on TEXT NOT NULL,
  loyalty_tier TEXT,
  signed_up_on TEXT NOT NULL
);
CREATE TABLE rentals (
  rental_id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
  vehicle_id INTEGER NOT NULL REFERENCES vehicles(vehicle_id),
  pickup_branch_id INTEGER NOT NULL REFERENCES branches(branch_id),
  return_branch_id INTEGER NOT NULL REFERENCES branches(branch_id),
  agent_id INTEGER NOT NULL REFERENCES employees(employee_id),
  pickup_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  returned_date TEXT,
  daily_rate REAL NOT NULL,
  km_driven INTEGER,
  status TEXT NOT NULL
);
CREATE TABLE extras (
  extra_id INTEGER PRIMARY KEY,
  extra_name TEXT NOT NULL,
  price_per_day REAL NOT NULL
);
CREATE TABLE rental_extras (
  rental_id INTEGER NOT NULL REFERENCES rentals(rental_id),
  extra_id INTEGER NOT NULL REFERENCES extras(extra_id),
  quantity INTEGER NOT NULL,
  PRIMARY KEY (rental_id, extra_id)
);
CREATE TABLE payments (
  payment_id INTEGER PRIMARY KEY,
  rental_id INTEGER NOT NULL REFERENCES rentals(rental_id),
  paid_on TEXT NOT NULL,
  amount REAL NOT NULL,
  method TEXT NOT NULL
);
CREATE TABLE maintenance_jobs (
  job_id INTEGER PRIMARY KEY,
  vehicle_id INTEGER NOT NULL REFERENCES vehicles(vehicle_id),
  service_date TEXT NOT NULL,
  job_type TEXT NOT NULL,
  workshop TEXT NOT NULL,
  cost REAL NOT NULL
);
""")

def d(s):
    return dt.date.fromisoformat(s)

def rand_date(a, b):
    a, b = d(a), d(b)
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))

# branches
branches = [
    ("Dublin Airport", "Dublin", "East", "2012-03-01", 1),
    ("Dublin City Centre", "Dublin", "East", "2014-06-15", 0),
    ("Cork Airport", "Cork", "South", "2013-05-20", 1),
    ("Cork Kent Station", "Cork", "South", "2017-09-04", 0),
    ("Galway Docks", "Galway", "West", "2015-04-11", 0),
    ("Shannon Airport", "Shannon", "West", "2016-02-01", 1),
    ("Limerick Centre", "Limerick", "South", "2018-07-23", 0),
    ("Kilkenny Town", "Kilkenny", "East", "2020-10-05", 0),
    ("Sligo Quay", "Sligo", "North", "2021-03-15", 0),
    ("Letterkenny Retail Park", "Letterkenny", "North", "2022-05-30", 0),
]
for i, b in enumerate(branches, 1):
    cur.execute("INSERT INTO branches VALUES (?,?,?,?,?,?)", (i,) + b)

FIRST = ["Aoife","Ciaran","Niamh","Sean","Emma","Conor","Saoirse","Liam","Ciara","Darragh","Orla","Eoin",
         "Grace","Patrick","Sinead","Michael","Roisin","Cian","Laura","Declan","Fiona","Brian","Mary","Tom",
         "Hannah","James","Sarah","David","Katie","Mark","Anna","Paul","Rachel","Kevin","Chloe","Ryan",
         "Lucy","Adam","Megan","Jack","Ella","Noah","Zoe","Oisin","Ailbhe","Fionn","Maeve","Rory"]
LAST = ["Murphy","Kelly","O'Sullivan","Walsh","Smith","O'Brien","Byrne","Ryan","O'Connor","O'Neill",
        "O'Reilly","Doyle","McCarthy","Gallagher","Doherty","Kennedy","Lynch","Murray","Quinn","Moore",
        "McLoughlin","Carroll","Connolly","Daly","Connell","Wilson","Dunne","Brennan","Burke","Collins",
        "Campbell","Clarke","Johnston","Hughes","Farrell","Fitzgerald","Brown","Martin","Maguire","Nolan"]

# employees: one branch manager per branch reporting to regional director (emp 1)
emps = []
eid = 1
used_names = set()
def new_name():
    while True:
        n = (rng.choice(FIRST), rng.choice(LAST))
        if n not in used_names:
            used_names.add(n)
            return n
fn, ln = new_name()
emps.append((eid, fn, ln, "Operations Director", 1, None, "2012-01-09", 98000.0))
eid += 1
branch_mgr = {}
for b in range(1, 11):
    fn, ln = new_name()
    hd = rand_date(branches[b-1][3], "2023-01-01").isoformat()
    emps.append((eid, fn, ln, "Branch Manager", b, 1, hd, float(rng.randrange(52000, 68000, 500))))
    branch_mgr[b] = eid
    eid += 1
agents_by_branch = {}
for b in range(1, 11):
    n = rng.randint(2, 5)
    agents_by_branch[b] = []
    for _ in range(n):
        fn, ln = new_name()
        title = rng.choice(["Rental Agent", "Rental Agent", "Rental Agent", "Senior Rental Agent", "Fleet Technician"])
        hd = rand_date(branches[b-1][3], "2024-06-01").isoformat()
        sal = {"Rental Agent": (29000, 36000), "Senior Rental Agent": (36000, 44000), "Fleet Technician": (33000, 42000)}[title]
        emps.append((eid, fn, ln, title, b, branch_mgr[b], hd, float(rng.randrange(sal[0], sal[1], 250))))
        if title != "Fleet Technician":
            agents_by_branch[b].append(eid)
        eid += 1
    if not agents_by_branch[b]:
        agents_by_branch[b].append(branch_mgr[b])
cur.executemany("INSERT INTO employees VALUES (?,?,?,?,?,?,?,?)", emps)

# vehicles
MODELS = [
    ("Toyota", "Yaris", "Economy", "Hybrid", 5, 39), ("Volkswagen", "Polo", "Economy", "Petrol", 5, 37),
    ("Ford", "Fiesta", "Economy", "Petrol", 5, 35), ("Hyundai", "i30", "Compact", "Petrol", 5, 45),
    ("Skoda", "Octavia", "Compact", "Diesel", 5, 49), ("Toyota", "Corolla", "Compact", "Hybrid", 5, 52),
    ("Volkswagen", "Passat", "Intermediate", "Diesel", 5, 64), ("Skoda", "Superb", "Intermediate", "Diesel", 5, 68),
    ("BMW", "3 Series", "Premium", "Petrol", 5, 95), ("Audi", "A6", "Premium", "Diesel", 5, 110),
    ("Tesla", "Model 3", "Premium", "Electric", 5, 105), ("Nissan", "Leaf", "Compact", "Electric", 5, 55),
    ("Kia", "Sportage", "SUV", "Diesel", 5, 72), ("Hyundai", "Tucson", "SUV", "Hybrid", 5, 75),
    ("Volvo", "XC90", "SUV", "Hybrid", 7, 125), ("Ford", "Galaxy", "People Carrier", "Diesel", 7, 88),
    ("Volkswagen", "Transporter", "Van", "Diesel", 3, 80), ("Renault", "Kangoo", "Van", "Diesel", 2, 58),
]
vehicles = []
plates = set()
for vid in range(1, 121):
    mk, md, cat, fuel, seats, base = rng.choice(MODELS)
    year = rng.randint(2018, 2024)
    while True:
        yy = year % 100
        county = rng.choice(["D", "C", "G", "L", "KK", "SO", "DL", "CE"])
        p = f"{yy}{rng.choice(['1','2'])}-{county}-{rng.randint(100, 99999)}"
        if p not in plates:
            plates.add(p); break
    rate = round(base + (year - 2018) * 1.5 + rng.choice([0, 0, 2.5, -2.5]), 2)
    odo = (2025 - year) * rng.randint(9000, 22000) + rng.randint(0, 5000)
    home = rng.randint(1, 10)
    retired = None
    if year <= 2019 and rng.random() < 0.35:
        retired = rand_date("2024-03-01", "2025-02-28").isoformat()
    vehicles.append((vid, p, mk, md, year, cat, fuel, seats, rate, odo, home, retired))
cur.executemany("INSERT INTO vehicles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", vehicles)

# customers
CITIES = ["Dublin", "Dublin", "Dublin", "Cork", "Cork", "Galway", "Limerick", "Waterford", "Kilkenny",
          "Sligo", "Belfast", "London", "Manchester", "Boston", "New York", "Berlin", "Paris", "Madrid"]
customers = []
for cid in range(1, 301):
    fn, ln = rng.choice(FIRST), rng.choice(LAST)
    city = rng.choice(CITIES)
    bd = rand_date("1950-01-01", "2003-12-31")
    lic = bd.replace(year=bd.year + rng.randint(17, 30), day=min(bd.day, 28))
    tier = rng.choice([None, None, None, "Bronze", "Bronze", "Silver", "Gold", "Platinum"])
    su = rand_date("2019-01-01", "2024-10-31")
    dom = rng.choice(["gmail.com", "outlook.com", "yahoo.com", "eircom.net", "icloud.com"])
    email = f"{fn.lower()}.{ln.lower().replace(chr(39), '')}{cid}@{dom}"
    customers.append((cid, fn, ln, email, city, bd.isoformat(), lic.isoformat(), tier, su.isoformat()))
cur.executemany("INSERT INTO customers VALUES (?,?,?,?,?,?,?,?,?)", customers)

# extras
extras = [(1, "GPS Navigation", 8.5), (2, "Child Seat", 9.0), (3, "Booster Seat", 6.5),
          (4, "Additional Driver", 12.0), (5, "Full Damage Waiver", 24.0), (6, "Roof Box", 11.0),
          (7, "Snow Chains", 7.0), (8, "Wi-Fi Hotspot", 6.0)]
cur.executemany("INSERT INTO extras VALUES (?,?,?)", extras)

# rentals
rentals, rext, pays = [], [], []
cust_weights = [rng.random() ** 2 for _ in customers]
veh_busy = {v[0]: [] for v in vehicles}
rid = 0
pid = 0
for _ in range(1400):
    c = rng.choices(range(1, 301), weights=cust_weights)[0]
    cust = customers[c - 1]
    pickup = rand_date("2022-01-01", "2025-03-31")
    if pickup < d(cust[8]):
        continue
    dur = rng.choice([1, 2, 2, 3, 3, 3, 4, 5, 5, 7, 7, 10, 14, 21])
    due = pickup + dt.timedelta(days=dur)
    cand = [v for v in vehicles if (v[11] is None or d(v[11]) > due)]
    v = rng.choice(cand)
    if any(not (due <= a or pickup >= b) for a, b in veh_busy[v[0]]):
        continue
    pb = v[10] if rng.random() < 0.7 else rng.randint(1, 10)
    if d(branches[pb-1][3]) > pickup:
        pb = 1
    rb = pb if rng.random() < 0.8 else rng.randint(1, 10)
    if d(branches[rb-1][3]) > pickup:
        rb = pb
    agent = rng.choice(agents_by_branch[pb])
    today = d("2025-04-15")
    r = rng.random()
    if due > today and pickup <= today:
        status, ret, km = "Active", None, None
    elif r < 0.05:
        status, ret, km = "Cancelled", None, None
    else:
        late = rng.choice([0] * 12 + [1, 1, 2, 3, 5]) if rng.random() < 0.9 else -1
        ret = due + dt.timedelta(days=late)
        if ret <= pickup:
            ret = pickup + dt.timedelta(days=1)
        status = "Completed"
        km = rng.randint(40, 260) * (ret - pickup).days
    if pickup > today:
        continue
    rid += 1
    veh_busy[v[0]].append((pickup, ret or due))
    rate = v[8]
    rentals.append((rid, c, v[0], pb, rb, agent, pickup.isoformat(), due.isoformat(),
                    ret.isoformat() if ret else None, rate, km, status))
    days = ((ret or due) - pickup).days
    extra_total = 0.0
    if status != "Cancelled":
        for e in rng.sample(extras, rng.choice([0, 0, 0, 1, 1, 2, 3])):
            q = 1 if e[0] not in (2, 3) else rng.choice([1, 1, 2])
            if e[0] == 7 and pickup.month not in (11, 12, 1, 2, 3):
                continue
            rext.append((rid, e[0], q))
            extra_total += q * e[2] * days
    if status == "Completed":
        total = round(rate * days + extra_total, 2)
        if rng.random() < 0.3:
            dep = round(min(100.0, total / 2), 2)
            pid += 1; pays.append((pid, rid, (pickup - dt.timedelta(days=rng.randint(1, 20))).isoformat(), dep, "Card"))
            pid += 1; pays.append((pid, rid, ret.isoformat(), round(total - dep, 2), rng.choice(["Card", "Card", "Cash", "Bank Transfer"])))
        else:
            pid += 1; pays.append((pid, rid, ret.isoformat(), total, rng.choice(["Card", "Card", "Card", "Cash", "Bank Transfer", "Voucher"])))
    elif status == "Active" and rng.random() < 0.5:
        pid += 1; pays.append((pid, rid, pickup.isoformat(), round(min(100.0, rate * dur / 2), 2), "Card"))

cur.executemany("INSERT INTO rentals VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rentals)
cur.executemany("INSERT INTO rental_extras VALUES (?,?,?)", rext)
cur.executemany("INSERT INTO payments VALUES (?,?,?,?,?)", pays)

# maintenance
WORKSHOPS = ["Fleetcare Dublin", "Munster Motor Works", "Atlantic Auto Services", "QuickFit Tyres", "Northwest Garage"]
JOBS = [("Oil Service", 90, 180), ("Tyre Replacement", 240, 520), ("Brake Pads", 150, 320),
        ("NCT Test", 55, 55), ("Windscreen Repair", 80, 450), ("Bodywork", 200, 1800), ("Battery Replacement", 120, 260)]
jobs = []
jid = 0
for v in vehicles:
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
        jt, lo, hi = rng.choice(JOBS)
        jid += 1
        end = v[11] or "2025-04-10"
        sd = rand_date(f"{max(v[4], 2021)}-01-15", end)
        jobs.append((jid, v[0], sd.isoformat(), jt, rng.choice(WORKSHOPS), round(rng.uniform(lo, hi), 2) if lo != hi else float(lo)))
jobs.sort(key=lambda j: (j[2], j[1]))
jobs = [(i + 1,) + j[1:] for i, j in enumerate(jobs)]
cur.executemany("INSERT INTO maintenance_jobs VALUES (?,?,?,?,?,?)", jobs)

con.commit()
con.execute("VACUUM")
con.close()
