#!/usr/bin/env python3
"""Build fitness.sqlite: a synthetic fitness-club chain (memberships, classes, bookings).

Python 3 standard library only, fixed random seed: the same bytes on every run.
Usage: python3 make_fitness.py   (writes fitness.sqlite next to this script)
"""
import datetime as dt
import os
import random
import sqlite3

SEED = 20240517
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fitness.sqlite")

rng = random.Random(SEED)

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE club (
    club_id     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    city        TEXT NOT NULL,
    opened_on   TEXT NOT NULL,
    has_pool    INTEGER NOT NULL
);
CREATE TABLE membership_plan (
    plan_id       INTEGER PRIMARY KEY,
    plan_name     TEXT NOT NULL,
    monthly_fee   REAL NOT NULL,
    joining_fee   REAL NOT NULL,
    classes_included INTEGER          -- NULL = unlimited
);
CREATE TABLE member (
    member_id     INTEGER PRIMARY KEY,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    email         TEXT NOT NULL,
    birth_date    TEXT NOT NULL,
    gender        TEXT NOT NULL,
    home_club_id  INTEGER NOT NULL REFERENCES club(club_id),
    joined_on     TEXT NOT NULL,
    referred_by   INTEGER REFERENCES member(member_id)
);
CREATE TABLE subscription (
    subscription_id INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES member(member_id),
    plan_id       INTEGER NOT NULL REFERENCES membership_plan(plan_id),
    start_date    TEXT NOT NULL,
    end_date      TEXT,              -- NULL = still running
    status        TEXT NOT NULL      -- active, cancelled, expired, frozen
);
CREATE TABLE trainer (
    trainer_id    INTEGER PRIMARY KEY,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    specialty     TEXT NOT NULL,
    hourly_rate   REAL NOT NULL,
    club_id       INTEGER NOT NULL REFERENCES club(club_id),
    hired_on      TEXT NOT NULL
);
CREATE TABLE class_type (
    class_type_id INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    category      TEXT NOT NULL,
    intensity     TEXT NOT NULL,
    duration_min  INTEGER NOT NULL
);
CREATE TABLE class_session (
    session_id    INTEGER PRIMARY KEY,
    class_type_id INTEGER NOT NULL REFERENCES class_type(class_type_id),
    trainer_id    INTEGER NOT NULL REFERENCES trainer(trainer_id),
    club_id       INTEGER NOT NULL REFERENCES club(club_id),
    starts_at     TEXT NOT NULL,
    capacity      INTEGER NOT NULL,
    room          TEXT NOT NULL
);
CREATE TABLE booking (
    booking_id    INTEGER PRIMARY KEY,
    session_id    INTEGER NOT NULL REFERENCES class_session(session_id),
    member_id     INTEGER NOT NULL REFERENCES member(member_id),
    booked_at     TEXT NOT NULL,
    attended      INTEGER NOT NULL,
    rating        INTEGER            -- 1..5, NULL when not rated
);
CREATE TABLE payment (
    payment_id    INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES subscription(subscription_id),
    paid_on       TEXT NOT NULL,
    amount        REAL NOT NULL,
    method        TEXT NOT NULL
);
"""

CLUBS = [
    ("Riverside Fitness", "Leeds", "2015-03-01", 1),
    ("Northgate Gym", "Manchester", "2017-09-15", 0),
    ("Harbour Health Club", "Bristol", "2012-06-10", 1),
    ("Old Town Athletic", "Edinburgh", "2019-01-20", 0),
    ("Parkside Strength", "Leeds", "2021-04-05", 0),
    ("Canal Street Studio", "Birmingham", "2018-11-12", 1),
]

PLANS = [
    ("Off-Peak", 24.99, 0.0, 4),
    ("Standard", 34.99, 15.0, 8),
    ("Premium", 49.99, 25.0, None),
    ("Student", 19.99, 0.0, 6),
    ("Family", 79.99, 40.0, None),
    ("Corporate", 39.99, 10.0, 12),
]

FIRST_F = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophie", "Emily", "Freya", "Lily",
           "Chloe", "Ella", "Ruby", "Hannah", "Zara", "Priya", "Aisha", "Megan", "Laura", "Niamh"]
FIRST_M = ["Oliver", "George", "Harry", "Jack", "Noah", "Leo", "Arthur", "Oscar", "Charlie", "James",
           "Thomas", "Daniel", "Samuel", "Ryan", "Mohammed", "Ethan", "Callum", "Lewis", "Adam", "Ravi"]
LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
        "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Clarke",
        "Khan", "Hughes", "Lewis", "Edwards", "Murray", "Campbell", "Kelly", "Shaw", "Ali", "Baker"]
DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "icloud.com", "btinternet.com"]

TRAINERS = [  # first, last, specialty, rate, club
    ("Marcus", "Reid", "Strength", 38.0, 1), ("Jenna", "Fox", "Yoga", 32.0, 1),
    ("Tariq", "Hussain", "HIIT", 35.0, 1), ("Beth", "Collins", "Pilates", 33.0, 2),
    ("Dean", "Marsh", "Strength", 40.0, 2), ("Keira", "Lowe", "Cycling", 30.0, 2),
    ("Sian", "Morgan", "Aqua", 31.0, 3), ("Gareth", "Pryce", "Boxing", 42.0, 3),
    ("Lucy", "Hart", "Yoga", 34.0, 3), ("Ewan", "Fraser", "HIIT", 36.0, 4),
    ("Morag", "Dunn", "Pilates", 29.0, 4), ("Kofi", "Mensah", "Strength", 45.0, 5),
    ("Anya", "Kowalski", "Cycling", 31.5, 5), ("Hollie", "Price", "Dance", 28.0, 6),
    ("Jamal", "Okafor", "Boxing", 39.0, 6), ("Rosa", "Silva", "Aqua", 30.5, 6),
]
HIRED = ["2016-02-01", "2018-05-14", "2019-08-01", "2017-10-02", "2020-01-06", "2021-03-15",
         "2013-09-09", "2016-07-18", "2022-02-21", "2019-04-01", "2020-09-07", "2021-05-03",
         "2022-08-22", "2019-02-11", "2023-01-09", "2020-06-29"]

CLASS_TYPES = [  # name, category, intensity, duration, matching trainer specialty
    ("Power Lift", "Strength", "High", 60, "Strength"),
    ("Body Pump", "Strength", "Medium", 45, "Strength"),
    ("Vinyasa Flow", "Mind & Body", "Low", 60, "Yoga"),
    ("Yin Yoga", "Mind & Body", "Low", 75, "Yoga"),
    ("Mat Pilates", "Mind & Body", "Medium", 45, "Pilates"),
    ("Tabata Blast", "Cardio", "High", 30, "HIIT"),
    ("Circuit Burn", "Cardio", "High", 45, "HIIT"),
    ("Spin Express", "Cardio", "High", 30, "Cycling"),
    ("Endurance Ride", "Cardio", "Medium", 60, "Cycling"),
    ("Aqua Aerobics", "Aquatic", "Low", 45, "Aqua"),
    ("Boxfit", "Combat", "High", 50, "Boxing"),
    ("Zumba", "Dance", "Medium", 55, "Dance"),
]
ROOMS = ["Studio A", "Studio B", "Spin Room", "Pool", "Main Floor", "Boxing Ring"]
ROOM_FOR = {"Strength": "Main Floor", "Mind & Body": "Studio A", "Cardio": "Studio B",
            "Aquatic": "Pool", "Combat": "Boxing Ring", "Dance": "Studio B"}
METHODS = ["Direct Debit", "Card", "Cash", "Bank Transfer"]


def d(s):
    return dt.date.fromisoformat(s)


def rand_date(a, b):
    a, b = d(a), d(b)
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def main():
    if os.path.exists(OUT):
        os.remove(OUT)
    con = sqlite3.connect(OUT)
    con.executescript(SCHEMA)

    con.executemany("INSERT INTO club VALUES (?,?,?,?,?)",
                    [(i + 1, *c) for i, c in enumerate(CLUBS)])
    con.executemany("INSERT INTO membership_plan VALUES (?,?,?,?,?)",
                    [(i + 1, *p) for i, p in enumerate(PLANS)])

    # members
    members = []
    used_emails = set()
    club_weights = [22, 18, 25, 10, 12, 13]
    for mid in range(1, 421):
        g = rng.choice(["F", "M"])
        fn = rng.choice(FIRST_F if g == "F" else FIRST_M)
        ln = rng.choice(LAST)
        base = f"{fn.lower()}.{ln.lower()}"
        email = f"{base}@{rng.choice(DOMAINS)}"
        n = 2
        while email in used_emails:
            email = f"{base}{n}@{rng.choice(DOMAINS)}"
            n += 1
        used_emails.add(email)
        birth = rand_date("1958-01-01", "2006-06-30").isoformat()
        club = rng.choices(range(1, 7), weights=club_weights)[0]
        opened = d(CLUBS[club - 1][2])
        start = max(opened, d("2021-01-01"))
        joined = rand_date(start.isoformat(), "2024-10-31")
        referred = None
        if mid > 20 and rng.random() < 0.22:
            cand = [m for m in members if d(m[7]) < joined]
            if cand:
                referred = rng.choice(cand)[0]
        members.append((mid, fn, ln, email, birth, g, club, joined.isoformat(), referred))
    con.executemany("INSERT INTO member VALUES (?,?,?,?,?,?,?,?,?)", members)

    # subscriptions
    today = d("2024-12-31")
    subs = []
    sid = 1
    for m in members:
        mid, joined = m[0], d(m[7])
        age_years = (d("2024-01-01") - d(m[4])).days // 365
        start = joined
        nsubs = rng.choices([1, 2, 3], weights=[60, 30, 10])[0]
        if rng.random() < 0.04:
            continue  # a few members never took a plan (day-pass people)
        for k in range(nsubs):
            if age_years <= 24 and rng.random() < 0.6:
                plan = 4
            else:
                plan = rng.choices([1, 2, 3, 5, 6], weights=[15, 35, 25, 8, 12])[0]
            months = rng.choice([3, 6, 12, 12, 24])
            end = start + dt.timedelta(days=30 * months)
            last = (k == nsubs - 1)
            if end > today:
                if last:
                    status = rng.choices(["active", "frozen"], weights=[90, 10])[0]
                    end_s = None
                else:
                    end = today - dt.timedelta(days=rng.randint(20, 200))
                    if end <= start:
                        end = start + dt.timedelta(days=40)
                    status = "cancelled"
                    end_s = end.isoformat()
            else:
                status = rng.choices(["expired", "cancelled"], weights=[70, 30])[0]
                end_s = end.isoformat()
            subs.append((sid, mid, plan, start.isoformat(), end_s, status))
            sid += 1
            nxt = (d(end_s) if end_s else today) + dt.timedelta(days=rng.randint(1, 60))
            if end_s is None or nxt > today - dt.timedelta(days=30):
                break
            start = nxt
    con.executemany("INSERT INTO subscription VALUES (?,?,?,?,?,?)", subs)

    # payments: one per month of each subscription (+ joining fee on first)
    plan_fee = {i + 1: p[1] for i, p in enumerate(PLANS)}
    plan_join = {i + 1: p[2] for i, p in enumerate(PLANS)}
    pays = []
    pid = 1
    for s in subs:
        sid_, mid, plan, st, en, status = s
        st_d = d(st)
        en_d = d(en) if en else today
        method = rng.choices(METHODS, weights=[70, 20, 4, 6])[0]
        cur = st_d
        first = True
        while cur <= en_d and cur <= today:
            amt = plan_fee[plan] + (plan_join[plan] if first else 0.0)
            if status == "frozen" and (en_d - cur).days < 90 and not first:
                amt = round(plan_fee[plan] * 0.2, 2)
            pays.append((pid, sid_, cur.isoformat(), round(amt, 2), method))
            pid += 1
            first = False
            cur = cur + dt.timedelta(days=30)
    con.executemany("INSERT INTO payment VALUES (?,?,?,?,?)", pays)

    # trainers, class types
    con.executemany("INSERT INTO trainer VALUES (?,?,?,?,?,?,?)",
                    [(i + 1, *t, HIRED[i]) for i, t in enumerate(TRAINERS)])
    con.executemany("INSERT INTO class_type VALUES (?,?,?,?,?)",
                    [(i + 1, c[0], c[1], c[2], c[3]) for i, c in enumerate(CLASS_TYPES)])

    # sessions: 2023-01-01 .. 2024-12-31
    sessions = []
    sess_id = 1
    day = d("2023-01-02")
    end_day = d("2024-12-31")
    trainers_by_club = {}
    for i, t in enumerate(TRAINERS):
        trainers_by_club.setdefault(t[4], []).append((i + 1, t[2]))
    while day <= end_day:
        for club in range(1, 7):
            # each club runs ~1 class every 2-3 days
            if rng.random() < 0.25:
                tid, spec = rng.choice(trainers_by_club[club])
                types = [i + 1 for i, c in enumerate(CLASS_TYPES) if c[4] == spec]
                ct = rng.choice(types)
                cat = CLASS_TYPES[ct - 1][1]
                room = ROOM_FOR[cat]
                if CLASS_TYPES[ct - 1][4] == "Cycling":
                    room = "Spin Room"
                hour = rng.choice([6, 7, 9, 12, 17, 18, 19])
                minute = rng.choice([0, 30])
                cap = rng.choice([12, 15, 20, 25]) if room != "Pool" else 18
                sessions.append((sess_id, ct, tid, club,
                                 f"{day.isoformat()} {hour:02d}:{minute:02d}", cap, room))
                sess_id += 1
        day += dt.timedelta(days=1)
    con.executemany("INSERT INTO class_session VALUES (?,?,?,?,?,?,?)", sessions)

    # bookings: members book sessions at their home club mostly
    members_by_club = {}
    for m in members:
        members_by_club.setdefault(m[6], []).append(m)
    # some members are "class lovers", many never book
    keen = {m[0]: rng.random() for m in members}
    bookings = []
    bid = 1
    for s in sessions:
        sess_id, ct, tid, club, starts, cap, room = s
        s_day = d(starts[:10])
        pool = [m for m in members_by_club[club] if d(m[7]) <= s_day and keen[m[0]] > 0.35]
        if rng.random() < 0.08:
            other = rng.choice([c for c in range(1, 7) if c != club])
            pool += [m for m in members_by_club[other][:5] if d(m[7]) <= s_day]
        if not pool:
            continue
        n = min(len(pool), cap, max(0, int(rng.gauss(cap * 0.4, cap * 0.2))))
        chosen = rng.sample(pool, n)
        for m in chosen:
            booked = dt.datetime.fromisoformat(starts) - dt.timedelta(
                hours=rng.randint(2, 24 * 6), minutes=rng.choice([0, 15, 30, 45]))
            attended = 1 if rng.random() < 0.82 else 0
            rating = None
            if attended and rng.random() < 0.45:
                base = 4 if tid % 3 else 3
                rating = max(1, min(5, base + rng.choice([-2, -1, 0, 0, 1, 1])))
            bookings.append((bid, sess_id, m[0], booked.strftime("%Y-%m-%d %H:%M"), attended, rating))
            bid += 1
    con.executemany("INSERT INTO booking VALUES (?,?,?,?,?,?)", bookings)

    con.commit()
    con.execute("VACUUM")
    con.close()


if __name__ == "__main__":
    main()
