import Foundation
import GRDB
import BulkheadCore

/// Acme's retail source: customers, products, orders and order items, a few thousand rows.
struct RetailData {
    let canary: String

    func write(to url: URL) throws {
        let random = SeededRandom(seed: 0xAC3E)
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL,
                    city TEXT NOT NULL, country TEXT NOT NULL, region TEXT NOT NULL, signup_date TEXT NOT NULL);
                CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL,
                    price REAL NOT NULL, stock INTEGER NOT NULL);
                CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
                    order_date TEXT NOT NULL, status TEXT NOT NULL, total REAL NOT NULL);
                CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id),
                    product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL, unit_price REAL NOT NULL);
                """)
            let first = ["Alice", "Bruno", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ivan", "Júlia", "Kenji", "Lena"]
            let last = ["Smith", "Okafor", "Müller", "Tanaka", "Silva", "Novak", "Haddad", "Kowalski", "Rossi", "Larsen"]
            let places = [("Lisbon", "Portugal"), ("Berlin", "Germany"), ("Osaka", "Japan"), ("Austin", "USA"),
                          ("Lagos", "Nigeria"), ("São Paulo", "Brazil"), ("Toronto", "Canada"), ("Lyon", "France")]
            let regions = ["north", "south", "east", "west"]
            for id in 1...600 {
                let name = id == 1 ? "Canary Customer \(canary)" : "\(random.pick(first)) \(random.pick(last))"
                let (city, country) = random.pick(places)
                let date = String(format: "20%02d-%02d-%02d", random.int(in: 18...24), random.int(in: 1...12), random.int(in: 1...28))
                try db.execute(sql: "INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [id, name, "customer\(id)@example.com", city, country, random.pick(regions), date])
            }
            let categories = ["tools", "garden", "kitchen", "toys", "office", "outdoor"]
            let nouns = ["Anvil", "Rocket Skates", "Giant Magnet", "Tornado Seeds", "Dehydrated Boulders", "Jet Bike",
                         "Bird Seed", "Spring Shoes", "Portable Hole", "Earthquake Pills", "Kite Kit", "Paint Set"]
            var prices: [Double] = [0]
            for id in 1...120 {
                let name = id == 1 ? "Canary Widget \(canary)" : "\(random.pick(nouns)) Mk\(id)"
                let price = Double(random.int(in: 199...49_999)) / 100
                prices.append(price)
                try db.execute(sql: "INSERT INTO products VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, name, random.pick(categories), price, random.int(in: 0...500)])
            }
            let statuses = ["shipped", "shipped", "shipped", "delivered", "delivered", "refunded", "pending"]
            var itemID = 0
            for id in 1...2400 {
                let date = String(format: "20%02d-%02d-%02d", random.int(in: 21...24), random.int(in: 1...12), random.int(in: 1...28))
                var total = 0.0
                var items: [[any DatabaseValueConvertible]] = []
                for _ in 0..<random.int(in: 1...4) {
                    itemID += 1
                    let product = random.int(in: 1...120)
                    let quantity = random.int(in: 1...5)
                    total += Double(quantity) * prices[product]
                    items.append([itemID, id, product, quantity, prices[product]])
                }
                try db.execute(sql: "INSERT INTO orders VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, random.int(in: 1...600), date, random.pick(statuses), (total * 100).rounded() / 100])
                for item in items {
                    try db.execute(sql: "INSERT INTO order_items VALUES (?, ?, ?, ?, ?)", arguments: StatementArguments(item))
                }
            }
        }
        try queue.close()
    }
}
