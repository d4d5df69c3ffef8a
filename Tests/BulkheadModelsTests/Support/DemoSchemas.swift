/// Small retail and clinic databases shaped like the demo workspace's sources, filled with
/// deterministic rows by recursive CTEs so every run sees the same data.
enum DemoSchemas {
    static func retail() throws -> SQLiteFile {
        let database = try SQLiteFile.temporary(named: "retail.sqlite")
        try database.execute("""
            PRAGMA foreign_keys = ON;
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, city TEXT, country TEXT, created_at DATE);
            CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT, price REAL, stock INTEGER);
            CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), ordered_at DATE, status TEXT);
            CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id),
                                      product_id INTEGER REFERENCES products(id), quantity INTEGER, unit_price REAL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
            INSERT INTO customers SELECT i, 'Customer ' || i, 'c' || i || '@example.test',
                CASE i % 6 WHEN 0 THEN 'Lisbon' WHEN 1 THEN 'Porto' WHEN 2 THEN 'Madrid' WHEN 3 THEN 'Paris' WHEN 4 THEN 'Berlin' ELSE 'Austin' END,
                CASE i % 6 WHEN 0 THEN 'Portugal' WHEN 1 THEN 'Portugal' WHEN 2 THEN 'Spain' WHEN 3 THEN 'France' WHEN 4 THEN 'Germany' ELSE 'USA' END,
                date('2022-01-01', '+' || (i * 11) || ' days') FROM n;
            INSERT INTO products VALUES
                (1, 'Espresso Machine', 'Kitchen', 249.0, 12), (2, 'Coffee Grinder', 'Kitchen', 89.5, 30),
                (3, 'Desk Lamp', 'Office', 35.0, 80), (4, 'Standing Desk', 'Office', 520.0, 5),
                (5, 'Office Chair', 'Office', 310.0, 9), (6, 'Trail Shoes', 'Outdoor', 129.0, 40),
                (7, 'Rain Jacket', 'Outdoor', 99.0, 25), (8, 'Camping Stove', 'Outdoor', 64.0, 15),
                (9, 'Water Bottle', 'Outdoor', 18.0, 200), (10, 'Chef Knife', 'Kitchen', 75.0, 22),
                (11, 'Notebook', 'Office', 6.5, 500), (12, 'Headphones', 'Electronics', 199.0, 18),
                (13, 'USB Cable', 'Electronics', 9.0, 350), (14, 'Smart Speaker', 'Electronics', 149.0, 14);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
            INSERT INTO orders SELECT i, (i * 7 + i / 25) % 60 + 1, date('2023-01-01', '+' || (i * 3) || ' days'),
                CASE i % 4 WHEN 0 THEN 'shipped' WHEN 1 THEN 'pending' WHEN 2 THEN 'delivered' ELSE 'cancelled' END FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 900)
            INSERT INTO order_items SELECT i, (i - 1) / 3 + 1, (i * 5) % 14 + 1, i % 4 + 1,
                (SELECT price FROM products WHERE id = (i * 5) % 14 + 1) FROM n;
            """)
        return database
    }

    static func clinic() throws -> SQLiteFile {
        let database = try SQLiteFile.temporary(named: "clinic.sqlite")
        try database.execute("""
            PRAGMA foreign_keys = ON;
            CREATE TABLE patients (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, birth_date DATE, city TEXT);
            CREATE TABLE doctors (id INTEGER PRIMARY KEY, name TEXT, specialty TEXT);
            CREATE TABLE appointments (id INTEGER PRIMARY KEY, patient_id INTEGER REFERENCES patients(id),
                                       doctor_id INTEGER REFERENCES doctors(id), scheduled_at DATETIME, status TEXT);
            CREATE TABLE invoices (id INTEGER PRIMARY KEY, appointment_id INTEGER REFERENCES appointments(id),
                                   amount REAL, issued_on DATE, paid INTEGER);
            INSERT INTO doctors VALUES (1, 'Dr. Ana Silva', 'Cardiology'), (2, 'Dr. Bruno Costa', 'Dermatology'),
                (3, 'Dr. Carla Mendes', 'Pediatrics'), (4, 'Dr. David Reis', 'Cardiology'), (5, 'Dr. Eva Lopes', 'Neurology'),
                (6, 'Dr. Filipe Sousa', 'Orthopedics'), (7, 'Dr. Gina Rocha', 'Pediatrics'), (8, 'Dr. Hugo Pinto', 'Dermatology');
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 80)
            INSERT INTO patients SELECT i,
                CASE i % 8 WHEN 0 THEN 'Maria' WHEN 1 THEN 'João' WHEN 2 THEN 'Sofia' WHEN 3 THEN 'Pedro'
                           WHEN 4 THEN 'Inês' WHEN 5 THEN 'Tiago' WHEN 6 THEN 'Rita' ELSE 'Miguel' END,
                CASE i % 7 WHEN 0 THEN 'Santos' WHEN 1 THEN 'Ferreira' WHEN 2 THEN 'Oliveira' WHEN 3 THEN 'Pereira'
                           WHEN 4 THEN 'Almeida' WHEN 5 THEN 'Carvalho' ELSE 'Gomes' END,
                date('1950-01-01', '+' || (i * 263) || ' days'),
                CASE i % 5 WHEN 0 THEN 'Porto' WHEN 1 THEN 'Lisbon' WHEN 2 THEN 'Braga' WHEN 3 THEN 'Coimbra' ELSE 'Faro' END FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
            INSERT INTO appointments SELECT i, (i * 3) % 80 + 1, CASE WHEN i % 5 = 0 THEN 1 ELSE i % 8 + 1 END,
                datetime('2022-01-01 09:00:00', '+' || (i * 2) || ' days'),
                CASE i % 3 WHEN 0 THEN 'completed' WHEN 1 THEN 'cancelled' ELSE 'scheduled' END FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
            INSERT INTO invoices SELECT i, i, 50 + (i * 37) % 200,
                (SELECT date(scheduled_at) FROM appointments WHERE id = i), i % 2 FROM n;
            """)
        return database
    }
}
