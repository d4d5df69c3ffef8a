#!/usr/bin/env python3
"""Builds Tests/Fixtures/wholesale.sqlite: a synthetic food wholesaler's trading data (CC0, written for Bulkhead).

Every company, person, product and order is made up by this script from a fixed seed, so the
file is the same on every run. The wholesaler buys from suppliers, sells to shops and
restaurants in Europe and the Americas, and ships through three carriers; the orders cover the
two years 2023 and 2024 (orders of the last weeks of 2024 are not yet shipped).

    python3 make_wholesale.py wholesale.sqlite
"""
import datetime, os, random, sqlite3, sys

SEED = 7031

CATEGORIES = [
    ('Drinks', 'Soft drinks, juices, coffee, tea and beer'),
    ('Sauces and Spreads', 'Sauces, dressings, jams, honey and pastes'),
    ('Sweets', 'Chocolate, biscuits, candy and desserts'),
    ('Dairy', 'Cheeses, butter and yoghurt'),
    ('Grains and Pasta', 'Flour, rice, bread, pasta and cereals'),
    ('Meat and Poultry', 'Fresh, cured and prepared meats'),
    ('Fruit and Vegetables', 'Dried fruit, preserves and tinned vegetables'),
    ('Fish and Seafood', 'Smoked, tinned and frozen fish and shellfish'),
]

SUPPLIERS = [
    ('Nordfjord Provisions', 'Norway', 'Bergen'), ('Casa Aurelia Alimentari', 'Italy', 'Parma'),
    ('Maison Verlaine', 'France', 'Lyon'), ('Hacienda Los Olivos', 'Spain', 'Seville'),
    ('Bavaria Feinkost', 'Germany', 'Munich'), ('Great Lakes Pantry', 'USA', 'Chicago'),
    ('Pacific Rim Trading', 'Japan', 'Osaka'), ('Southern Cross Foods', 'Australia', 'Melbourne'),
    ('Maple Ridge Farms', 'Canada', 'Montreal'), ('Fazenda Boa Vista', 'Brazil', 'Curitiba'),
    ('Lowland Dairy Cooperative', 'Netherlands', 'Utrecht'), ('Highland Larder', 'UK', 'Inverness'),
]

# product name, supplier index, category index, pack size, price
PRODUCTS = [
    ('Fjord Cold Brew Coffee', 0, 0, '12 bottles x 330 ml', 28.5), ('Aurelia Blood Orange Soda', 1, 0, '24 cans x 330 ml', 19.0),
    ('Verlaine Earl Grey Tea', 2, 0, '20 boxes x 25 bags', 42.0), ('Bavarian Wheat Beer', 4, 0, '24 bottles x 500 ml', 36.0),
    ('Great Lakes Root Beer', 5, 0, '12 bottles x 355 ml', 14.5), ('Sencha Green Tea', 6, 0, '10 tins x 100 g', 55.0),
    ('Maple Ridge Apple Cider', 8, 0, '6 bottles x 750 ml', 24.0), ('Boa Vista Espresso Beans', 9, 0, '4 bags x 1 kg', 68.0),
    ('Highland Sparkling Water', 11, 0, '24 bottles x 500 ml', 11.5),
    ('Aurelia Basil Pesto', 1, 1, '12 jars x 190 g', 31.0), ('Verlaine Dijon Mustard', 2, 1, '12 jars x 210 g', 18.5),
    ('Los Olivos Extra Virgin Olive Oil', 3, 1, '6 bottles x 1 l', 74.0), ('Great Lakes Barbecue Sauce', 5, 1, '12 bottles x 500 ml', 22.0),
    ('Kyoto Soy Sauce', 6, 1, '12 bottles x 1 l', 27.5), ('Maple Ridge Pure Maple Syrup', 8, 1, '12 bottles x 250 ml', 49.0),
    ('Highland Heather Honey', 11, 1, '12 jars x 340 g', 39.0), ('Southern Cross Yeast Spread', 7, 1, '24 jars x 220 g', 33.0),
    ('Verlaine Apricot Jam', 2, 1, '12 jars x 370 g', 21.0),
    ('Bavaria Gingerbread Hearts', 4, 2, '20 packs x 200 g', 26.0), ('Aurelia Almond Biscotti', 1, 2, '16 bags x 250 g', 29.5),
    ('Verlaine Dark Chocolate 70%', 2, 2, '40 bars x 100 g', 58.0), ('Nordfjord Licorice Drops', 0, 2, '30 bags x 150 g', 17.0),
    ('Highland Butter Shortbread', 11, 2, '12 tins x 300 g', 45.0), ('Southern Cross Lamington Cakes', 7, 2, '10 boxes x 6 pieces', 23.0),
    ('Boa Vista Brigadeiro Truffles', 9, 2, '12 boxes x 12 pieces', 38.0), ('Los Olivos Turron', 3, 2, '20 bars x 200 g', 52.0),
    ('Lowland Aged Gouda', 10, 3, '1 wheel x 4.5 kg', 96.0), ('Aurelia Parmigiano Reggiano', 1, 3, '1 piece x 5 kg', 132.0),
    ('Verlaine Brie de Meaux', 2, 3, '6 pieces x 1 kg', 88.0), ('Lowland Salted Butter', 10, 3, '20 blocks x 250 g', 34.0),
    ('Nordfjord Brown Cheese', 0, 3, '10 blocks x 500 g', 61.0), ('Los Olivos Manchego', 3, 3, '4 wheels x 1 kg', 72.0),
    ('Lowland Greek Style Yoghurt', 10, 3, '12 tubs x 500 g', 19.5),
    ('Aurelia Spaghetti', 1, 4, '20 packs x 500 g', 16.0), ('Aurelia Arborio Rice', 1, 4, '10 bags x 1 kg', 24.5),
    ('Bavaria Rye Crispbread', 4, 4, '12 packs x 250 g', 15.0), ('Great Lakes Rolled Oats', 5, 4, '12 bags x 1 kg', 18.0),
    ('Kyoto Udon Noodles', 6, 4, '30 packs x 200 g', 27.0), ('Highland Oatcakes', 11, 4, '24 packs x 150 g', 20.5),
    ('Boa Vista Cassava Flour', 9, 4, '10 bags x 1 kg', 14.0),
    ('Aurelia Prosciutto di Parma', 1, 5, '1 leg x 7 kg', 165.0), ('Los Olivos Chorizo', 3, 5, '10 pieces x 250 g', 44.0),
    ('Bavaria Weisswurst', 4, 5, '10 packs x 6 pieces', 39.5), ('Great Lakes Beef Jerky', 5, 5, '24 bags x 70 g', 47.0),
    ('Southern Cross Lamb Pies', 7, 5, '12 pies x 200 g', 35.0), ('Maple Ridge Smoked Bacon', 8, 5, '10 packs x 500 g', 41.0),
    ('Verlaine Duck Confit', 2, 5, '6 tins x 800 g', 82.0),
    ('Los Olivos Roasted Peppers', 3, 6, '12 jars x 290 g', 17.5), ('Aurelia Sun-Dried Tomatoes', 1, 6, '12 jars x 280 g', 25.0),
    ('Southern Cross Dried Mango', 7, 6, '20 bags x 200 g', 30.0), ('Great Lakes Dried Cranberries', 5, 6, '20 bags x 250 g', 28.0),
    ('Kyoto Pickled Ginger', 6, 6, '12 jars x 200 g', 16.5), ('Boa Vista Hearts of Palm', 9, 6, '12 tins x 400 g', 26.5),
    ('Bavaria Sauerkraut', 4, 6, '12 jars x 680 g', 12.0),
    ('Nordfjord Smoked Salmon', 0, 7, '10 packs x 200 g', 64.0), ('Nordfjord Pickled Herring', 0, 7, '12 jars x 500 g', 29.0),
    ('Los Olivos Anchovy Fillets', 3, 7, '24 tins x 50 g', 37.0), ('Kyoto Dried Bonito Flakes', 6, 7, '10 bags x 100 g', 43.0),
    ('Highland Smoked Mackerel', 11, 7, '10 packs x 250 g', 31.5), ('Maple Ridge Lobster Bisque', 8, 7, '12 tins x 400 ml', 54.0),
    ('Southern Cross Tiger Prawns', 7, 7, '10 bags x 1 kg', 118.0),
]

FIRST = ['Anna', 'Bernd', 'Carmen', 'Dmitri', 'Eva', 'Fernando', 'Greta', 'Henrik', 'Isabel', 'Jacques', 'Karin',
         'Luis', 'Marta', 'Nils', 'Paula', 'Ricardo', 'Sabine', 'Thomas', 'Ulla', 'Victor', 'Wanda', 'Yves',
         'Chloe', 'Pedro', 'Lucia', 'Mark', 'Helen', 'Joao', 'Ingrid', 'Pierre', 'Rosa', 'Martin']
LAST = ['Andersen', 'Berger', 'Castillo', 'Delacroix', 'Eklund', 'Ferreira', 'Gruber', 'Hoffmann', 'Ibarra',
        'Jansen', 'Keller', 'Lindqvist', 'Marino', 'Nieminen', 'Ortega', 'Pereira', 'Quinn', 'Rasmussen',
        'Santos', 'Thorne', 'Urbani', 'Vidal', 'Walsh', 'Zeller', 'Blackwood', 'Dunn', 'Fontaine', 'Moreno']
TITLES = ['Owner', 'Purchasing Manager', 'Sales Representative', 'Accounting Manager', 'Marketing Manager',
          'Order Administrator', 'Sales Agent']
PLACES = [  # city, region, country, phone prefix
    ('Berlin', None, 'Germany', '+49 30'), ('Hamburg', None, 'Germany', '+49 40'), ('Munich', 'Bavaria', 'Germany', '+49 89'),
    ('Paris', None, 'France', '+33 1'), ('Lyon', None, 'France', '+33 4'), ('Marseille', None, 'France', '+33 4'),
    ('Madrid', None, 'Spain', '+34 91'), ('Barcelona', 'Catalonia', 'Spain', '+34 93'), ('Lisbon', None, 'Portugal', '+351 21'),
    ('Porto', None, 'Portugal', '+351 22'), ('London', None, 'UK', '+44 20'), ('Manchester', None, 'UK', '+44 161'),
    ('Cork', 'Munster', 'Ireland', '+353 21'), ('Brussels', None, 'Belgium', '+32 2'), ('Bern', None, 'Switzerland', '+41 31'),
    ('Geneva', None, 'Switzerland', '+41 22'), ('Vienna', None, 'Austria', '+43 1'), ('Stockholm', None, 'Sweden', '+46 8'),
    ('Oslo', None, 'Norway', '+47 22'), ('Helsinki', None, 'Finland', '+358 9'), ('Copenhagen', None, 'Denmark', '+45 33'),
    ('Warsaw', None, 'Poland', '+48 22'), ('Milan', 'Lombardy', 'Italy', '+39 02'), ('Rome', 'Lazio', 'Italy', '+39 06'),
    ('Seattle', 'WA', 'USA', '+1 206'), ('Portland', 'OR', 'USA', '+1 503'), ('Boston', 'MA', 'USA', '+1 617'),
    ('Austin', 'TX', 'USA', '+1 512'), ('Denver', 'CO', 'USA', '+1 303'), ('Vancouver', 'BC', 'Canada', '+1 604'),
    ('Toronto', 'ON', 'Canada', '+1 416'), ('Mexico City', None, 'Mexico', '+52 55'), ('Sao Paulo', 'SP', 'Brazil', '+55 11'),
    ('Rio de Janeiro', 'RJ', 'Brazil', '+55 21'), ('Buenos Aires', None, 'Argentina', '+54 11'), ('Caracas', 'DF', 'Venezuela', '+58 212'),
]
SHOP_WORDS = ['Deli', 'Market', 'Grocers', 'Bistro', 'Food Hall', 'Trading', 'Pantry', 'Provisions', 'Kitchen', 'Corner Shop']
SHOP_NAMES = ['Golden', 'Harbour', 'Old Town', 'Blue Door', 'Corner', 'Green Leaf', 'Riverside', 'Lighthouse', 'Market Square',
              'Silver Spoon', 'Sunrise', 'Oak Tree', 'Three Bridges', 'North Star', 'Little', 'Royal', 'Westside', 'Crown',
              'Copper Pot', 'Village', 'Stone Mill', 'Red Barn', 'Bay', 'Hilltop']
SHIPPERS = [('Swift Parcel Lines', '+44 20 7946 0101'), ('Atlas Freight Co.', '+49 40 555 0192'), ('Blue Ocean Cargo', '+1 206 555 0143')]
TERRITORIES = [  # name, region
    ('Nordics', 'Northern Europe'), ('British Isles', 'Northern Europe'), ('Benelux', 'Western Europe'),
    ('France', 'Western Europe'), ('German-speaking', 'Central Europe'), ('Poland', 'Central Europe'),
    ('Iberia', 'Southern Europe'), ('Italy', 'Southern Europe'), ('US West', 'North America'),
    ('US East', 'North America'), ('Canada', 'North America'), ('Mexico', 'Latin America'),
    ('South America', 'Latin America'),
]
# first, last, title, born, hired, city, country, manager index (None for the top), territories
EMPLOYEES = [
    ('Margaret', 'Holloway', 'Managing Director', '1968-03-14', '2012-04-02', 'London', 'UK', None, []),
    ('Stefan', 'Krause', 'Sales Manager', '1975-09-30', '2014-01-13', 'Hamburg', 'Germany', 0, [4, 5]),
    ('Lucia', 'Ferrante', 'Sales Manager', '1979-11-08', '2015-06-01', 'London', 'UK', 0, [8, 9]),
    ('Oliver', 'Grant', 'Sales Representative', '1988-05-21', '2017-02-20', 'London', 'UK', 1, [1, 0]),
    ('Amelie', 'Roux', 'Sales Representative', '1991-12-03', '2018-09-10', 'London', 'UK', 1, [3, 2]),
    ('Jonas', 'Weber', 'Sales Representative', '1985-07-17', '2016-03-07', 'Hamburg', 'Germany', 1, [4, 5, 0]),
    ('Elena', 'Moreno', 'Sales Representative', '1993-02-26', '2020-01-06', 'London', 'UK', 1, [6, 7]),
    ('Daniel', 'Brooks', 'Sales Representative', '1990-10-11', '2019-05-13', 'Seattle', 'USA', 2, [8, 10]),
    ('Camila', 'Rocha', 'Sales Representative', '1994-06-09', '2021-08-16', 'Seattle', 'USA', 2, [11, 12, 9]),
    ('Peter', 'Lindgren', 'Inside Sales Coordinator', '1983-01-29', '2013-11-04', 'London', 'UK', 0, []),
]


def main(out):
    rng = random.Random(SEED)
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.executescript("""
        PRAGMA foreign_keys = ON;
        CREATE TABLE shippers (shipper_id INTEGER PRIMARY KEY, company TEXT NOT NULL, phone TEXT);
        CREATE TABLE categories (category_id INTEGER PRIMARY KEY, category_name TEXT NOT NULL UNIQUE, description TEXT);
        CREATE TABLE suppliers (supplier_id INTEGER PRIMARY KEY, company TEXT NOT NULL, city TEXT, country TEXT NOT NULL);
        CREATE TABLE products (product_id INTEGER PRIMARY KEY, product_name TEXT NOT NULL,
            supplier_id INTEGER NOT NULL REFERENCES suppliers(supplier_id),
            category_id INTEGER NOT NULL REFERENCES categories(category_id),
            pack_size TEXT, list_price REAL NOT NULL, stock_qty INTEGER NOT NULL, on_order_qty INTEGER NOT NULL,
            reorder_point INTEGER NOT NULL, is_discontinued INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, company TEXT NOT NULL, contact_name TEXT,
            contact_title TEXT, city TEXT, region TEXT, country TEXT NOT NULL, phone TEXT);
        CREATE TABLE employees (employee_id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
            job_title TEXT, born_on TEXT, hired_on TEXT, city TEXT, country TEXT,
            manager_id INTEGER REFERENCES employees(employee_id));
        CREATE TABLE territories (territory_id INTEGER PRIMARY KEY, territory_name TEXT NOT NULL, region_name TEXT NOT NULL);
        CREATE TABLE employee_territories (employee_id INTEGER NOT NULL REFERENCES employees(employee_id),
            territory_id INTEGER NOT NULL REFERENCES territories(territory_id), PRIMARY KEY (employee_id, territory_id));
        CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
            employee_id INTEGER NOT NULL REFERENCES employees(employee_id), ordered_on TEXT NOT NULL,
            required_by TEXT NOT NULL, shipped_on TEXT, shipper_id INTEGER REFERENCES shippers(shipper_id),
            freight_cost REAL NOT NULL, ship_to_name TEXT, ship_to_city TEXT, ship_to_country TEXT);
        CREATE TABLE order_lines (order_id INTEGER NOT NULL REFERENCES orders(order_id),
            product_id INTEGER NOT NULL REFERENCES products(product_id), unit_price REAL NOT NULL,
            quantity INTEGER NOT NULL, discount REAL NOT NULL DEFAULT 0, PRIMARY KEY (order_id, product_id));
    """)
    for i, (company, phone) in enumerate(SHIPPERS, 1):
        db.execute('INSERT INTO shippers VALUES (?,?,?)', (i, company, phone))
    for i, (name, description) in enumerate(CATEGORIES, 1):
        db.execute('INSERT INTO categories VALUES (?,?,?)', (i, name, description))
    for i, (company, country, city) in enumerate(SUPPLIERS, 1):
        db.execute('INSERT INTO suppliers VALUES (?,?,?,?)', (i, company, city, country))
    discontinued = {'Great Lakes Root Beer', 'Southern Cross Yeast Spread', 'Nordfjord Licorice Drops',
                    'Bavaria Weisswurst', 'Boa Vista Cassava Flour'}
    for i, (name, s, c, pack, price) in enumerate(PRODUCTS, 1):
        reorder = rng.choice([0, 5, 10, 15, 20, 25, 30])
        stock = rng.randint(0, 120) if rng.random() > 0.08 else 0
        on_order = rng.choice([0, 0, 0, 10, 20, 40, 60]) if stock <= reorder + 10 else 0
        db.execute('INSERT INTO products VALUES (?,?,?,?,?,?,?,?,?,?)',
                   (i, name, s + 1, c + 1, pack, price, stock, on_order, reorder, int(name in discontinued)))
    for i, (name, region) in enumerate(TERRITORIES, 1):
        db.execute('INSERT INTO territories VALUES (?,?,?)', (i, name, region))
    for i, (first, last, title, born, hired, city, country, manager, terr) in enumerate(EMPLOYEES, 1):
        db.execute('INSERT INTO employees VALUES (?,?,?,?,?,?,?,?,?)',
                   (i, first, last, title, born, hired, city, country, None if manager is None else manager + 1))
        for t in terr:
            db.execute('INSERT INTO employee_territories VALUES (?,?)', (i, t + 1))

    customers, used = [], set()
    for i in range(1, 92):
        place = PLACES[(i - 1) % len(PLACES)] if i <= len(PLACES) else rng.choice(PLACES)
        while True:
            company = f'{rng.choice(SHOP_NAMES)} {rng.choice(SHOP_WORDS)}'
            if company not in used:
                used.add(company)
                break
        city, region, country, prefix = place
        phone = f'{prefix} {rng.randint(100, 999)} {rng.randint(1000, 9999)}'
        customers.append((i, company, city, country))
        db.execute('INSERT INTO customers VALUES (?,?,?,?,?,?,?,?)',
                   (i, company, f'{rng.choice(FIRST)} {rng.choice(LAST)}', rng.choice(TITLES), city, region, country, phone))
    # Who sells where: each country belongs to one territory; its reps take its orders.
    territory_of = {'Norway': 0, 'Sweden': 0, 'Finland': 0, 'Denmark': 0, 'UK': 1, 'Ireland': 1, 'Belgium': 2,
                    'France': 3, 'Germany': 4, 'Switzerland': 4, 'Austria': 4, 'Poland': 5, 'Spain': 6,
                    'Portugal': 6, 'Italy': 7, 'Canada': 10, 'Mexico': 11, 'Brazil': 12, 'Argentina': 12,
                    'Venezuela': 12}
    reps_of = {}
    for i, e in enumerate(EMPLOYEES, 1):
        for t in e[8]:
            reps_of.setdefault(t, []).append(i)
    start = datetime.date(2023, 1, 2)
    weights = [rng.uniform(0.2, 3.0) for _ in customers]
    inactive = set(rng.sample(range(len(customers)), 4))
    for k in inactive:
        weights[k] = 0
    line_count, order_id = 0, 0
    day = start
    while day <= datetime.date(2024, 12, 31):
        for _ in range(rng.choice([1, 1, 1, 2, 2, 2])):
            order_id += 1
            cid, company, city, country = rng.choices(customers, weights)[0]
            if country == 'USA':
                t = 8 if city in ('Seattle', 'Portland', 'Denver') else 9
            else:
                t = territory_of[country]
            employee = rng.choice(reps_of[t] + ([10] if rng.random() < 0.1 else []))
            required = day + datetime.timedelta(days=rng.choice([14, 21, 28, 28, 42]))
            shipped = day + datetime.timedelta(days=rng.choice([1, 2, 3, 4, 5, 7, 9, 12, 16, 25, 31]))
            if shipped > datetime.date(2024, 12, 31) or (day > datetime.date(2024, 12, 10) and rng.random() < 0.7):
                shipped, shipper = None, rng.randint(1, 3)
            else:
                shipper = rng.randint(1, 3)
            freight = round(rng.uniform(1.5, 180.0) * (2.2 if country not in territory_of or t >= 10 else 1), 2)
            db.execute('INSERT INTO orders VALUES (?,?,?,?,?,?,?,?,?,?,?)',
                       (order_id, cid, employee, day.isoformat(), required.isoformat(),
                        shipped.isoformat() if shipped else None, shipper, freight, company, city, country))
            for pid in rng.sample(range(1, len(PRODUCTS) + 1), rng.choice([1, 2, 2, 3, 3, 4, 5])):
                name = PRODUCTS[pid - 1][0]
                if name in discontinued and day > datetime.date(2024, 3, 1):
                    continue
                price = PRODUCTS[pid - 1][4] * (0.95 if day.year == 2023 else 1.0)
                quantity = rng.choice([1, 2, 3, 5, 6, 8, 10, 12, 15, 20, 24, 30, 40, 50])
                discount = rng.choice([0, 0, 0, 0, 0, 0.05, 0.1, 0.15, 0.2, 0.25])
                db.execute('INSERT INTO order_lines VALUES (?,?,?,?,?)', (order_id, pid, round(price, 2), quantity, discount))
                line_count += 1
        day += datetime.timedelta(days=1)
    # An order whose every line was skipped keeps no lines; drop it.
    db.execute('DELETE FROM orders WHERE order_id NOT IN (SELECT order_id FROM order_lines)')
    db.commit()
    db.execute('VACUUM')
    db.close()


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'wholesale.sqlite')
