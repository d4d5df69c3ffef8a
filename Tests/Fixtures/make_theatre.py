#!/usr/bin/env python3
"""Build theatre.sqlite: a synthetic repertory theatre (stages, productions, cast,
performances, patrons, ticket sales). Python 3 stdlib only, fixed seed, deterministic."""
import os, random, sqlite3, datetime

SEED = 20240917
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "theatre.sqlite")

def main():
    rnd = random.Random(SEED)
    if os.path.exists(OUT):
        os.remove(OUT)
    con = sqlite3.connect(OUT)
    cur = con.cursor()
    cur.executescript("""
    CREATE TABLE stages (
        stage_id INTEGER PRIMARY KEY,
        stage_name TEXT NOT NULL,
        seat_capacity INTEGER NOT NULL,
        floor_level TEXT NOT NULL,
        has_orchestra_pit INTEGER NOT NULL
    );
    CREATE TABLE productions (
        production_id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        playwright TEXT NOT NULL,
        genre TEXT NOT NULL,
        season TEXT NOT NULL,
        opening_date TEXT NOT NULL,
        closing_date TEXT NOT NULL,
        running_minutes INTEGER NOT NULL,
        base_ticket_price REAL NOT NULL,
        stage_id INTEGER NOT NULL REFERENCES stages(stage_id)
    );
    CREATE TABLE performers (
        performer_id INTEGER PRIMARY KEY,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        home_city TEXT NOT NULL,
        agent_email TEXT,
        union_member INTEGER NOT NULL
    );
    CREATE TABLE cast_roles (
        production_id INTEGER NOT NULL REFERENCES productions(production_id),
        performer_id INTEGER NOT NULL REFERENCES performers(performer_id),
        role_name TEXT NOT NULL,
        is_lead INTEGER NOT NULL,
        weekly_fee REAL NOT NULL,
        PRIMARY KEY (production_id, performer_id)
    );
    CREATE TABLE performances (
        performance_id INTEGER PRIMARY KEY,
        production_id INTEGER NOT NULL REFERENCES productions(production_id),
        performance_date TEXT NOT NULL,
        curtain_time TEXT NOT NULL,
        status TEXT NOT NULL
    );
    CREATE TABLE patrons (
        patron_id INTEGER PRIMARY KEY,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        email TEXT,
        city TEXT NOT NULL,
        membership_tier TEXT,
        joined_date TEXT NOT NULL,
        referred_by INTEGER REFERENCES patrons(patron_id)
    );
    CREATE TABLE ticket_sales (
        sale_id INTEGER PRIMARY KEY,
        performance_id INTEGER NOT NULL REFERENCES performances(performance_id),
        patron_id INTEGER NOT NULL REFERENCES patrons(patron_id),
        sale_date TEXT NOT NULL,
        seat_section TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        unit_price REAL NOT NULL,
        sales_channel TEXT NOT NULL,
        refunded INTEGER NOT NULL
    );
    CREATE TABLE reviews (
        review_id INTEGER PRIMARY KEY,
        production_id INTEGER NOT NULL REFERENCES productions(production_id),
        publication TEXT NOT NULL,
        critic_name TEXT NOT NULL,
        stars INTEGER NOT NULL,
        published_date TEXT NOT NULL
    );
    """)

    stages = [
        (1, "Main House", 820, "Ground", 1),
        (2, "Lyric Studio", 240, "First", 0),
        (3, "Courtyard Stage", 410, "Ground", 1),
        (4, "Attic Room", 90, "Third", 0),
        (5, "Riverside Hall", 560, "Ground", 1),
    ]
    cur.executemany("INSERT INTO stages VALUES (?,?,?,?,?)", stages)

    plays = [
        ("The Glass Orchard", "Miriam Holloway", "Drama"),
        ("Salt and Thunder", "Dev Ramaswamy", "Drama"),
        ("A Fortnight in Lisbon", "Claire Beaumont", "Comedy"),
        ("The Lighthouse Keeper's Daughter", "Miriam Holloway", "Drama"),
        ("Brass Buttons", "Tomas Ekberg", "Musical"),
        ("Midnight at the Pier", "Ruth Okafor", "Thriller"),
        ("The Borrowed Crown", "William Shakespeare", "Classic"),
        ("Much Ado About Nothing", "William Shakespeare", "Classic"),
        ("Twelfth Night", "William Shakespeare", "Classic"),
        ("Paper Lanterns", "Mei Lin Zhou", "Drama"),
        ("Waltz of the Clockmakers", "Tomas Ekberg", "Musical"),
        ("The Unfinished Symphony Club", "Claire Beaumont", "Comedy"),
        ("Harbour Lights", "Ruth Okafor", "Musical"),
        ("Three Sisters", "Anton Chekhov", "Classic"),
        ("The Wedding Planner's Revenge", "Oscar Pendleton", "Comedy"),
        ("Silent Witness", "Dev Ramaswamy", "Thriller"),
        ("Goldilocks Goes to Town", "Penny Marsh", "Family"),
        ("The Snow Queen", "Penny Marsh", "Family"),
        ("Under the Copper Sky", "Mei Lin Zhou", "Drama"),
        ("Tango for Two", "Oscar Pendleton", "Musical"),
        ("The Last Ferry", "Ruth Okafor", "Thriller"),
        ("An Inspector Calls Again", "Oscar Pendleton", "Comedy"),
    ]
    price_by_genre = {"Drama": 38.0, "Comedy": 32.0, "Musical": 55.0, "Thriller": 36.0,
                      "Classic": 42.0, "Family": 22.0}
    productions = []
    start = datetime.date(2022, 1, 10)
    for i, (title, pw, genre) in enumerate(plays, start=1):
        opening = start + datetime.timedelta(days=i * 48 + rnd.randint(0, 20))
        run = rnd.choice([21, 28, 35, 42, 49, 56])
        closing = opening + datetime.timedelta(days=run)
        year = opening.year
        season = f"{year}-{str(year + 1)[2:]}" if opening.month >= 9 else f"{year - 1}-{str(year)[2:]}"
        minutes = rnd.choice([85, 95, 110, 120, 135, 150, 165]) if genre != "Family" else rnd.choice([70, 75, 80])
        price = price_by_genre[genre] + rnd.choice([-4.0, -2.0, 0.0, 2.5, 5.0, 7.5])
        stage = rnd.choice([1, 2, 3, 5]) if genre in ("Musical", "Classic") else rnd.choice([1, 2, 3, 4, 5])
        productions.append((i, title, pw, genre, season, opening.isoformat(), closing.isoformat(),
                            minutes, price, stage))
    cur.executemany("INSERT INTO productions VALUES (?,?,?,?,?,?,?,?,?,?)", productions)

    firsts = ["Amelia", "Oliver", "Isla", "Jack", "Sophie", "Harry", "Grace", "Leo", "Freya", "Noah",
              "Ava", "Ethan", "Chloe", "Samuel", "Ruby", "Daniel", "Maya", "Lucas", "Evie", "Felix",
              "Hannah", "Arjun", "Zara", "Tobias", "Imogen", "Kwame", "Nadia", "Rafael", "Elena", "Conor"]
    lasts = ["Ashworth", "Bennett", "Carver", "Dalton", "Everett", "Fairbanks", "Garrick", "Hale",
             "Ingram", "Jarvis", "Kendrick", "Langley", "Mercer", "Nash", "Osborne", "Prescott",
             "Quinlan", "Rowe", "Sinclair", "Thorne", "Underwood", "Vance", "Whitlock", "Yates",
             "Adeyemi", "Castellano", "Novak", "Fitzgerald", "Moreau", "Lindqvist"]
    cities = ["London", "Bristol", "Manchester", "Leeds", "Glasgow", "Cardiff", "Brighton",
              "Edinburgh", "Norwich", "York", "Bath", "Oxford"]
    performers = []
    used = set()
    for pid in range(1, 61):
        while True:
            f, l = rnd.choice(firsts), rnd.choice(lasts)
            if (f, l) not in used:
                used.add((f, l)); break
        email = None if rnd.random() < 0.25 else f"{f.lower()}.{l.lower()}@{rnd.choice(['stagetalent.co.uk', 'limelightagency.com', 'curtaincall.co.uk'])}"
        performers.append((pid, f, l, rnd.choice(cities), email, 1 if rnd.random() < 0.7 else 0))
    cur.executemany("INSERT INTO performers VALUES (?,?,?,?,?,?)", performers)

    role_words = ["The Captain", "Eleanor", "The Stranger", "Mother", "Father", "The Narrator",
                  "Young Tom", "Lady Ashford", "The Inspector", "Rosa", "Ensemble", "The Butler",
                  "Viola", "Duke", "Clara", "Henry", "The Doctor", "Greta", "Chorus", "The Widow"]
    cast = []
    for prod in productions:
        n = rnd.randint(4, 11)
        members = rnd.sample(range(1, 59), n)  # performers 59, 60 never cast
        roles = rnd.sample(role_words, n)
        leads = set(rnd.sample(range(n), rnd.choice([1, 2])))
        for k, (perf, role) in enumerate(zip(members, roles)):
            lead = 1 if k in leads else 0
            fee = round((1400 if lead else 750) + rnd.randint(0, 30) * 25.0, 2)
            cast.append((prod[0], perf, role, lead, fee))
    cur.executemany("INSERT INTO cast_roles VALUES (?,?,?,?,?)", cast)

    performances = []
    perf_id = 0
    for prod in productions:
        d = datetime.date.fromisoformat(prod[5])
        end = datetime.date.fromisoformat(prod[6])
        while d <= end:
            if d.weekday() != 0:  # dark on Mondays
                times = ["19:30"]
                if d.weekday() in (2, 5):
                    times = ["14:30", "19:30"]
                for t in times:
                    if rnd.random() < 0.55:
                        perf_id += 1
                        r = rnd.random()
                        status = "Cancelled" if r < 0.04 else ("Scheduled" if d > datetime.date(2024, 11, 30) else "Completed")
                        performances.append((perf_id, prod[0], d.isoformat(), t, status))
            d += datetime.timedelta(days=1)
    cur.executemany("INSERT INTO performances VALUES (?,?,?,?,?)", performances)

    pfirst = firsts + ["Margaret", "George", "Priya", "Thomas", "Alice", "Benjamin", "Lily", "Mohammed",
                       "Charlotte", "William", "Emily", "James", "Sarah", "Peter", "Fiona", "Robert"]
    plast = lasts + ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Patel", "Khan", "Evans", "Walker",
                     "Hughes", "Clarke", "Wright", "Murphy", "Kaur", "Green", "Hall"]
    patrons = []
    pused = set()
    for pid in range(1, 241):
        while True:
            f, l = rnd.choice(pfirst), rnd.choice(plast)
            if (f, l) not in pused:
                pused.add((f, l)); break
        email = None if rnd.random() < 0.15 else f"{f.lower()}{rnd.randint(1, 99)}@{rnd.choice(['mailbox.co.uk', 'example.com', 'postmail.net', 'inbox.org'])}"
        city = rnd.choices(cities, weights=[30, 8, 7, 5, 4, 4, 8, 4, 3, 3, 5, 5])[0]
        tier = rnd.choices([None, "Friend", "Patron", "Benefactor"], weights=[50, 30, 15, 5])[0]
        joined = datetime.date(2018, 1, 1) + datetime.timedelta(days=rnd.randint(0, 2400))
        ref = None
        if pid > 20 and rnd.random() < 0.3:
            ref = rnd.randint(1, pid - 1)
        patrons.append((pid, f, l, email, city, tier, joined.isoformat(), ref))
    cur.executemany("INSERT INTO patrons VALUES (?,?,?,?,?,?,?,?)", patrons)

    section_mult = {"Stalls": 1.0, "Dress Circle": 1.2, "Upper Circle": 0.75, "Box": 1.8, "Balcony": 0.6}
    prod_by_id = {p[0]: p for p in productions}
    sales = []
    sid = 0
    active_patrons = list(range(1, 226))  # patrons 226..240 never buy
    weights = [rnd.choice([1, 1, 2, 3, 5]) for _ in active_patrons]
    for perf in performances:
        if perf[4] == "Cancelled" and rnd.random() < 0.5:
            continue
        prod = prod_by_id[perf[1]]
        pdate = datetime.date.fromisoformat(perf[2])
        for _ in range(rnd.randint(0, 6)):
            sid += 1
            section = rnd.choices(list(section_mult), weights=[40, 25, 20, 3, 12])[0]
            qty = rnd.choices([1, 2, 3, 4, 6], weights=[25, 45, 12, 14, 4])[0]
            price = round(prod[8] * section_mult[section], 2)
            if perf[3] == "14:30":
                price = round(price * 0.85, 2)
            sale_date = pdate - datetime.timedelta(days=rnd.randint(0, 60))
            channel = rnd.choices(["Online", "Box Office", "Phone", "Agency"], weights=[55, 20, 15, 10])[0]
            refunded = 1 if (perf[4] == "Cancelled" or rnd.random() < 0.03) else 0
            patron = rnd.choices(active_patrons, weights=weights)[0]
            sales.append((sid, perf[0], patron, sale_date.isoformat(), section, qty, price, channel, refunded))
    cur.executemany("INSERT INTO ticket_sales VALUES (?,?,?,?,?,?,?,?,?)", sales)

    pubs = ["The Evening Standard", "The Guardian", "The Stage", "Time Out", "WhatsOnStage",
            "The Telegraph", "Local Herald"]
    critics = {"The Evening Standard": "Nadine Holt", "The Guardian": "Simon Fairleigh",
               "The Stage": "Lorna Quayle", "Time Out": "Jasper Kett", "WhatsOnStage": "Bea Marchetti",
               "The Telegraph": "Hugh Pemberton", "Local Herald": "Dot Finnegan"}
    reviews = []
    rid = 0
    for prod in productions:
        if prod[0] in (17, 21):
            continue  # no reviews for these
        o = datetime.date.fromisoformat(prod[5])
        for pub in rnd.sample(pubs, rnd.randint(2, 6)):
            rid += 1
            reviews.append((rid, prod[0], pub, critics[pub], rnd.choices([1, 2, 3, 4, 5], weights=[4, 10, 25, 35, 20])[0],
                            (o + datetime.timedelta(days=rnd.randint(1, 6))).isoformat()))
    cur.executemany("INSERT INTO reviews VALUES (?,?,?,?,?,?)", reviews)
    con.commit()
    con.execute("VACUUM")
    con.close()

if __name__ == "__main__":
    main()
