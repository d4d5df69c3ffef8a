#!/usr/bin/env python3
"""Builds Tests/Fixtures/heldout/penguins.sqlite from the Palmer penguins data (via palmerpenguins).

Source: `penguins-raw.csv` in the PyPI package `palmerpenguins` 0.1.6 (MIT code; the data are
Dr. Kristen Gorman's and the Palmer Station LTER's, CC0): 344 adult Adelie, Chinstrap and Gentoo
penguins sampled at their nests on three islands near Palmer Station, Antarctica, in the seasons
2007-08, 2008-09 and 2009-10, with body measurements, sex, blood isotope ratios and field notes.

The flat file is normalized: a nest (study, island, nest label such as N12) carries the clutch
completion and the date its first egg was seen, which every adult sampled at it shares; the isotope
ratios, missing for some birds, live in a table of their own.

    pip download --no-deps palmerpenguins==0.1.6
    unzip palmerpenguins-0.1.6-py3-none-any.whl
    python3 make_penguins.py palmerpenguins/data penguins.sqlite
"""
import csv, os, re, sqlite3, sys


SPECIES = {
    # raw label -> (name, scientific name)
    'Adelie Penguin (Pygoscelis adeliae)': ('Adelie', 'Pygoscelis adeliae'),
    'Chinstrap penguin (Pygoscelis antarctica)': ('Chinstrap', 'Pygoscelis antarctica'),
    'Gentoo penguin (Pygoscelis papua)': ('Gentoo', 'Pygoscelis papua'),
}


def main(data, out):
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.executescript("""
        CREATE TABLE species (species_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
            scientific_name TEXT NOT NULL UNIQUE);
        CREATE TABLE islands (island_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, region TEXT NOT NULL);
        CREATE TABLE studies (study_code TEXT PRIMARY KEY, season TEXT NOT NULL, start_year INTEGER NOT NULL);
        CREATE TABLE nests (nest_id INTEGER PRIMARY KEY,
            study_code TEXT NOT NULL REFERENCES studies(study_code),
            island_id INTEGER NOT NULL REFERENCES islands(island_id),
            nest_label TEXT NOT NULL, clutch_complete INTEGER NOT NULL CHECK (clutch_complete IN (0, 1)),
            first_egg_date TEXT NOT NULL, UNIQUE (study_code, island_id, nest_label));
        CREATE TABLE penguins (penguin_id INTEGER PRIMARY KEY,
            study_code TEXT NOT NULL REFERENCES studies(study_code), sample_number INTEGER NOT NULL,
            individual_code TEXT NOT NULL,
            nest_id INTEGER NOT NULL REFERENCES nests(nest_id),
            species_id INTEGER NOT NULL REFERENCES species(species_id),
            sex TEXT CHECK (sex IN ('male', 'female')),
            bill_length_mm REAL, bill_depth_mm REAL, flipper_length_mm INTEGER, body_mass_g INTEGER,
            notes TEXT, UNIQUE (study_code, species_id, sample_number));
        CREATE TABLE isotope_readings (penguin_id INTEGER PRIMARY KEY REFERENCES penguins(penguin_id),
            delta_15n REAL, delta_13c REAL);
    """)
    with open(os.path.join(data, 'penguins-raw.csv'), encoding='utf-8') as f:
        rows = list(csv.DictReader(f))

    def value(text, kind=float):
        return None if text in ('', 'NA', '.') else kind(float(text))

    species = {}
    for label in sorted(SPECIES, key=lambda label: SPECIES[label][0]):
        species[label] = len(species) + 1
        db.execute('INSERT INTO species VALUES (?, ?, ?)', (species[label],) + SPECIES[label])
    islands = {}
    for r in sorted(rows, key=lambda r: r['Island']):
        if r['Island'] not in islands:
            islands[r['Island']] = len(islands) + 1
            db.execute('INSERT INTO islands VALUES (?, ?, ?)', (islands[r['Island']], r['Island'], r['Region']))
    for code in sorted({r['studyName'] for r in rows}):
        start = 2000 + int(code[3:5])
        db.execute('INSERT INTO studies VALUES (?, ?, ?)', (code, f'{start}-{start + 1}', start))
    nests = {}
    for r in rows:
        label = re.match(r'(N\d+)A\d+$', r['Individual ID']).group(1)
        key = (r['studyName'], islands[r['Island']], label)
        if key not in nests:
            nests[key] = len(nests) + 1
            db.execute('INSERT INTO nests VALUES (?, ?, ?, ?, ?, ?)',
                       (nests[key],) + key + (1 if r['Clutch Completion'] == 'Yes' else 0, r['Date Egg']))
        sex = {'MALE': 'male', 'FEMALE': 'female'}.get(r['Sex'])
        notes = None if r['Comments'] in ('', 'NA') else r['Comments']
        cursor = db.execute('INSERT INTO penguins VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                            (r['studyName'], int(r['Sample Number']), r['Individual ID'], nests[key],
                             species[r['Species']], sex, value(r['Culmen Length (mm)']),
                             value(r['Culmen Depth (mm)']), value(r['Flipper Length (mm)'], int),
                             value(r['Body Mass (g)'], int), notes))
        n15, c13 = value(r['Delta 15 N (o/oo)']), value(r['Delta 13 C (o/oo)'])
        if n15 is not None or c13 is not None:
            db.execute('INSERT INTO isotope_readings VALUES (?, ?, ?)', (cursor.lastrowid, n15, c13))
    db.commit()
    db.execute('VACUUM')
    db.close()


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
