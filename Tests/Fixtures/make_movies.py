#!/usr/bin/env python3
"""Builds Tests/Fixtures/movies.sqlite from the Wikidata film extract of bokeh-sampledata (CC0).

The data is `movies.db` in the PyPI package `bokeh-sampledata` 2026.1: films from Wikidata with
their reviews, box office and awards (CC0 1.0). The fixture keeps the 2,760 films whose box office
is known and splits the comma-separated lists (genres, directors, cast, countries) into tables
with declared primary and foreign keys:

    pip download --no-deps bokeh-sampledata==2026.1 && unzip bokeh_sampledata-2026.1-py3-none-any.whl
    python3 make_movies.py bokeh_sampledata/_data/movies.db movies.sqlite
"""
import os, sqlite3, sys


def split(text):
    return [part.strip() for part in (text or '').split(',') if part.strip()]


def main(source, out):
    if os.path.exists(out):
        os.remove(out)
    src = sqlite3.connect(source)
    rows = src.execute("""
        SELECT o.ID, o.Title, o.Year, o.Rating, o.Runtime, o.Genre, o.Released, o.Director, o.Cast, o.Language,
               o.Country, o.Oscars, o.Metacritic, t.Meter, t.Reviews, t.Fresh, t.Rotten, t.BoxOffice, t.Production
        FROM omdb o JOIN tomatoes t ON t.ID = o.ID
        WHERE t.BoxOffice IS NOT NULL ORDER BY o.Year, o.Title, o.ID""").fetchall()
    db = sqlite3.connect(out)
    db.executescript("""
        CREATE TABLE studios (studio_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE genres (genre_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE people (person_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE movies (movie_id INTEGER PRIMARY KEY, title TEXT NOT NULL, release_year INTEGER NOT NULL,
            release_date TEXT, runtime_minutes INTEGER, mpaa_rating TEXT, language TEXT, country TEXT,
            box_office REAL, oscars_won INTEGER NOT NULL, metacritic_score INTEGER,
            studio_id INTEGER REFERENCES studios(studio_id));
        CREATE TABLE reviews (movie_id INTEGER PRIMARY KEY REFERENCES movies(movie_id), tomatometer INTEGER,
            review_count INTEGER, fresh_reviews INTEGER, rotten_reviews INTEGER);
        CREATE TABLE movie_genres (movie_id INTEGER NOT NULL REFERENCES movies(movie_id),
            genre_id INTEGER NOT NULL REFERENCES genres(genre_id), PRIMARY KEY (movie_id, genre_id));
        CREATE TABLE directed_by (movie_id INTEGER NOT NULL REFERENCES movies(movie_id),
            person_id INTEGER NOT NULL REFERENCES people(person_id), PRIMARY KEY (movie_id, person_id));
        CREATE TABLE cast_members (movie_id INTEGER NOT NULL REFERENCES movies(movie_id),
            person_id INTEGER NOT NULL REFERENCES people(person_id), PRIMARY KEY (movie_id, person_id));
    """)
    ids = {'studios': {}, 'genres': {}, 'people': {}}

    def key(table, name):
        known = ids[table]
        if name not in known:
            known[name] = len(known) + 1
            column = {'studios': 'studio_id', 'genres': 'genre_id', 'people': 'person_id'}[table]
            db.execute(f'INSERT INTO {table} ({column}, name) VALUES (?, ?)', (known[name], name))
        return known[name]

    for n, r in enumerate(rows, start=1):
        (_, title, year, rating, runtime, genre, released, director, cast, language, country, oscars, metacritic,
         meter, reviews, fresh, rotten, box_office, production) = r
        studio = key('studios', production) if production else None
        languages = split(language)
        countries = split(country)
        db.execute('INSERT INTO movies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                   (n, title, year, released or None, int(runtime) if runtime else None, rating or None,
                    languages[0] if languages else None, countries[0] if countries else None,
                    box_office, oscars or 0, metacritic, studio))
        if meter is not None or reviews is not None:
            db.execute('INSERT INTO reviews VALUES (?, ?, ?, ?, ?)', (n, meter, reviews, fresh, rotten))
        for g in dict.fromkeys(split(genre)):
            db.execute('INSERT INTO movie_genres VALUES (?, ?)', (n, key('genres', g)))
        for d in dict.fromkeys(split(director)):
            db.execute('INSERT INTO directed_by VALUES (?, ?)', (n, key('people', d)))
        for c in dict.fromkeys(split(cast)):
            db.execute('INSERT INTO cast_members VALUES (?, ?)', (n, key('people', c)))
    db.commit()
    db.execute('VACUUM')
    db.close()


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
