#!/usr/bin/env python3
"""Build courier.sqlite: a synthetic parcel courier / freight company (CC0 1.0).
Python 3 stdlib only, fixed seed; the same bytes on every run."""
import os, random, sqlite3, datetime

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "courier.sqlite")
rng = random.Random(20240817)

if os.path.exists(OUT):
    os.remove(OUT)
con = sqlite3.connect(OUT)
cur = con.cursor()
cur.executescript("""
PRAGMA foreign_keys = ON;
CREATE TABLE depots (
  depot_id INTEGER PRIMARY KEY,
  depot_name TEXT NOT NULL,
  city TEXT NOT NULL,
  region TEXT NOT NULL,
  opened_on TEXT NOT NULL,
  dock_count INTEGER NOT NULL
);
CREATE TABLE couriers (
  courier_id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  depot_id INTEGER NOT NULL REFERENCES depots(depot_id),
  vehicle_type TEXT NOT NULL,
  hired_on TEXT NOT NULL,
  team_lead_id INTEGER REFERENCES couriers(courier_id)
);
CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  company_name TEXT NOT NULL,
  contact_name TEXT NOT NULL,
  city TEXT NOT NULL,
  account_type TEXT NOT NULL,
  signed_up_on TEXT NOT NULL
);
CREATE TABLE service_levels (
  service_id INTEGER PRIMARY KEY,
  service_name TEXT NOT NULL,
  price_per_kg REAL NOT NULL,
  promised_days INTEGER NOT NULL
);
CREATE TABLE shipments (
  shipment_id INTEGER PRIMARY KEY,
  tracking_code TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
  service_id INTEGER NOT NULL REFERENCES service_levels(service_id),
  origin_depot_id INTEGER NOT NULL REFERENCES depots(depot_id),
  courier_id INTEGER REFERENCES couriers(courier_id),
  destination_city TEXT NOT NULL,
  booked_on TEXT NOT NULL,
  delivered_on TEXT,
  status TEXT NOT NULL
);
CREATE TABLE parcels (
  parcel_id INTEGER PRIMARY KEY,
  shipment_id INTEGER NOT NULL REFERENCES shipments(shipment_id),
  weight_kg REAL NOT NULL,
  length_cm INTEGER NOT NULL,
  width_cm INTEGER NOT NULL,
  height_cm INTEGER NOT NULL,
  contents TEXT NOT NULL,
  declared_value REAL NOT NULL,
  is_fragile INTEGER NOT NULL
);
CREATE TABLE delivery_attempts (
  attempt_id INTEGER PRIMARY KEY,
  shipment_id INTEGER NOT NULL REFERENCES shipments(shipment_id),
  courier_id INTEGER NOT NULL REFERENCES couriers(courier_id),
  attempted_on TEXT NOT NULL,
  outcome TEXT NOT NULL
);
""")

depots = [
    ("Leeds Central Hub", "Leeds", "North"),
    ("Manchester Trafford Depot", "Manchester", "North"),
    ("Newcastle Quayside Depot", "Newcastle", "North"),
    ("Birmingham Hub", "Birmingham", "Midlands"),
    ("Nottingham East Depot", "Nottingham", "Midlands"),
    ("Bristol Avonmouth Depot", "Bristol", "South West"),
    ("Exeter Depot", "Exeter", "South West"),
    ("London Park Royal Hub", "London", "South East"),
    ("Southampton Docks Depot", "Southampton", "South East"),
    ("Cardiff Bay Depot", "Cardiff", "Wales"),
]
for i, (n, c, r) in enumerate(depots, 1):
    d = datetime.date(2008, 1, 1) + datetime.timedelta(days=rng.randint(0, 4800))
    cur.execute("INSERT INTO depots VALUES (?,?,?,?,?,?)", (i, n, c, r, d.isoformat(), rng.randint(6, 40)))

firsts = ["James", "Olivia", "Mohammed", "Amelia", "Harry", "Isla", "Jack", "Ava", "Noah", "Mia",
          "George", "Sophie", "Leo", "Grace", "Oscar", "Freya", "Arjun", "Chloe", "Tomasz", "Zara",
          "Ethan", "Ruby", "Kwame", "Ellie", "Daniel", "Priya", "Liam", "Hannah", "Callum", "Niamh"]
lasts = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Khan", "Patel", "Walker",
         "Hughes", "Wright", "Nowak", "Robinson", "Thompson", "Clarke", "Okafor", "Murphy", "Ali", "Hall",
         "Green", "Lewis", "Bennett", "Price", "Kaur", "Morgan", "Reid", "Shaw", "Fraser", "Doyle"]
vehicles = ["Van", "Van", "Van", "Cargo bike", "Motorbike", "7.5t Truck", "18t Truck"]
couriers = []
cid = 0
used = set()
for depot in range(1, 11):
    n = rng.randint(5, 8)
    lead = None
    for k in range(n):
        cid += 1
        while True:
            nm = (rng.choice(firsts), rng.choice(lasts))
            if nm not in used:
                used.add(nm); break
        hired = datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randint(0, 4200))
        veh = rng.choice(vehicles)
        if k == 0:
            lead = cid
            tl = None
        else:
            tl = lead
        couriers.append((cid, nm[0], nm[1], depot, veh, hired.isoformat(), tl))
cur.executemany("INSERT INTO couriers VALUES (?,?,?,?,?,?,?)", couriers)
courier_depot = {c[0]: c[3] for c in couriers}

prefixes = ["Northern", "Atlas", "Brightwater", "Copperfield", "Dalton", "Evergreen", "Fairway", "Granite",
            "Harbour", "Ironbridge", "Juniper", "Kestrel", "Lakeside", "Meridian", "Nova", "Oakridge",
            "Pennine", "Quayline", "Redwood", "Silverline", "Thistle", "Union", "Vantage", "Westgate",
            "Yardley", "Zenith", "Beacon", "Cobalt", "Driftwood", "Elmstead", "Foxglove", "Greystone",
            "Highfield", "Ivory", "Kingsway", "Lindon", "Marlow", "Netherby", "Orchard", "Primrose"]
suffixes = ["Trading Ltd", "Home Goods", "Pharma", "Electronics", "Books", "Outfitters", "Ceramics",
            "Auto Parts", "Print Co", "Textiles", "Garden Supply", "Medical", "Tools", "Bakery Supplies"]
cities = ["Leeds", "Manchester", "Newcastle", "Birmingham", "Nottingham", "Bristol", "Exeter", "London",
          "Southampton", "Cardiff", "York", "Sheffield", "Liverpool", "Oxford", "Cambridge", "Swansea",
          "Plymouth", "Derby", "Leicester", "Brighton"]
acct = ["Business", "Business", "Business", "Enterprise", "Pay-as-you-go", "Pay-as-you-go"]
customers = []
names_used = set()
for i in range(1, 61):
    while True:
        nm = rng.choice(prefixes) + " " + rng.choice(suffixes)
        if nm not in names_used:
            names_used.add(nm); break
    contact = rng.choice(firsts) + " " + rng.choice(lasts)
    signed = datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randint(0, 2000))
    customers.append((i, nm, contact, rng.choice(cities), rng.choice(acct), signed.isoformat()))
cur.executemany("INSERT INTO customers VALUES (?,?,?,?,?,?)", customers)

services = [(1, "Economy", 1.10, 5), (2, "Standard", 1.65, 3), (3, "Next Day", 2.90, 1),
            (4, "Same Day", 4.75, 0), (5, "Pallet Freight", 0.85, 4), (6, "International Express", 6.20, 4)]
cur.executemany("INSERT INTO service_levels VALUES (?,?,?,?)", services)

contents_list = ["Documents", "Electronics", "Clothing", "Books", "Auto parts", "Medical supplies",
                 "Homeware", "Toys", "Food (non-perishable)", "Machinery parts", "Cosmetics", "Ceramics"]
# some customers never ship
active_customers = [c[0] for c in customers if c[0] % 13 != 0]
ship_id = 0
parcel_id = 0
attempt_id = 0
start = datetime.date(2022, 1, 3)
for s in range(1, 901):
    ship_id += 1
    cust = rng.choice(active_customers)
    svc = rng.choices([1, 2, 3, 4, 5, 6], weights=[25, 35, 20, 6, 8, 6])[0]
    origin = rng.randint(1, 10)
    booked = start + datetime.timedelta(days=rng.randint(0, 1000))
    dest = rng.choice(cities)
    promised = services[svc - 1][3]
    r = rng.random()
    depot_couriers = [c[0] for c in couriers if c[3] == origin]
    courier = rng.choice(depot_couriers)
    n_attempts = 0
    delivered = None
    if booked > datetime.date(2024, 9, 20) and r < 0.5:
        status = "In transit" if r < 0.3 else "Booked"
        if status == "Booked":
            courier = None
    elif r < 0.04:
        status = "Cancelled"
        courier = None
    elif r < 0.09:
        status = "Returned"
        n_attempts = 3
    elif r < 0.13:
        status = "Lost"
    else:
        status = "Delivered"
        lag = max(0, promised + rng.choice([-1, 0, 0, 0, 1, 1, 2, 3]))
        delivered = booked + datetime.timedelta(days=lag)
        n_attempts = rng.choices([1, 2, 3], weights=[80, 15, 5])[0]
    code = "PX%08d" % (rng.randint(10000000, 99999999) // 100 * 100 + s % 100)
    cur.execute("INSERT INTO shipments VALUES (?,?,?,?,?,?,?,?,?,?)",
                (ship_id, code, cust, svc, origin, courier, dest, booked.isoformat(),
                 delivered.isoformat() if delivered else None, status))
    nparc = rng.choices([1, 2, 3, 4], weights=[60, 25, 10, 5])[0]
    for p in range(nparc):
        parcel_id += 1
        if svc == 5:
            w = round(rng.uniform(80, 600), 1); dims = (120, 100, rng.randint(60, 180))
        else:
            w = round(rng.uniform(0.2, 28), 2)
            dims = (rng.randint(15, 90), rng.randint(10, 60), rng.randint(5, 50))
        cont = rng.choice(contents_list)
        val = round(rng.uniform(5, 1500), 2)
        fragile = 1 if cont in ("Ceramics", "Electronics", "Cosmetics") and rng.random() < 0.7 else 0
        cur.execute("INSERT INTO parcels VALUES (?,?,?,?,?,?,?,?,?)",
                    (parcel_id, ship_id, w, dims[0], dims[1], dims[2], cont, val, fragile))
    for a in range(n_attempts):
        attempt_id += 1
        if status == "Delivered":
            when = delivered - datetime.timedelta(days=(n_attempts - 1 - a))
            outcome = "Delivered" if a == n_attempts - 1 else rng.choice(["No one home", "Address not found", "Access denied"])
        else:
            when = booked + datetime.timedelta(days=promised + a + 1)
            outcome = rng.choice(["No one home", "Refused by recipient", "Address not found"])
        cur.execute("INSERT INTO delivery_attempts VALUES (?,?,?,?,?)",
                    (attempt_id, ship_id, courier, when.isoformat(), outcome))

con.commit()
con.execute("VACUUM")
con.close()
