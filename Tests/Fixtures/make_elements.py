#!/usr/bin/env python3
"""Builds Tests/Fixtures/elements.sqlite from the periodic table of bokeh-sampledata (public domain).

The data is `elements.csv` in the PyPI package `bokeh-sampledata` 2026.1 (the periodic table:
one row per element, public domain). The fixture keeps the chemical columns, moves the element
categories ("metal" in the CSV: alkali metal, noble gas, …) into their own table, and stores
"Ancient" discoveries with no year:

    pip download --no-deps bokeh-sampledata==2026.1 && unzip bokeh_sampledata-2026.1-py3-none-any.whl
    python3 make_elements.py bokeh_sampledata/_data/elements.csv elements.sqlite
"""
import csv, os, sqlite3, sys


def number(text, kind=float):
    text = (text or '').strip()
    if not text or text in ('-', 'Ancient'):
        return None
    try:
        return kind(float(text)) if kind is int else kind(text)
    except ValueError:
        return None


def main(source, out):
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.executescript("""
        CREATE TABLE categories (category_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE elements (atomic_number INTEGER PRIMARY KEY, symbol TEXT NOT NULL, name TEXT NOT NULL,
            atomic_mass REAL, electronegativity REAL, atomic_radius REAL, ion_radius TEXT, van_der_waals_radius REAL,
            ionization_energy REAL, electron_affinity REAL, standard_state TEXT, bonding_type TEXT,
            melting_point REAL, boiling_point REAL, density REAL,
            category_id INTEGER REFERENCES categories(category_id), year_discovered INTEGER,
            group_number INTEGER, period INTEGER);
    """)
    categories = {}
    with open(source, encoding='utf-8') as f:
        for row in csv.DictReader(f):
            category = row['metal'].strip() or None
            if category and category not in categories:
                categories[category] = len(categories) + 1
                db.execute('INSERT INTO categories VALUES (?, ?)', (categories[category], category))
            db.execute('INSERT INTO elements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', (
                int(row['atomic number']), row['symbol'].strip(), row['name'].strip(), number(row['atomic mass']),
                number(row['electronegativity']), number(row['atomic radius']), row['ion radius'].strip() or None,
                number(row['van der Waals radius']), number(row['IE-1']), number(row['EA']),
                row['standard state'].strip() or None, row['bonding type'].strip() or None,
                number(row['melting point']), number(row['boiling point']), number(row['density']),
                categories.get(category), number(row['year discovered'], int), number(row['group'], int),
                number(row['period'], int)))
    db.commit()
    db.execute('VACUUM')
    db.close()


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
