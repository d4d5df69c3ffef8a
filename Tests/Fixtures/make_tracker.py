#!/usr/bin/env python3
"""Build tracker.sqlite: a synthetic software issue tracker (CC0 1.0).

python3 stdlib only, fixed random seed: produces identical bytes on every run.
"""
import os
import random
import sqlite3
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
DB = os.path.join(HERE, "tracker.sqlite")

rng = random.Random(20240707)

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE teams (
    team_id      INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    office_city  TEXT NOT NULL
);
CREATE TABLE users (
    user_id      INTEGER PRIMARY KEY,
    full_name    TEXT NOT NULL,
    email        TEXT NOT NULL UNIQUE,
    team_id      INTEGER NOT NULL REFERENCES teams(team_id),
    role         TEXT NOT NULL,
    hourly_rate  REAL NOT NULL,
    hired_on     TEXT NOT NULL,
    manager_id   INTEGER REFERENCES users(user_id)
);
CREATE TABLE projects (
    project_id   INTEGER PRIMARY KEY,
    project_key  TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    team_id      INTEGER NOT NULL REFERENCES teams(team_id),
    lead_id      INTEGER NOT NULL REFERENCES users(user_id),
    started_on   TEXT NOT NULL,
    budget       REAL NOT NULL,
    status       TEXT NOT NULL
);
CREATE TABLE sprints (
    sprint_id    INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(project_id),
    name         TEXT NOT NULL,
    start_date   TEXT NOT NULL,
    end_date     TEXT NOT NULL
);
CREATE TABLE issues (
    issue_id     INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(project_id),
    sprint_id    INTEGER REFERENCES sprints(sprint_id),
    title        TEXT NOT NULL,
    issue_type   TEXT NOT NULL,
    priority     TEXT NOT NULL,
    status       TEXT NOT NULL,
    reporter_id  INTEGER NOT NULL REFERENCES users(user_id),
    assignee_id  INTEGER REFERENCES users(user_id),
    story_points INTEGER,
    created_at   TEXT NOT NULL,
    resolved_at  TEXT
);
CREATE TABLE labels (
    label_id     INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE
);
CREATE TABLE issue_labels (
    issue_id     INTEGER NOT NULL REFERENCES issues(issue_id),
    label_id     INTEGER NOT NULL REFERENCES labels(label_id),
    PRIMARY KEY (issue_id, label_id)
);
CREATE TABLE comments (
    comment_id   INTEGER PRIMARY KEY,
    issue_id     INTEGER NOT NULL REFERENCES issues(issue_id),
    author_id    INTEGER NOT NULL REFERENCES users(user_id),
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE TABLE work_logs (
    log_id       INTEGER PRIMARY KEY,
    issue_id     INTEGER NOT NULL REFERENCES issues(issue_id),
    user_id      INTEGER NOT NULL REFERENCES users(user_id),
    work_date    TEXT NOT NULL,
    hours        REAL NOT NULL
);
"""

TEAMS = [
    ("Platform", "Berlin"),
    ("Payments", "London"),
    ("Mobile", "Lisbon"),
    ("Data", "Berlin"),
    ("Growth", "Amsterdam"),
    ("Security", "Dublin"),
]

FIRST = ["Anna", "Ben", "Chloe", "Daniel", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jonas",
         "Kira", "Liam", "Maya", "Nikolai", "Olivia", "Pedro", "Quinn", "Rosa", "Sven", "Tara",
         "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe", "Aaron", "Bianca", "Carlos", "Dana",
         "Emil", "Fiona", "Gustav", "Hana", "Ivan", "Julia", "Kofi", "Lena", "Marco", "Nora"]
LAST = ["Novak", "Schmidt", "Okafor", "Rossi", "Jensen", "Haddad", "Murphy", "Silva", "Kowalski",
        "Andersen", "Yilmaz", "Tanaka", "Dubois", "Fischer", "Moreau", "Costa", "Brennan", "Weber",
        "Larsen", "Petrov", "Nakamura", "Ortiz", "Becker", "Lindqvist", "Mensah"]

ROLES = ["Engineer", "Engineer", "Engineer", "Senior Engineer", "QA Analyst", "Designer",
         "Product Manager"]
RATE = {"Engineering Manager": (85, 95), "Senior Engineer": (70, 82), "Engineer": (52, 66),
        "QA Analyst": (42, 50), "Designer": (55, 65), "Product Manager": (68, 78)}

PROJECTS = [
    ("CORE", "Core API", 0), ("INFRA", "Infrastructure Automation", 0),
    ("PAY", "Checkout Payments", 1), ("BILL", "Billing Engine", 1),
    ("IOS", "iOS App", 2), ("AND", "Android App", 2),
    ("DWH", "Data Warehouse", 3), ("ML", "Recommendation Models", 3),
    ("ONB", "Onboarding Funnel", 4), ("SEO", "Search Visibility", 4),
    ("IAM", "Identity and Access", 5), ("AUD", "Audit Logging", 5),
    ("DOCS", "Developer Portal", 0),
]

ISSUE_TYPES = [("Bug", 40), ("Story", 30), ("Task", 22), ("Epic", 3), ("Spike", 5)]
PRIORITIES = [("Low", 20), ("Medium", 42), ("High", 26), ("Critical", 12)]
LABELS = ["backend", "frontend", "ux", "performance", "security", "tech-debt", "customer-reported",
          "regression", "documentation", "accessibility", "database", "flaky-test"]

VERBS = ["Fix", "Add", "Refactor", "Investigate", "Update", "Remove", "Improve", "Migrate",
         "Document", "Support"]
OBJECTS = ["login timeout", "invoice PDF export", "push notification settings", "retry logic",
           "password reset email", "dashboard loading time", "currency rounding", "dark mode",
           "CSV import", "rate limiter", "search autocomplete", "session cookies", "audit trail",
           "webhook signatures", "user avatar upload", "nightly ETL job", "cache invalidation",
           "refund flow", "onboarding checklist", "API pagination", "crash on startup",
           "memory leak in worker", "broken link in footer", "two-factor authentication",
           "sitemap generation", "feature flags", "error messages", "deployment pipeline",
           "database indexes", "payment provider fallback"]

COMMENTS = ["Can reproduce on staging.", "Looks good to me, merging.", "Needs a unit test first.",
            "Blocked by the upstream API change.", "Moved to next sprint.",
            "Customer confirmed the fix works.", "Could not reproduce, closing soon?",
            "Added screenshots to the description.", "Pairing on this tomorrow.",
            "Root cause is a race condition in the worker.", "PR is up for review.",
            "Please check with design before changing copy.", "Rolled back the deploy.",
            "Duplicate of an older ticket?", "Performance improved by about 30 percent."]


def wchoice(pairs):
    total = sum(w for _, w in pairs)
    r = rng.uniform(0, total)
    acc = 0
    for v, w in pairs:
        acc += w
        if r <= acc:
            return v
    return pairs[-1][0]


def d(s):
    return date.fromisoformat(s)


def main():
    if os.path.exists(DB):
        os.remove(DB)
    con = sqlite3.connect(DB)
    con.executescript(SCHEMA)

    for i, (n, c) in enumerate(TEAMS, 1):
        con.execute("INSERT INTO teams VALUES (?,?,?)", (i, n, c))

    # users: one manager per team, then members
    users = []  # (id, name, email, team, role, rate, hired, manager)
    used_names = set()
    uid = 0

    def new_name():
        while True:
            n = rng.choice(FIRST) + " " + rng.choice(LAST)
            if n not in used_names:
                used_names.add(n)
                return n

    managers = {}
    for t in range(1, len(TEAMS) + 1):
        uid += 1
        name = new_name()
        hired = d("2016-01-01") + timedelta(days=rng.randint(0, 1500))
        rate = round(rng.uniform(*RATE["Engineering Manager"]), 2)
        users.append([uid, name, t, "Engineering Manager", rate, hired.isoformat(), None])
        managers[t] = uid
    for t in range(1, len(TEAMS) + 1):
        for _ in range(rng.randint(5, 8)):
            uid += 1
            role = rng.choice(ROLES)
            name = new_name()
            hired = d("2018-03-01") + timedelta(days=rng.randint(0, 2200))
            rate = round(rng.uniform(*RATE[role]), 2)
            users.append([uid, name, t, role, rate, hired.isoformat(), managers[t]])
    for u in users:
        first, last = u[1].lower().split(" ")
        email = f"{first}.{last}@bulkhead-dev.example"
        con.execute("INSERT INTO users VALUES (?,?,?,?,?,?,?,?)",
                    (u[0], u[1], email, u[2], u[3], u[4], u[5], u[6]))
    team_members = {t: [u[0] for u in users if u[2] == t] for t in range(1, len(TEAMS) + 1)}
    all_users = [u[0] for u in users]

    # projects
    projects = []
    for i, (key, name, tix) in enumerate(PROJECTS, 1):
        team = tix + 1
        seniors = [u[0] for u in users if u[2] == team and u[3] in ("Senior Engineer", "Engineering Manager")]
        lead = rng.choice(seniors)
        started = d("2022-01-10") + timedelta(days=rng.randint(0, 600))
        budget = float(rng.randrange(80, 420) * 1000)
        status = "Active"
        if key == "DOCS":
            status = "Planned"
            started = d("2025-03-03")
        elif key in ("SEO", "AUD"):
            status = "On Hold"
        elif key == "INFRA":
            status = "Completed"
        projects.append((i, key, name, team, lead, started, budget, status))
        con.execute("INSERT INTO projects VALUES (?,?,?,?,?,?,?,?)",
                    (i, key, name, team, lead, started.isoformat(), budget, status))

    # sprints: two-week sprints through 2024
    sprint_id = 0
    sprints_by_project = {}
    for (pid, key, name, team, lead, started, budget, status) in projects:
        sprints_by_project[pid] = []
        if status == "Planned":
            continue
        s = max(started, d("2023-01-02"))
        s = s + timedelta(days=(7 - s.weekday()) % 7)  # next Monday
        end_limit = d("2024-12-20") if status != "Completed" else d("2024-05-31")
        n = 0
        while s + timedelta(days=13) <= end_limit:
            n += 1
            sprint_id += 1
            e = s + timedelta(days=13)
            con.execute("INSERT INTO sprints VALUES (?,?,?,?,?)",
                        (sprint_id, pid, f"{key} Sprint {n}", s.isoformat(), e.isoformat()))
            sprints_by_project[pid].append((sprint_id, s, e))
            s = e + timedelta(days=1)
            if rng.random() < 0.12:
                s += timedelta(days=7)  # occasional gap week

    # issues
    issue_id = 0
    issues = []
    for (pid, key, name, team, lead, started, budget, status) in projects:
        if status == "Planned":
            continue
        n_issues = rng.randint(35, 70)
        members = team_members[team]
        sp = sprints_by_project[pid]
        for _ in range(n_issues):
            issue_id += 1
            itype = wchoice(ISSUE_TYPES)
            prio = wchoice(PRIORITIES)
            title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
            reporter = rng.choice(members) if rng.random() < 0.8 else rng.choice(all_users)
            sprint = rng.choice(sp) if (sp and rng.random() < 0.78) else None
            if sprint:
                created = sprint[1] - timedelta(days=rng.randint(0, 20))
            else:
                created = d("2023-01-02") + timedelta(days=rng.randint(0, 700))
            created = max(created, d("2023-01-02"), started)
            r = rng.random()
            if status == "Completed":
                st = "Done" if r < 0.9 else "Won't Fix"
            elif r < 0.52:
                st = "Done"
            elif r < 0.62:
                st = "In Review"
            elif r < 0.78:
                st = "In Progress"
            elif r < 0.93:
                st = "Open"
            else:
                st = "Won't Fix"
            assignee = None
            if st != "Open" or rng.random() < 0.5:
                assignee = rng.choice(members)
            points = None
            if itype in ("Story", "Task", "Bug") and rng.random() < 0.82:
                points = rng.choice([1, 2, 3, 3, 5, 5, 8, 13])
            resolved = None
            if st in ("Done", "Won't Fix"):
                base = sprint[2] if sprint else created + timedelta(days=30)
                resolved = min(created + timedelta(days=rng.randint(1, 45)), base + timedelta(days=10))
                if resolved <= created:
                    resolved = created + timedelta(days=1)
                resolved = resolved.isoformat()
            issues.append((issue_id, pid, sprint[0] if sprint else None, title, itype, prio, st,
                           reporter, assignee, points, created, resolved, members))
            con.execute("INSERT INTO issues VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        (issue_id, pid, sprint[0] if sprint else None, title, itype, prio, st,
                         reporter, assignee, points, created.isoformat(), resolved))

    # labels
    for i, n in enumerate(LABELS, 1):
        con.execute("INSERT INTO labels VALUES (?,?)", (i, n))
    for iss in issues:
        k = rng.choice([0, 1, 1, 1, 2, 2, 3])
        # leave the last label ("flaky-test") rarely used and "accessibility" unused by Epics
        for lab in sorted(rng.sample(range(1, len(LABELS)), k)):
            con.execute("INSERT INTO issue_labels VALUES (?,?)", (iss[0], lab))
    for iid in (17, 203, 388):
        if iid <= issue_id:
            con.execute("INSERT OR IGNORE INTO issue_labels VALUES (?,?)", (iid, len(LABELS)))

    # comments
    cid = 0
    for iss in issues:
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4])):
            cid += 1
            author = rng.choice(iss[12]) if rng.random() < 0.85 else rng.choice(all_users)
            when = iss[10] + timedelta(days=rng.randint(0, 30), hours=0)
            con.execute("INSERT INTO comments VALUES (?,?,?,?,?)",
                        (cid, iss[0], author, rng.choice(COMMENTS), when.isoformat()))

    # work logs
    lid = 0
    for iss in issues:
        if iss[6] == "Open" or iss[8] is None:
            continue
        for _ in range(rng.randint(1, 5)):
            lid += 1
            who = iss[8] if rng.random() < 0.8 else rng.choice(iss[12])
            when = iss[10] + timedelta(days=rng.randint(0, 25))
            hours = rng.choice([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 8.0])
            con.execute("INSERT INTO work_logs VALUES (?,?,?,?,?)",
                        (lid, iss[0], who, when.isoformat(), hours))

    con.commit()
    con.execute("VACUUM")
    con.close()


if __name__ == "__main__":
    main()
