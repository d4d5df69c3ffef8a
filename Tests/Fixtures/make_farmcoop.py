#!/usr/bin/env python3
"""Build farmcoop.sqlite: a synthetic farming cooperative (fields, crops, harvests, grain sales).
Python stdlib only, fixed seed; output is byte-identical on every run."""
import os, random, sqlite3, datetime

HERE = os.path.dirname(os.path.abspath(__file__))
DB = os.path.join(HERE, "farmcoop.sqlite")
rng = random.Random(20261202)

if os.path.exists(DB):
    os.remove(DB)
con = sqlite3.connect(DB)
cur = con.cursor()
cur.executescript("""
PRAGMA foreign_keys = ON;
CREATE TABLE agronomists (
  agronomist_id INTEGER PRIMARY KEY,
  full_name TEXT NOT NULL,
  specialty TEXT NOT NULL,
  hire_date TEXT NOT NULL,
  mentor_id INTEGER REFERENCES agronomists(agronomist_id)
);
CREATE TABLE farms (
  farm_id INTEGER PRIMARY KEY,
  farm_name TEXT NOT NULL,
  owner_name TEXT NOT NULL,
  region TEXT NOT NULL,
  town TEXT NOT NULL,
  member_since TEXT NOT NULL,
  organic_certified INTEGER NOT NULL,
  email TEXT,
  agronomist_id INTEGER REFERENCES agronomists(agronomist_id)
);
CREATE TABLE fields (
  field_id INTEGER PRIMARY KEY,
  farm_id INTEGER NOT NULL REFERENCES farms(farm_id),
  field_name TEXT NOT NULL,
  area_hectares REAL NOT NULL,
  soil_type TEXT NOT NULL,
  irrigated INTEGER NOT NULL
);
CREATE TABLE crops (
  crop_id INTEGER PRIMARY KEY,
  crop_name TEXT NOT NULL,
  category TEXT NOT NULL,
  days_to_maturity INTEGER NOT NULL
);
CREATE TABLE plantings (
  planting_id INTEGER PRIMARY KEY,
  field_id INTEGER NOT NULL REFERENCES fields(field_id),
  crop_id INTEGER NOT NULL REFERENCES crops(crop_id),
  season_year INTEGER NOT NULL,
  sow_date TEXT NOT NULL,
  seed_rate_kg_per_ha REAL NOT NULL
);
CREATE TABLE harvests (
  harvest_id INTEGER PRIMARY KEY,
  planting_id INTEGER NOT NULL REFERENCES plantings(planting_id),
  harvest_date TEXT NOT NULL,
  yield_tonnes REAL NOT NULL,
  quality_grade TEXT NOT NULL,
  moisture_pct REAL
);
CREATE TABLE buyers (
  buyer_id INTEGER PRIMARY KEY,
  company_name TEXT NOT NULL,
  buyer_type TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL
);
CREATE TABLE sales (
  sale_id INTEGER PRIMARY KEY,
  harvest_id INTEGER NOT NULL REFERENCES harvests(harvest_id),
  buyer_id INTEGER NOT NULL REFERENCES buyers(buyer_id),
  sale_date TEXT NOT NULL,
  tonnes_sold REAL NOT NULL,
  price_per_tonne REAL NOT NULL,
  status TEXT NOT NULL
);
""")

first = ["Anna","Ben","Clara","David","Elena","Frank","Greta","Hugo","Irene","Jonas","Katrin","Lukas",
         "Maria","Nils","Olga","Paul","Rosa","Simon","Tanja","Victor","Wanda","Yusuf","Zoe","Marco",
         "Ingrid","Tomas","Lea","Oskar","Heidi","Pieter"]
last = ["Brandt","Keller","Hoffmann","Novak","Jensen","Moreau","Ricci","Svensson","Wagner","Kowalski",
        "Dubois","Lindqvist","Fischer","Horvath","Bauer","Meyer","Larsen","Costa","Weber","Schmid",
        "Petrov","Olsen","Vogel","Marchetti","Berg"]
specialties = ["Soil Science","Crop Protection","Irrigation","Plant Nutrition","Agronomy"]

# agronomists: 10, first 3 are senior (no mentor)
agros = []
used = set()
def person():
    while True:
        n = rng.choice(first) + " " + rng.choice(last)
        if n not in used:
            used.add(n); return n
for i in range(1, 11):
    mentor = None if i <= 3 else rng.randint(1, 3)
    hire = datetime.date(2008 + (i if i <= 3 else rng.randint(4, 16)), rng.randint(1, 12), rng.randint(1, 28))
    agros.append((i, person(), specialties[(i - 1) % 5], hire.isoformat(), mentor))
cur.executemany("INSERT INTO agronomists VALUES (?,?,?,?,?)", agros)

regions = {"North Plains": ["Eldham","Marlow","Kestrel Bay"],
           "River Valley": ["Ashford","Brookton","Millbridge"],
           "Highlands": ["Stonecrest","Fernhill"],
           "Southern Coast": ["Port Alden","Saltmarsh","Greyhaven"]}
farm_words1 = ["Green","Oak","Willow","Sunny","Golden","Maple","Red Barn","Clear Spring","Stone","Hazel",
               "Birch","Meadow","Silver","Windy","Cedar","High","Elm","Bramble","Lark","Fox"]
farm_words2 = ["Acres","Farm","Fields","Hollow","Ridge","Homestead","Valley Farm","Grange","Meadows","Estate"]
farms = []
fnames = set()
for i in range(1, 41):
    while True:
        nm = rng.choice(farm_words1) + " " + rng.choice(farm_words2)
        if nm not in fnames:
            fnames.add(nm); break
    region = rng.choice(sorted(regions))
    town = rng.choice(regions[region])
    owner = person()
    since = datetime.date(rng.randint(2005, 2022), rng.randint(1, 12), rng.randint(1, 28)).isoformat()
    organic = 1 if rng.random() < 0.3 else 0
    email = None if rng.random() < 0.25 else nm.lower().replace(" ", "") + "@farmmail.example"
    agr = None if rng.random() < 0.1 else rng.randint(1, 10)
    farms.append((i, nm, owner, region, town, since, organic, email, agr))
cur.executemany("INSERT INTO farms VALUES (?,?,?,?,?,?,?,?,?)", farms)

soils = ["Loam","Clay","Sandy loam","Silt","Peat","Chalk"]
fieldnames = ["North Field","South Field","East Paddock","West Paddock","Long Acre","River Meadow",
              "Hilltop","Lower Field","Upper Field","Barn Field","Orchard Strip","Mill Field"]
fields = []
fid = 0
for f in farms:
    n = rng.randint(1, 5)
    for nm in rng.sample(fieldnames, n):
        fid += 1
        fields.append((fid, f[0], nm, round(rng.uniform(2.5, 60.0), 1), rng.choice(soils),
                       1 if rng.random() < 0.4 else 0))
cur.executemany("INSERT INTO fields VALUES (?,?,?,?,?,?)", fields)

crops = [(1,"Winter Wheat","Cereal",290,(6,9),180,(9,10)),(2,"Spring Barley","Cereal",110,(4,7),165,(3,4)),
         (3,"Maize","Cereal",140,(7,12),175,(4,5)),(4,"Oats","Cereal",120,(4,6),150,(3,4)),
         (5,"Rapeseed","Oilseed",300,(2.5,4.5),420,(8,9)),(6,"Sunflower","Oilseed",130,(2,3.5),390,(4,5)),
         (7,"Soybean","Legume",120,(2.5,4),410,(5,5)),(8,"Field Peas","Legume",95,(3,5),280,(3,4)),
         (9,"Potatoes","Root Crop",120,(30,50),140,(3,4)),(10,"Sugar Beet","Root Crop",180,(55,80),45,(3,4)),
         (11,"Rye","Cereal",280,(4,7),170,(9,10)),(12,"Lentils","Legume",100,(1.2,2.2),620,(3,4))]
cur.executemany("INSERT INTO crops VALUES (?,?,?,?)", [c[:4] for c in crops])
seed_rates = {1:180,2:160,3:25,4:140,5:4,6:6,7:90,8:220,9:2500,10:1.2,11:150,12:80}

plantings, harvests, sales = [], [], []
pid = hid = sid = 0
grades = ["A","A","B","B","B","C"]
buyers = [(1,"Northgate Milling Co.","Miller","Eldham","UK"),(2,"Baltic Grain Traders","Trader","Riga","Latvia"),
          (3,"Sunrise Oils Ltd","Crusher","Rotterdam","Netherlands"),(4,"Valley Feed Mill","Feed Mill","Brookton","UK"),
          (5,"Hansa Malting","Maltster","Hamburg","Germany"),(6,"Crispin Snacks","Food Processor","Leeds","UK"),
          (7,"Sweetfield Sugar","Processor","Ely","UK"),(8,"Continental Agri Export","Trader","Antwerp","Belgium"),
          (9,"GreenLeaf Organics","Food Processor","Bristol","UK"),(10,"Porto Cereal Trading","Trader","Porto","Portugal"),
          (11,"Highland Distillers","Maltster","Perth","UK"),(12,"Alpine Mühle AG","Miller","Zurich","Switzerland")]
cur.executemany("INSERT INTO buyers VALUES (?,?,?,?,?)", buyers)
crop_buyers = {1:[1,2,8,10,12],2:[5,11,4,2],3:[4,8,10],4:[1,4,9],5:[3,8],6:[3,10],7:[3,4,8],
               8:[4,9],9:[6,9],10:[7],11:[1,11,12],12:[9,8]}
# buyer 12 kept for wheat/rye only; buyer with no sales: none forced, but some random
for fl in fields:
    for year in (2022, 2023, 2024, 2025):
        if rng.random() < 0.3:
            continue
        c = rng.choice(crops)
        pid += 1
        sm_lo, sm_hi = c[6]
        if c[3] > 250:
            sow = datetime.date(year - 1, rng.choice([9, 10]), rng.randint(1, 28))
        else:
            sow = datetime.date(year, rng.randint(sm_lo, sm_hi) if sm_lo >= 3 else 4, rng.randint(1, 28))
        sr = round(seed_rates[c[0]] * rng.uniform(0.85, 1.15), 1)
        plantings.append((pid, fl[0], c[0], year, sow.isoformat(), sr))
        if year == 2025 and rng.random() < 0.25:
            continue  # not yet harvested / failed
        if rng.random() < 0.04:
            continue  # crop failure, no harvest recorded
        hdate = sow + datetime.timedelta(days=c[3] + rng.randint(-10, 15))
        yld = round(fl[3] * rng.uniform(*c[4]) * (1.1 if fl[5] else 1.0), 1)
        hid += 1
        moist = None if rng.random() < 0.1 else round(rng.uniform(11.0, 19.5), 1)
        harvests.append((hid, pid, hdate.isoformat(), yld, rng.choice(grades), moist))
        remaining = yld
        for k in range(rng.choice([0, 1, 1, 1, 2, 2, 3])):
            if remaining < 1:
                break
            t = round(remaining * rng.uniform(0.3, 0.9) if k < 2 else remaining * 0.8, 1)
            if t <= 0:
                continue
            remaining -= t
            sid += 1
            sdate = hdate + datetime.timedelta(days=rng.randint(3, 120))
            price = round(c[5] * rng.uniform(0.8, 1.25) * {"A": 1.08, "B": 1.0, "C": 0.88}[harvests[-1][4]], 2)
            status = rng.choices(["Delivered", "Invoiced", "Pending", "Cancelled"], [60, 20, 12, 8])[0]
            if sdate > datetime.date(2026, 3, 31):
                sdate = datetime.date(2026, 3, rng.randint(1, 31))
            sales.append((sid, hid, rng.choice(crop_buyers[c[0]]), sdate.isoformat(), t, price, status))
cur.executemany("INSERT INTO plantings VALUES (?,?,?,?,?,?)", plantings)
cur.executemany("INSERT INTO harvests VALUES (?,?,?,?,?,?)", harvests)
cur.executemany("INSERT INTO sales VALUES (?,?,?,?,?,?,?)", sales)
con.commit()
con.execute("VACUUM")
con.close()
print("farms", len(farms), "fields", len(fields), "plantings", len(plantings),
      "harvests", len(harvests), "sales", len(sales))
