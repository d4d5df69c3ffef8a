#!/usr/bin/env python3
"""Build charity.sqlite: a synthetic charity fundraising database (donors, campaigns,
donations, events, tickets, volunteers, shifts). Python stdlib only, fixed seed."""
import os, random, sqlite3, datetime

HERE = os.path.dirname(os.path.abspath(__file__))
DB = os.path.join(HERE, "charity.sqlite")
rng = random.Random(20240611)

SCHEMA = """
CREATE TABLE causes (
  cause_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL
);
CREATE TABLE campaigns (
  campaign_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  cause_id INTEGER NOT NULL REFERENCES causes(cause_id),
  channel TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  target_amount REAL NOT NULL,
  status TEXT NOT NULL
);
CREATE TABLE donors (
  donor_id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  organisation TEXT,
  email TEXT,
  city TEXT NOT NULL,
  donor_type TEXT NOT NULL,
  joined_date TEXT NOT NULL,
  referred_by INTEGER REFERENCES donors(donor_id)
);
CREATE TABLE donations (
  donation_id INTEGER PRIMARY KEY,
  donor_id INTEGER NOT NULL REFERENCES donors(donor_id),
  campaign_id INTEGER NOT NULL REFERENCES campaigns(campaign_id),
  donation_date TEXT NOT NULL,
  amount REAL NOT NULL,
  payment_method TEXT NOT NULL,
  gift_aid INTEGER NOT NULL
);
CREATE TABLE events (
  event_id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(campaign_id),
  title TEXT NOT NULL,
  event_type TEXT NOT NULL,
  event_date TEXT NOT NULL,
  city TEXT NOT NULL,
  ticket_price REAL NOT NULL,
  capacity INTEGER NOT NULL
);
CREATE TABLE ticket_sales (
  sale_id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(event_id),
  donor_id INTEGER NOT NULL REFERENCES donors(donor_id),
  quantity INTEGER NOT NULL,
  unit_price REAL NOT NULL,
  sale_date TEXT NOT NULL
);
CREATE TABLE volunteers (
  volunteer_id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  city TEXT NOT NULL,
  start_date TEXT NOT NULL,
  donor_id INTEGER REFERENCES donors(donor_id)
);
CREATE TABLE volunteer_shifts (
  shift_id INTEGER PRIMARY KEY,
  volunteer_id INTEGER NOT NULL REFERENCES volunteers(volunteer_id),
  event_id INTEGER NOT NULL REFERENCES events(event_id),
  role TEXT NOT NULL,
  hours REAL NOT NULL
);
"""

FIRST = ["Amelia","Oliver","Isla","George","Ava","Harry","Mia","Noah","Sophie","Jack","Grace",
 "Leo","Freya","Arthur","Lily","Oscar","Ella","Charlie","Ruby","Theo","Evie","Alfie","Poppy",
 "Henry","Chloe","Finley","Hannah","Samuel","Zara","Priya","Mohammed","Aisha","Tomasz","Niamh",
 "Callum","Megan","Rhys","Eilidh","Ravi","Fatima"]
LAST = ["Smith","Jones","Taylor","Brown","Williams","Wilson","Johnson","Davies","Patel","Robinson",
 "Wright","Thompson","Evans","Walker","White","Roberts","Green","Hall","Wood","Jackson","Clarke",
 "Khan","Hughes","Edwards","Murphy","Campbell","Kowalski","Okafor","Reid","Morgan","Price","Lewis"]
CITIES = ["London","Manchester","Birmingham","Leeds","Bristol","Glasgow","Edinburgh","Cardiff",
 "Liverpool","Sheffield","Nottingham","Brighton","Belfast","York","Norwich"]
CITY_W = [20,12,10,8,9,7,6,5,6,4,4,4,3,2,2]
CORP = ["Northgate Logistics","Harbour Bank","Greenleaf Foods","Pennine Energy","Castle Insurance",
 "Riverside Media","Oakwood Builders","Silverline Telecom","Meadow Pharmacy Group","Kestrel Software",
 "Brightwater Utilities","Thornbury Motors","Lark Hill Brewery","Bluebell Retail","Ashford Legal"]
TRUSTS = ["Hollis Family Trust","Marsden Foundation","Ellery Charitable Trust","Whitcombe Trust",
 "Sefton Foundation","Garrow Family Trust"]

causes = [(1,"Clean Water for Villages","International Aid"),(2,"Children's Literacy","Education"),
 (3,"Rough Sleeping Outreach","Homelessness"),(4,"Hedgehog Rescue","Animal Welfare"),
 (5,"Ocean Plastic Cleanup","Environment"),(6,"Dementia Carers Support","Health"),
 (7,"Food Bank Network","Poverty Relief"),(8,"Rewilding Uplands","Environment"),
 (9,"Mental Health Helpline","Health")]

def d(y,m,dd): return datetime.date(y,m,dd)
def iso(x): return x.isoformat()
def rand_date(a,b):
    return a + datetime.timedelta(days=rng.randint(0,(b-a).days))

CHANNELS = ["Online","Street","Events","Direct Mail","Telephone"]
camp_names = ["Spring Appeal","Winter Warmth","Summer Splash","Autumn Drive","Giving Tuesday",
 "Marathon Pledge","Christmas Appeal","Legacy Week","Big Walk","Bake Sale Season","Sponsor a Well",
 "Read With Me","Night Shelter Appeal","Hedgehog Homes","Beach Clean Day","Memory Cafe Fund",
 "Harvest Collection","Tree Planting Week","Talk Today","Emergency Water Response","Book Bus",
 "Sleep Out","Coastal Guardians","Carers Respite Fund"]
CAUSE_OF = {"Spring Appeal":7,"Winter Warmth":3,"Summer Splash":5,"Autumn Drive":2,"Giving Tuesday":9,
 "Marathon Pledge":6,"Christmas Appeal":7,"Legacy Week":1,"Big Walk":6,"Bake Sale Season":2,
 "Sponsor a Well":1,"Read With Me":2,"Night Shelter Appeal":3,"Hedgehog Homes":4,"Beach Clean Day":5,
 "Memory Cafe Fund":6,"Harvest Collection":7,"Tree Planting Week":8,"Talk Today":9,
 "Emergency Water Response":1,"Book Bus":2,"Sleep Out":3,"Coastal Guardians":5,"Carers Respite Fund":6}
campaigns = []
for i,nm in enumerate(camp_names, start=1):
    cause = CAUSE_OF[nm]
    y = rng.choice([2022,2023,2023,2024,2024])
    s = rand_date(d(y,1,1), d(y,11,30))
    length = rng.choice([30,45,60,90,120,180])
    e = s + datetime.timedelta(days=length)
    if e > d(2024,12,31):
        status, end = "Active", None
    else:
        status, end = "Closed", iso(e)
    if i in (5, 17):  # a couple of planned ones with no end date
        pass
    target = float(rng.choice([5000,10000,15000,20000,25000,40000,50000,75000]))
    campaigns.append((i,nm,cause,rng.choice(CHANNELS),iso(s),end,target,status))
# two planned campaigns with no donations yet
campaigns.append((25,"Ocean Sprint 2025",5,"Events","2025-03-01",None,30000.0,"Planned"))
campaigns.append((26,"Helpline Hero Challenge",9,"Online","2025-04-15",None,12000.0,"Planned"))

donors = []
used = set()
for i in range(1, 421):
    r = rng.random()
    if r < 0.86:
        fn, ln = rng.choice(FIRST), rng.choice(LAST)
        org = None
        dtype = "Individual"
        email = f"{fn.lower()}.{ln.lower()}{i}@{rng.choice(['mail.com','post.co.uk','inbox.net','webmail.org'])}" if rng.random() < 0.85 else None
    elif r < 0.95:
        org = CORP[i % len(CORP)]
        fn, ln = rng.choice(FIRST), rng.choice(LAST)
        dtype = "Corporate"
        email = f"giving@{org.split()[0].lower()}{i}.co.uk"
    else:
        org = TRUSTS[i % len(TRUSTS)]
        fn, ln = rng.choice(FIRST), rng.choice(LAST)
        dtype = "Trust"
        email = None if rng.random() < 0.3 else f"grants@{org.split()[0].lower()}{i}.org.uk"
    city = rng.choices(CITIES, weights=CITY_W)[0]
    joined = rand_date(d(2018,1,1), d(2024,10,31))
    ref = None
    if i > 20 and rng.random() < 0.22:
        ref = rng.randint(1, i-1)
    donors.append((i,fn,ln,org,email,city,dtype,iso(joined),ref))

METHODS = ["Card","Direct Debit","PayPal","Cash","Cheque","Bank Transfer"]
MW = [35,25,15,10,5,10]
donations = []
did = 0
# campaign popularity weights
cw = [rng.uniform(0.3, 3.0) for _ in range(24)]
for donor in donors:
    dtype = donor[6]
    joined = datetime.date.fromisoformat(donor[7])
    n = rng.choices([0,1,2,3,4,5,7,9],[10,18,18,15,12,10,8,5])[0]
    for _ in range(n):
        c = rng.choices(range(1,25), weights=cw)[0]
        camp = campaigns[c-1]
        s = datetime.date.fromisoformat(camp[4])
        e = datetime.date.fromisoformat(camp[5]) if camp[5] else d(2024,12,31)
        dt = rand_date(s, e)
        if dtype == "Individual":
            amt = rng.choice([5,10,10,15,20,25,25,30,50,50,75,100,150,250]) + rng.choice([0,0,0,0.5,0.99])
            method = rng.choices(METHODS, weights=MW)[0]
            ga = 1 if rng.random() < 0.55 else 0
        elif dtype == "Corporate":
            amt = float(rng.choice([500,750,1000,1500,2500,5000]))
            method = rng.choice(["Bank Transfer","Cheque"])
            ga = 0
        else:
            amt = float(rng.choice([2000,3000,5000,7500,10000]))
            method = "Bank Transfer"
            ga = 0
        did += 1
        donations.append([did, donor[0], c, iso(dt), round(float(amt),2), method, ga])
donations.sort(key=lambda r: (r[3], r[1]))
for k, r in enumerate(donations, start=1):
    r[0] = k
donations = [tuple(r) for r in donations]

ETYPES = ["Gala Dinner","Fun Run","Quiz Night","Concert","Charity Auction","Coffee Morning","Sponsored Walk"]
PRICE = {"Gala Dinner":(60,75,90),"Fun Run":(15,20,25),"Quiz Night":(8,10,12),"Concert":(20,25,35),
 "Charity Auction":(30,40),"Coffee Morning":(3,5),"Sponsored Walk":(10,12,15)}
CAP = {"Gala Dinner":(120,200),"Fun Run":(300,500),"Quiz Night":(60,100),"Concert":(250,400),
 "Charity Auction":(80,150),"Coffee Morning":(30,50),"Sponsored Walk":(150,300)}
events = []
eid = 0
for camp in campaigns[:24]:
    k = rng.choice([0,1,1,2,3])
    s = datetime.date.fromisoformat(camp[4])
    e = datetime.date.fromisoformat(camp[5]) if camp[5] else d(2024,12,31)
    for _ in range(k):
        eid += 1
        et = rng.choice(ETYPES)
        city = rng.choices(CITIES, weights=CITY_W)[0]
        title = f"{city} {et}" if rng.random() < 0.6 else f"{camp[1]} {et}"
        events.append((eid, camp[0], title, et, iso(rand_date(s, e)), city,
                       float(rng.choice(PRICE[et])), rng.choice(CAP[et])))

sales = []
sid = 0
for ev in events:
    edate = datetime.date.fromisoformat(ev[4])
    nbuy = rng.randint(2, 14)
    buyers = rng.sample(range(1, 421), nbuy)
    for b in buyers:
        sid += 1
        q = rng.choices([1,2,3,4,6,8],[40,30,10,10,6,4])[0]
        price = ev[6]
        if rng.random() < 0.15:
            price = round(price * 0.8, 2)  # early bird
        sdate = edate - datetime.timedelta(days=rng.randint(1, 40))
        sales.append((sid, ev[0], b, q, price, iso(sdate)))

volunteers = []
for i in range(1, 91):
    if rng.random() < 0.25:
        dn = rng.choice([x for x in donors if x[6] == "Individual"])
        fn, ln, city, don = dn[1], dn[2], dn[5], dn[0]
    else:
        fn, ln = rng.choice(FIRST), rng.choice(LAST)
        city = rng.choices(CITIES, weights=CITY_W)[0]
        don = None
    volunteers.append((i, fn, ln, city, iso(rand_date(d(2019,1,1), d(2024,9,30))), don))

ROLES = ["Steward","Registration Desk","Bucket Collector","Setup Crew","First Aid","Photographer","Catering"]
shifts = []
shid = 0
for ev in events:
    n = rng.randint(0, 7)
    for v in rng.sample(range(1, 91), n):
        shid += 1
        shifts.append((shid, v, ev[0], rng.choice(ROLES), rng.choice([2.0,2.5,3.0,4.0,4.5,6.0,8.0])))

if os.path.exists(DB):
    os.remove(DB)
con = sqlite3.connect(DB)
con.executescript(SCHEMA)
con.executemany("INSERT INTO causes VALUES (?,?,?)", causes)
con.executemany("INSERT INTO campaigns VALUES (?,?,?,?,?,?,?,?)", campaigns)
con.executemany("INSERT INTO donors VALUES (?,?,?,?,?,?,?,?,?)", donors)
con.executemany("INSERT INTO donations VALUES (?,?,?,?,?,?,?)", donations)
con.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?)", events)
con.executemany("INSERT INTO ticket_sales VALUES (?,?,?,?,?,?)", sales)
con.executemany("INSERT INTO volunteers VALUES (?,?,?,?,?,?)", volunteers)
con.executemany("INSERT INTO volunteer_shifts VALUES (?,?,?,?,?)", shifts)
con.commit()
con.close()
print("wrote", DB)
