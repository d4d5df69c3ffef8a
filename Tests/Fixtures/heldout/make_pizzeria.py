#!/usr/bin/env python3
"""Builds Tests/Fixtures/heldout/pizzeria.sqlite from the pizza place data (via great_tables).

Source: `great_tables/data/05-pizzaplace.csv` and the `pizzaplace` docstring in
`great_tables/data/__init__.py`, in the PyPI package `great_tables` 1.1.0 (MIT; Posit Software,
PBC): a synthetic year (2015) of sales from a pizza place in the US, one row per pizza sold, with
the order's id, date and time, the pizza's short name, size, category and price. The docstring
lists each of the 32 pizzas' full name and main ingredients.

The flat file is normalized into a pizza shop's schema: categories, pizza types (full names from
the docstring), ingredients and the recipe that links them, sizes, the pizzas on the menu (a
type in a size, with its price), orders, and order lines (pizzas of one kind in an order, with a
quantity). Only the orders of January and February 2015 are kept, so the file stays small.

    pip download --no-deps great_tables==1.1.0
    unzip great_tables-1.1.0-py3-none-any.whl
    python3 make_pizzeria.py great_tables/data pizzeria.sqlite
"""
import csv, os, re, sqlite3, sys
from collections import Counter


FIRST_DAY, LAST_DAY = '2015-01-01', '2015-02-28'
CATEGORIES = [
    # code, name, description (from the docstring)
    ('classic', 'Classic', 'You probably had one like it before, but never like this!'),
    ('chicken', 'Chicken', 'Pizzas with chicken as a major ingredient'),
    ('supreme', 'Supreme', 'Pizzas that try a little harder'),
    ('veggie', 'Veggie', 'Pizzas without any meats whatsoever'),
]
SIZES = [('S', 'Small', 1), ('M', 'Medium', 2), ('L', 'Large', 3), ('XL', 'Extra Large', 4),
         ('XXL', 'Double Extra Large', 5)]


def recipes(doc):
    """Reads the listing of full names and ingredients from the pizzaplace docstring."""
    start = doc.index('pizzaplace.__doc__')
    text = doc[start:doc.index('Details', start)]
    found = {}
    for code, name, ingredients in re.findall(r'- `"(\w+)"`: (The [^(]+?) \(([^)]*)\)', text, re.S):
        parts = [' '.join(p.split()) for p in ingredients.split(',')]
        parts = [re.sub(r'^and ', '', p).replace('\u2018', "'") for p in parts]
        parts = ['Artichokes' if p == 'Artichoke' else p for p in parts]  # one listing says "Artichoke"
        found[code] = (' '.join(name.split()), parts)
    return found


def main(data, out):
    if os.path.exists(out):
        os.remove(out)
    with open(os.path.join(data, '__init__.py'), encoding='utf-8') as f:
        menu = recipes(f.read())
    with open(os.path.join(data, '05-pizzaplace.csv'), encoding='utf-8') as f:
        rows = [r for r in csv.DictReader(f) if FIRST_DAY <= r['date'] <= LAST_DAY]
    assert len(menu) == 32, len(menu)

    db = sqlite3.connect(out)
    db.executescript("""
        CREATE TABLE categories (category_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
            description TEXT NOT NULL);
        CREATE TABLE pizza_types (pizza_type_id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            category_id INTEGER NOT NULL REFERENCES categories(category_id));
        CREATE TABLE ingredients (ingredient_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE recipe_ingredients (
            pizza_type_id INTEGER NOT NULL REFERENCES pizza_types(pizza_type_id),
            ingredient_id INTEGER NOT NULL REFERENCES ingredients(ingredient_id),
            PRIMARY KEY (pizza_type_id, ingredient_id));
        CREATE TABLE sizes (size_code TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,
            sort_order INTEGER NOT NULL UNIQUE);
        CREATE TABLE pizzas (pizza_id INTEGER PRIMARY KEY,
            pizza_type_id INTEGER NOT NULL REFERENCES pizza_types(pizza_type_id),
            size_code TEXT NOT NULL REFERENCES sizes(size_code),
            price REAL NOT NULL, UNIQUE (pizza_type_id, size_code));
        CREATE TABLE orders (order_id INTEGER PRIMARY KEY, order_number TEXT NOT NULL UNIQUE,
            order_date TEXT NOT NULL, order_time TEXT NOT NULL);
        CREATE TABLE order_lines (order_id INTEGER NOT NULL REFERENCES orders(order_id),
            pizza_id INTEGER NOT NULL REFERENCES pizzas(pizza_id),
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            PRIMARY KEY (order_id, pizza_id));
    """)
    category = {}
    for code, name, description in CATEGORIES:
        category[code] = len(category) + 1
        db.execute('INSERT INTO categories VALUES (?, ?, ?)', (category[code], name, description))
    for code, name, rank in SIZES:
        db.execute('INSERT INTO sizes VALUES (?, ?, ?)', (code, name, rank))

    with open(os.path.join(data, '05-pizzaplace.csv'), encoding='utf-8') as f:
        kinds = {r['name']: r['type'] for r in csv.DictReader(f)}
    types, ingredients = {}, {}
    for code in sorted(menu, key=lambda c: menu[c][0]):
        types[code] = len(types) + 1
        db.execute('INSERT INTO pizza_types VALUES (?, ?, ?, ?)',
                   (types[code], code, menu[code][0], category[kinds[code]]))
        for ingredient in menu[code][1]:
            if ingredient not in ingredients:
                ingredients[ingredient] = len(ingredients) + 1
                db.execute('INSERT INTO ingredients VALUES (?, ?)', (ingredients[ingredient], ingredient))
            db.execute('INSERT OR IGNORE INTO recipe_ingredients VALUES (?, ?)',
                       (types[code], ingredients[ingredient]))

    # The menu: every pizza sold at any time in 2015, so a pizza never ordered in the kept months
    # is still on it.
    with open(os.path.join(data, '05-pizzaplace.csv'), encoding='utf-8') as f:
        prices = {(r['name'], r['size']): float(r['price']) for r in csv.DictReader(f)}
    rank = {code: r for code, _, r in SIZES}
    pizzas = {}
    for name, size in sorted(prices, key=lambda k: (types[k[0]], rank[k[1]])):
        pizzas[(name, size)] = len(pizzas) + 1
        db.execute('INSERT INTO pizzas VALUES (?, ?, ?, ?)',
                   (pizzas[(name, size)], types[name], size, prices[(name, size)]))

    orders = {}
    for r in rows:
        if r['id'] not in orders:
            orders[r['id']] = len(orders) + 1
            db.execute('INSERT INTO orders VALUES (?, ?, ?, ?)',
                       (orders[r['id']], r['id'], r['date'], r['time']))
    lines = Counter((orders[r['id']], pizzas[(r['name'], r['size'])]) for r in rows)
    db.executemany('INSERT INTO order_lines VALUES (?, ?, ?)',
                   [key + (count,) for key, count in sorted(lines.items())])
    db.commit()
    db.execute('VACUUM')
    db.close()


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
