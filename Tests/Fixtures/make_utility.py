#!/usr/bin/env python3
"""Build utility.sqlite: a synthetic energy utility (customers, meters, tariffs, bills, payments,
technicians, service visits). Python stdlib only, fixed seed, deterministic output."""
import os, random, sqlite3, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
DB = os.path.join(HERE, "utility.sqlite")
rng = random.Random(20240917)

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE regions (
  region_id INTEGER PRIMARY KEY,
  region_name TEXT NOT NULL,
  grid_operator TEXT NOT NULL
);
CREATE TABLE tariffs (
  tariff_id INTEGER PRIMARY KEY,
  tariff_name TEXT NOT NULL,
  fuel TEXT NOT NULL,              -- electricity / gas
  unit_rate REAL NOT NULL,         -- list price per kWh
  daily_standing_charge REAL NOT NULL,
  is_green INTEGER NOT NULL        -- 1 = renewable-backed
);
CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT,
  city TEXT NOT NULL,
  region_id INTEGER NOT NULL REFERENCES regions(region_id),
  account_type TEXT NOT NULL,      -- residential / business
  signup_date TEXT NOT NULL
);
CREATE TABLE meters (
  meter_id INTEGER PRIMARY KEY,
  serial_no TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
  tariff_id INTEGER NOT NULL REFERENCES tariffs(tariff_id),
  meter_kind TEXT NOT NULL,        -- smart / analog / prepayment
  installed_on TEXT NOT NULL,
  removed_on TEXT                  -- NULL while still in service
);
CREATE TABLE bills (
  bill_id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL             -- paid / unpaid / overdue
);
CREATE TABLE bill_lines (
  line_id INTEGER PRIMARY KEY,
  bill_id INTEGER NOT NULL REFERENCES bills(bill_id),
  meter_id INTEGER NOT NULL REFERENCES meters(meter_id),
  kwh_used REAL NOT NULL,
  unit_price REAL NOT NULL
);
CREATE TABLE payments (
  payment_id INTEGER PRIMARY KEY,
  bill_id INTEGER NOT NULL REFERENCES bills(bill_id),
  paid_on TEXT NOT NULL,
  amount REAL NOT NULL,
  method TEXT NOT NULL             -- direct debit / card / bank transfer / cash
);
CREATE TABLE technicians (
  technician_id INTEGER PRIMARY KEY,
  full_name TEXT NOT NULL,
  hired_on TEXT NOT NULL,
  supervisor_id INTEGER REFERENCES technicians(technician_id),
  home_region_id INTEGER NOT NULL REFERENCES regions(region_id)
);
CREATE TABLE service_visits (
  visit_id INTEGER PRIMARY KEY,
  meter_id INTEGER NOT NULL REFERENCES meters(meter_id),
  technician_id INTEGER NOT NULL REFERENCES technicians(technician_id),
  visit_date TEXT NOT NULL,
  reason TEXT NOT NULL,            -- installation / fault / inspection / replacement / tamper check
  duration_minutes INTEGER NOT NULL
);
"""

REGIONS = [("North Valley", "Valley Grid Co"), ("Coastal", "Seaboard Networks"),
           ("Metro Central", "Metro Power Lines"), ("Highlands", "Upland Distribution"),
           ("Eastern Plains", "Valley Grid Co"), ("Riverside", "Seaboard Networks")]
CITIES = {1: ["Ashford", "Millbrook", "Dunmore"], 2: ["Port Elm", "Saltcombe", "Baywater"],
          3: ["Kingsbridge", "Central City", "Oldgate"], 4: ["Ben Rowan", "Glenfield"],
          5: ["Plainsview", "Harlow", "Wheatley"], 6: ["Riverton", "Fordham", "Weirside"]}
TARIFFS = [("Standard Variable", "electricity", 0.2840, 0.53, 0),
           ("Fixed 12 Months", "electricity", 0.2650, 0.49, 0),
           ("Green Saver", "electricity", 0.2910, 0.51, 1),
           ("Economy 7", "electricity", 0.2230, 0.56, 0),
           ("Business Flex", "electricity", 0.2520, 0.95, 0),
           ("Gas Standard", "gas", 0.0710, 0.29, 0),
           ("Gas Fixed", "gas", 0.0650, 0.31, 0),
           ("Biogas Blend", "gas", 0.0790, 0.30, 1)]
FIRST = ["Olivia", "Liam", "Amelia", "Noah", "Isla", "Oliver", "Ava", "Elijah", "Mia", "James",
         "Sophia", "Lucas", "Grace", "Mason", "Freya", "Ethan", "Chloe", "Arjun", "Priya", "Mateo",
         "Zara", "Hamza", "Niamh", "Callum", "Ines", "Tomasz", "Yuki", "Fatima", "Rhys", "Leila"]
LAST = ["Smith", "Patel", "Jones", "Nguyen", "Brown", "Kowalski", "Murphy", "Garcia", "Taylor",
        "Okafor", "Wilson", "Hughes", "Khan", "Evans", "Dubois", "Reid", "Fraser", "Singh",
        "Walsh", "Moreno", "Baker", "Lindqvist", "Campbell", "Hassan", "Price"]
BUSINESS_SUFFIX = ["Bakery", "Garage", "Dental", "Cafe", "Print Shop", "Joinery", "Florist"]
METHODS = ["direct debit", "direct debit", "direct debit", "card", "card", "bank transfer", "cash"]
REASONS = ["installation", "fault", "fault", "inspection", "inspection", "replacement", "tamper check"]
TECHS = ["Gareth Lloyd", "Sana Mirza", "Declan Byrne", "Ruth Adeyemi", "Marek Nowak",
         "Helen Carter", "Ibrahim Sallah", "Kirsty Munro", "Paulo Ferreira", "Dawn Whitaker",
         "Owen Pryce", "Lena Vogel"]


def d(s):
    return dt.date.fromisoformat(s)


def rand_date(a, b):
    a, b = d(a), d(b)
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def main():
    if os.path.exists(DB):
        os.remove(DB)
    con = sqlite3.connect(DB)
    con.executescript(SCHEMA)
    con.executemany("INSERT INTO regions VALUES (?,?,?)",
                    [(i + 1, n, g) for i, (n, g) in enumerate(REGIONS)])
    con.executemany("INSERT INTO tariffs VALUES (?,?,?,?,?,?)",
                    [(i + 1, *t) for i, t in enumerate(TARIFFS)])

    # technicians: 3 leads (no supervisor), others report to a lead
    techs = []
    for i, name in enumerate(TECHS):
        tid = i + 1
        sup = None if tid <= 3 else rng.choice([1, 2, 3])
        techs.append((tid, name, rand_date("2012-01-01", "2021-06-30").isoformat(), sup,
                      rng.randint(1, 6)))
    con.executemany("INSERT INTO technicians VALUES (?,?,?,?,?)", techs)

    customers = []
    used_emails = set()
    for cid in range(1, 241):
        region = rng.choices(range(1, 7), weights=[5, 4, 8, 2, 3, 4])[0]
        city = rng.choice(CITIES[region])
        fn, ln = rng.choice(FIRST), rng.choice(LAST)
        acct = "business" if rng.random() < 0.18 else "residential"
        if acct == "business":
            fn = fn
            ln = f"{ln} {rng.choice(BUSINESS_SUFFIX)}"
        email = None
        if rng.random() < 0.88:
            base = f"{fn}.{ln.split()[0]}".lower()
            email = f"{base}{cid}@" + rng.choice(["mailbox.net", "postmail.com", "example.org"])
        signup = rand_date("2016-01-01", "2023-12-31").isoformat()
        customers.append((cid, fn, ln, email, city, region, acct, signup))
    con.executemany("INSERT INTO customers VALUES (?,?,?,?,?,?,?,?)", customers)

    meters = []
    mid = 0
    elec = [1, 2, 3, 4]
    for c in customers:
        cid, acct, signup = c[0], c[6], c[7]
        n_el = 1
        if acct == "business" and rng.random() < 0.4:
            n_el = 2
        has_gas = rng.random() < 0.6
        plans = [rng.choice([5] if acct == "business" and rng.random() < 0.7 else elec)
                 for _ in range(n_el)]
        if has_gas:
            plans.append(rng.choice([6, 6, 7, 8]))
        for t in plans:
            mid += 1
            inst = (d(signup) + dt.timedelta(days=rng.randint(3, 40))).isoformat()
            kind = rng.choices(["smart", "analog", "prepayment"], weights=[6, 3, 1])[0]
            removed = None
            if rng.random() < 0.08:
                removed = rand_date(max(inst, "2024-03-01"), "2025-06-30").isoformat()
            serial = f"{'E' if t <= 5 else 'G'}{rng.randint(10, 99)}-{100000 + mid * 37 % 90000:06d}"
            meters.append((mid, serial, cid, t, kind, inst, removed))
    con.executemany("INSERT INTO meters VALUES (?,?,?,?,?,?,?)", meters)

    tariff_rate = {i + 1: t[2] for i, t in enumerate(TARIFFS)}
    meters_by_cust = {}
    for m in meters:
        meters_by_cust.setdefault(m[2], []).append(m)

    # quarterly bills 2023-01 .. 2025-06
    quarters = [("2023-01-01", "2023-03-31"), ("2023-04-01", "2023-06-30"),
                ("2023-07-01", "2023-09-30"), ("2023-10-01", "2023-12-31"),
                ("2024-01-01", "2024-03-31"), ("2024-04-01", "2024-06-30"),
                ("2024-07-01", "2024-09-30"), ("2024-10-01", "2024-12-31"),
                ("2025-01-01", "2025-03-31"), ("2025-04-01", "2025-06-30")]
    bills, lines, pays = [], [], []
    bid = lid = pid = 0
    for c in customers:
        cid, acct = c[0], c[6]
        # some customers skipped entirely (no bills yet)
        if cid % 23 == 0:
            continue
        for qs, qe in quarters:
            active = [m for m in meters_by_cust[cid]
                      if m[5] <= qe and (m[6] is None or m[6] >= qs)]
            if not active:
                continue
            bid += 1
            issued = (d(qe) + dt.timedelta(days=rng.randint(3, 12))).isoformat()
            due = (d(issued) + dt.timedelta(days=21)).isoformat()
            for m in active:
                lid += 1
                winter = qs[5:7] in ("01", "10")
                base = 900 if m[3] <= 5 else 2600
                if acct == "business":
                    base *= 3.2
                if winter:
                    base *= 1.45
                kwh = round(base * rng.uniform(0.6, 1.4), 1)
                price = round(tariff_rate[m[3]] * (1 + 0.04 * (int(qs[:4]) - 2023)) *
                              rng.choice([1, 1, 1, 0.97, 1.02]), 4)
                lines.append((lid, bid, m[0], kwh, price))
            total = round(sum(l[3] * l[4] for l in lines if l[1] == bid), 2)
            r = rng.random()
            recent = qs >= "2025-04-01"
            if recent and r < 0.35:
                status = "unpaid"
            elif r < 0.07:
                status = "overdue"
            else:
                status = "paid"
            if status == "paid":
                method = rng.choice(METHODS)
                if method != "direct debit" and rng.random() < 0.25:
                    half = round(total / 2, 2)
                    pid += 1
                    pays.append((pid, bid, (d(issued) + dt.timedelta(days=rng.randint(2, 10))).isoformat(), half, method))
                    pid += 1
                    pays.append((pid, bid, (d(issued) + dt.timedelta(days=rng.randint(11, 20))).isoformat(), round(total - half, 2), method))
                else:
                    pid += 1
                    pays.append((pid, bid, (d(issued) + dt.timedelta(days=rng.randint(1, 20))).isoformat(), total, method))
            elif status == "overdue" and rng.random() < 0.4:
                pid += 1
                pays.append((pid, bid, (d(due) + dt.timedelta(days=rng.randint(5, 30))).isoformat(),
                             round(total * rng.uniform(0.2, 0.6), 2), rng.choice(METHODS[3:])))
            bills.append((bid, cid, qs, qe, issued, due, status))
    con.executemany("INSERT INTO bills VALUES (?,?,?,?,?,?,?)", bills)
    con.executemany("INSERT INTO bill_lines VALUES (?,?,?,?,?)", lines)
    con.executemany("INSERT INTO payments VALUES (?,?,?,?,?)", pays)

    visits = []
    vid = 0
    for m in meters:
        nv = rng.choices([0, 1, 2, 3], weights=[5, 4, 2, 1])[0]
        for _ in range(nv):
            vid += 1
            start = max(m[5], "2022-01-01")
            end = m[6] or "2025-06-30"
            if start > end:
                start = m[5]
            visits.append((vid, m[0], rng.randint(1, len(TECHS)),
                           rand_date(start, end).isoformat(), rng.choice(REASONS),
                           rng.choice([15, 20, 30, 45, 45, 60, 75, 90, 120])))
    visits.sort(key=lambda v: (v[3], v[1]))
    visits = [(i + 1, *v[1:]) for i, v in enumerate(visits)]
    con.executemany("INSERT INTO service_visits VALUES (?,?,?,?,?,?)", visits)
    con.commit()
    con.execute("VACUUM")
    con.close()


if __name__ == "__main__":
    main()
