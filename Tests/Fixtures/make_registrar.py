#!/usr/bin/env python3
"""Builds Tests/Fixtures/registrar.sqlite: a synthetic university registrar (CC0, written for Bulkhead).

Every name and number is made up by this script from a fixed seed, so the file is the same on
every run. Tables: departments, instructors, courses, prerequisites (a course and the course it
requires: a self-reference), sections (a course taught in a term by an instructor), students and
enrollments (a student in a section, with a letter grade once the term is graded).

    python3 make_registrar.py registrar.sqlite
"""
import os, random, sqlite3, sys

SEED = 20260502

DEPARTMENTS = [
    # name, building, budget, course prefix, course titles (level order)
    ('Computer Science', 'Turing Hall', 1450000, 'CS', [
        'Introduction to Programming', 'Data Structures', 'Discrete Structures', 'Computer Organization',
        'Algorithms', 'Operating Systems', 'Databases', 'Computer Networks', 'Machine Learning',
        'Compilers', 'Computer Graphics', 'Distributed Systems']),
    ('Mathematics', 'Noether Building', 820000, 'MATH', [
        'Calculus I', 'Calculus II', 'Linear Algebra', 'Multivariable Calculus', 'Probability',
        'Differential Equations', 'Real Analysis', 'Abstract Algebra', 'Numerical Methods', 'Topology']),
    ('Physics', 'Curie Hall', 990000, 'PHYS', [
        'Mechanics', 'Electricity and Magnetism', 'Waves and Optics', 'Modern Physics',
        'Thermodynamics', 'Quantum Mechanics', 'Astrophysics']),
    ('Biology', 'Darwin Center', 1120000, 'BIO', [
        'Principles of Biology', 'Cell Biology', 'Genetics', 'Ecology', 'Microbiology',
        'Evolution', 'Molecular Biology', 'Neurobiology']),
    ('History', 'Gibbon House', 410000, 'HIST', [
        'World History to 1500', 'World History since 1500', 'Ancient Rome', 'Medieval Europe',
        'The Cold War', 'History of Science']),
    ('Economics', 'Keynes Hall', 640000, 'ECON', [
        'Principles of Microeconomics', 'Principles of Macroeconomics', 'Intermediate Microeconomics',
        'Econometrics', 'Game Theory', 'International Trade', 'Public Finance']),
    ('English', 'Austen Hall', 380000, 'ENGL', [
        'Academic Writing', 'Introduction to Literature', 'Shakespeare', 'The Modern Novel',
        'Creative Writing', 'Poetry Workshop']),
    ('Chemistry', 'Curie Hall', 870000, 'CHEM', [
        'General Chemistry I', 'General Chemistry II', 'Organic Chemistry', 'Physical Chemistry',
        'Biochemistry', 'Analytical Chemistry']),
]

# (course title, prerequisite title)
PREREQUISITES = [
    ('Data Structures', 'Introduction to Programming'), ('Discrete Structures', 'Introduction to Programming'),
    ('Computer Organization', 'Introduction to Programming'), ('Algorithms', 'Data Structures'),
    ('Algorithms', 'Discrete Structures'), ('Operating Systems', 'Computer Organization'),
    ('Operating Systems', 'Data Structures'), ('Databases', 'Data Structures'),
    ('Computer Networks', 'Operating Systems'), ('Machine Learning', 'Algorithms'),
    ('Machine Learning', 'Linear Algebra'), ('Machine Learning', 'Probability'), ('Compilers', 'Algorithms'),
    ('Computer Graphics', 'Linear Algebra'), ('Computer Graphics', 'Data Structures'),
    ('Distributed Systems', 'Computer Networks'),
    ('Calculus II', 'Calculus I'), ('Linear Algebra', 'Calculus I'), ('Multivariable Calculus', 'Calculus II'),
    ('Probability', 'Calculus II'), ('Differential Equations', 'Calculus II'), ('Real Analysis', 'Calculus II'),
    ('Abstract Algebra', 'Linear Algebra'), ('Numerical Methods', 'Linear Algebra'),
    ('Numerical Methods', 'Introduction to Programming'), ('Topology', 'Real Analysis'),
    ('Mechanics', 'Calculus I'), ('Electricity and Magnetism', 'Mechanics'),
    ('Electricity and Magnetism', 'Calculus II'), ('Waves and Optics', 'Electricity and Magnetism'),
    ('Modern Physics', 'Waves and Optics'), ('Thermodynamics', 'Mechanics'),
    ('Quantum Mechanics', 'Modern Physics'), ('Quantum Mechanics', 'Linear Algebra'),
    ('Astrophysics', 'Modern Physics'),
    ('Cell Biology', 'Principles of Biology'), ('Genetics', 'Cell Biology'), ('Ecology', 'Principles of Biology'),
    ('Microbiology', 'Cell Biology'), ('Evolution', 'Genetics'), ('Molecular Biology', 'Genetics'),
    ('Molecular Biology', 'Organic Chemistry'), ('Neurobiology', 'Cell Biology'),
    ('Ancient Rome', 'World History to 1500'), ('Medieval Europe', 'World History to 1500'),
    ('The Cold War', 'World History since 1500'),
    ('Intermediate Microeconomics', 'Principles of Microeconomics'),
    ('Intermediate Microeconomics', 'Calculus I'), ('Econometrics', 'Probability'),
    ('Econometrics', 'Principles of Macroeconomics'), ('Game Theory', 'Intermediate Microeconomics'),
    ('International Trade', 'Principles of Macroeconomics'), ('Public Finance', 'Intermediate Microeconomics'),
    ('Introduction to Literature', 'Academic Writing'), ('Shakespeare', 'Introduction to Literature'),
    ('The Modern Novel', 'Introduction to Literature'), ('Poetry Workshop', 'Creative Writing'),
    ('General Chemistry II', 'General Chemistry I'), ('Organic Chemistry', 'General Chemistry II'),
    ('Physical Chemistry', 'General Chemistry II'), ('Physical Chemistry', 'Calculus II'),
    ('Biochemistry', 'Organic Chemistry'), ('Analytical Chemistry', 'General Chemistry II'),
]

FIRST = ['Ada', 'Alan', 'Amara', 'Ben', 'Carla', 'Chen', 'Daniel', 'Dara', 'Elena', 'Emeka', 'Farah', 'Felix',
         'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jade', 'Jonas', 'Kai', 'Keira', 'Leo', 'Lina', 'Marco',
         'Maya', 'Nadia', 'Noah', 'Olga', 'Omar', 'Priya', 'Quinn', 'Rafael', 'Rosa', 'Sam', 'Sofia', 'Tariq',
         'Tessa', 'Umar', 'Vera', 'Wen', 'Xavier', 'Yara', 'Yusuf', 'Zoe', 'Aiko', 'Bruno', 'Clara', 'Diego']
LAST = ['Abbott', 'Alvarez', 'Bauer', 'Becker', 'Chowdhury', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia',
        'Haddad', 'Huang', 'Ibrahim', 'Jensen', 'Kowalski', 'Kim', 'Larsen', 'Lopez', 'Mbeki', 'Moreau',
        'Nakamura', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Petrov', 'Quispe', 'Rossi', 'Sato', 'Schmidt',
        'Silva', 'Tanaka', 'Torres', 'Ueda', 'Varga', 'Weber', 'Wong', 'Yilmaz', 'Zhang', 'Zimmer']
GRADES = ['A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D', 'F']
GRADE_WEIGHTS = [14, 12, 13, 15, 10, 9, 9, 6, 4, 3]
TERMS = [(y, s) for y in (2021, 2022, 2023, 2024) for s in ('Spring', 'Summer', 'Fall')]


def main(out):
    rng = random.Random(SEED)
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.executescript("""
        PRAGMA foreign_keys = ON;
        CREATE TABLE departments (dept_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
            building TEXT NOT NULL, budget REAL NOT NULL);
        CREATE TABLE instructors (instructor_id INTEGER PRIMARY KEY, name TEXT NOT NULL,
            dept_id INTEGER NOT NULL REFERENCES departments(dept_id), salary REAL NOT NULL, hire_year INTEGER NOT NULL);
        CREATE TABLE courses (course_code TEXT PRIMARY KEY, title TEXT NOT NULL, credits INTEGER NOT NULL,
            dept_id INTEGER NOT NULL REFERENCES departments(dept_id));
        CREATE TABLE prerequisites (course_code TEXT NOT NULL REFERENCES courses(course_code),
            prereq_code TEXT NOT NULL REFERENCES courses(course_code), PRIMARY KEY (course_code, prereq_code));
        CREATE TABLE sections (section_id INTEGER PRIMARY KEY, course_code TEXT NOT NULL REFERENCES courses(course_code),
            semester TEXT NOT NULL CHECK (semester IN ('Spring', 'Summer', 'Fall')), year INTEGER NOT NULL,
            instructor_id INTEGER NOT NULL REFERENCES instructors(instructor_id), room TEXT NOT NULL, capacity INTEGER NOT NULL);
        CREATE TABLE students (student_id INTEGER PRIMARY KEY, name TEXT NOT NULL,
            major_dept_id INTEGER REFERENCES departments(dept_id), enrollment_year INTEGER NOT NULL,
            total_credits INTEGER NOT NULL);
        CREATE TABLE enrollments (student_id INTEGER NOT NULL REFERENCES students(student_id),
            section_id INTEGER NOT NULL REFERENCES sections(section_id), grade TEXT,
            PRIMARY KEY (student_id, section_id));
    """)
    used_names = set()

    def person():
        while True:
            n = f'{rng.choice(FIRST)} {rng.choice(LAST)}'
            if n not in used_names:
                used_names.add(n)
                return n

    code_of, dept_instructors, courses = {}, {}, []
    for d, (name, building, budget, prefix, titles) in enumerate(DEPARTMENTS, 1):
        db.execute('INSERT INTO departments VALUES (?,?,?,?)', (d, name, building, budget))
        for i, title in enumerate(titles):
            code = f'{prefix} {100 + 100 * (i * 4 // len(titles)) + i + 1}'
            credits = rng.choice([3, 3, 3, 4, 4]) if 'Workshop' not in title else 2
            code_of[title] = code
            courses.append((code, title, credits, d))
            db.execute('INSERT INTO courses VALUES (?,?,?,?)', (code, title, credits, d))
    # An instructor and a course that are never used, so "never" questions have answers.
    iid = 0
    for d, (name, _, budget, _, titles) in enumerate(DEPARTMENTS, 1):
        dept_instructors[d] = []
        for _ in range(max(3, len(titles) // 2 + 1)):
            iid += 1
            salary = round(rng.uniform(62000, 145000) / 500) * 500
            db.execute('INSERT INTO instructors VALUES (?,?,?,?,?)', (iid, person(), d, salary, rng.randint(1994, 2023)))
            dept_instructors[d].append(iid)
    for course, prereq in PREREQUISITES:
        db.execute('INSERT INTO prerequisites VALUES (?,?)', (code_of[course], code_of[prereq]))

    rooms = {b: [f'{b.split()[0]} {rng.randint(1, 3)}{rng.randint(0, 3)}{rng.randint(1, 9)}' for _ in range(5)]
             for _, b, *_ in DEPARTMENTS}
    never_taught = {code_of['Topology'], code_of['Distributed Systems'], code_of['Poetry Workshop']}
    sections, sid = [], 0
    for year, semester in TERMS:
        for code, title, credits, d in courses:
            if code in never_taught:
                continue
            chance = 0.25 if semester == 'Summer' else 0.7
            if rng.random() > chance:
                continue
            staff = dept_instructors[d][:-1] if d == 5 else dept_instructors[d]  # one historian never teaches
            sid += 1
            building = DEPARTMENTS[d - 1][1]
            cap = rng.choice([20, 25, 30, 35, 40, 60, 80, 120]) if '1' in code.split()[1][0] else rng.choice([15, 20, 25, 30, 40])
            sections.append((sid, code, semester, year, rng.choice(staff), rng.choice(rooms[building]), cap, d))
            db.execute('INSERT INTO sections VALUES (?,?,?,?,?,?,?)', sections[-1][:7])

    students = []
    for s in range(1, 601):
        major = rng.choice(range(1, 9)) if rng.random() > 0.06 else None
        students.append((s, person(), major, rng.choice([2019, 2020, 2021, 2022, 2022, 2023, 2023, 2024, 2024])))
        db.execute('INSERT INTO students VALUES (?,?,?,?,0)', students[-1])
    enrolled_credits = {s[0]: 0 for s in students}
    credits_of = {c[0]: c[2] for c in courses}
    for sid, code, semester, year, _, _, cap, d in sections:
        pool = [s for s in students if s[3] <= year and s[3] >= year - 4]
        majors = [s for s in pool if s[2] == d]
        others = [s for s in pool if s[2] != d]
        n = min(cap, rng.randint(cap // 4, cap // 2 + 3))
        chosen = set()
        for _ in range(n):
            group = majors if majors and rng.random() < 0.6 else others
            chosen.add(rng.choice(group)[0])
        for st in sorted(chosen):
            graded = not (year == 2024 and semester == 'Fall')
            grade = rng.choices(GRADES, GRADE_WEIGHTS)[0] if graded else None
            if graded and grade != 'F':
                enrolled_credits[st] += credits_of[code]
            db.execute('INSERT INTO enrollments VALUES (?,?,?)', (st, sid, grade))
    for s, credits in enrolled_credits.items():
        db.execute('UPDATE students SET total_credits = ? WHERE student_id = ?', (credits, s))
    db.commit()
    db.execute('VACUUM')
    db.close()


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'registrar.sqlite')
