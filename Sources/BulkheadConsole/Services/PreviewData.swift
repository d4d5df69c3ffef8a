/// The made-up data behind `PreviewServices`: an "Acme" retail org with three sources.
enum PreviewData {
    static let accounts = [
        DemoAccount(email: "ada@acme.test", org: "Acme", role: "admin", password: PreviewServices.password),
        DemoAccount(email: "ben@acme.test", org: "Acme", role: "member", password: PreviewServices.password),
        DemoAccount(email: "gus@globex.test", org: "Globex", role: "admin", password: PreviewServices.password),
    ]

    struct Source {
        var name: String
        var kind: String
        var detail: SourceDetail
    }

    static let sources: [Source] = [
        Source(name: "acme_retail", kind: "sqlite", detail: SourceDetail(name: "acme_retail", tables: [
            TableInfo(name: "customers", columns: [
                ColumnInfo(name: "id", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "name", type: "TEXT"),
                ColumnInfo(name: "email", type: "TEXT"),
                ColumnInfo(name: "country", type: "TEXT"),
                ColumnInfo(name: "created_at", type: "DATE"),
            ], rowCount: 2_400, sampleRows: [
                ["1", "Maria Lopez", "maria@lopez.example", "Spain", "2023-01-04"],
                ["2", "山田 太郎", "taro@yamada.example", "Japan", "2023-01-09"],
                ["3", "Zoë Müller", "zoe@muller.example", "Germany", "2023-02-17"],
                ["4", "李小龍", "bruce@lee.example", "China", "2023-03-02"],
                ["5", "Olu Adeyemi", "olu@adeyemi.example", "Nigeria", "2023-03-21"],
            ]),
            TableInfo(name: "products", columns: [
                ColumnInfo(name: "id", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "name", type: "TEXT"),
                ColumnInfo(name: "category", type: "TEXT"),
                ColumnInfo(name: "price", type: "REAL"),
            ], rowCount: 180, sampleRows: [
                ["1", "Trail Runner 2", "shoes", "89.90"],
                ["2", "Rain Shell", "jackets", "129.00"],
                ["3", "Merino Socks", "accessories", "14.50"],
                ["4", "Summit Pack 30L", "bags", "74.00"],
                ["5", "Headlamp 400", "gear", "39.95"],
            ]),
            TableInfo(name: "orders", columns: [
                ColumnInfo(name: "id", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "customer_id", type: "INTEGER", foreignKey: "customers.id"),
                ColumnInfo(name: "ordered_at", type: "DATE"),
                ColumnInfo(name: "status", type: "TEXT"),
                ColumnInfo(name: "total", type: "REAL"),
            ], rowCount: 8_912, sampleRows: [
                ["1", "2", "2024-01-03", "shipped", "104.40"],
                ["2", "1", "2024-01-03", "delivered", "89.90"],
                ["3", "4", "2024-01-05", "returned", "14.50"],
                ["4", "3", "2024-01-06", "delivered", "203.00"],
                ["5", "5", "2024-01-08", "pending", "39.95"],
            ]),
            TableInfo(name: "order_items", columns: [
                ColumnInfo(name: "id", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "order_id", type: "INTEGER", foreignKey: "orders.id"),
                ColumnInfo(name: "product_id", type: "INTEGER", foreignKey: "products.id"),
                ColumnInfo(name: "quantity", type: "INTEGER"),
                ColumnInfo(name: "unit_price", type: "REAL"),
            ], rowCount: 100_000, sampleRows: [
                ["1", "1", "1", "1", "89.90"],
                ["2", "1", "3", "1", "14.50"],
                ["3", "2", "1", "1", "89.90"],
                ["4", "3", "3", "1", "14.50"],
                ["5", "4", "2", "1", "129.00"],
            ]),
        ])),
        Source(name: "chinook", kind: "sqlite", detail: SourceDetail(name: "chinook", tables: [
            TableInfo(name: "artists", columns: [
                ColumnInfo(name: "ArtistId", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "Name", type: "NVARCHAR(120)"),
            ], rowCount: 275, sampleRows: [["1", "AC/DC"], ["2", "Accept"], ["3", "Aerosmith"]]),
            TableInfo(name: "albums", columns: [
                ColumnInfo(name: "AlbumId", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "Title", type: "NVARCHAR(160)"),
                ColumnInfo(name: "ArtistId", type: "INTEGER", foreignKey: "artists.ArtistId"),
            ], rowCount: 347, sampleRows: [["1", "For Those About To Rock We Salute You", "1"], ["2", "Balls to the Wall", "2"]]),
        ])),
        Source(name: "leads_2024", kind: "csv", detail: SourceDetail(name: "leads_2024", tables: [
            TableInfo(name: "leads", columns: [
                ColumnInfo(name: "email", type: "TEXT"),
                ColumnInfo(name: "score", type: "INTEGER"),
                ColumnInfo(name: "first_seen", type: "DATE"),
            ], rowCount: 512, sampleRows: [["kim@corp.example", "82", "2024-02-01"], ["lee@shop.example", "47", "2024-02-03"]]),
        ])),
    ]

    static let bigRequestID = "req-big-100k"

    /// A canned answer: "all order items" gives a 100,000-row result paged on demand; anything
    /// else gives the top customers (with CJK names, to show alignment).
    static func answer(_ question: String) -> AskOutcome {
        let lowered = question.lowercased()
        if lowered.contains("all") || lowered.contains("items") {
            return AskOutcome(requestID: bigRequestID, sql: "SELECT id, order_id, product_id, quantity, unit_price\nFROM order_items\nORDER BY id",
                              summary: "All 100,000 order items, oldest first.",
                              columns: ["id", "order_id", "product_id", "quantity", "unit_price"],
                              rows: rows(requestID: bigRequestID, offset: 0, limit: AskState.pageSize), rowCount: 100_000)
        }
        return AskOutcome(requestID: "req-0003",
                          sql: "SELECT c.name AS customer, c.country, COUNT(o.id) AS orders, SUM(o.total) AS total_spent\nFROM customers c JOIN orders o ON o.customer_id = c.id\nGROUP BY c.id ORDER BY total_spent DESC LIMIT 5",
                          summary: "The 5 customers who spent the most, with their order counts.",
                          columns: ["customer", "country", "orders", "total_spent"],
                          rows: topCustomers, rowCount: topCustomers.count)
    }

    static let topCustomers = [
        ["山田 太郎", "Japan", "41", "5210.40"],
        ["Maria Lopez", "Spain", "38", "4987.15"],
        ["李小龍", "China", "35", "4410.00"],
        ["Zoë Müller", "Germany", "29", "3902.75"],
        ["Olu Adeyemi", "Nigeria", "27", "3611.20"],
    ]

    /// Deterministic rows of the big result, computed on demand (never all in memory).
    static func rows(requestID: String, offset: Int, limit: Int) -> [[String]] {
        guard requestID == bigRequestID else {
            return Array(topCustomers.dropFirst(offset).prefix(limit))
        }
        let end = min(100_000, offset + limit)
        guard offset < end else { return [] }
        let prices = ["89.90", "14.50", "129.00", "74.00", "39.95"]
        return (offset..<end).map { index in
            let id = index + 1
            return [String(id), String(id / 3 + 1), String(id % 180 + 1), String(id % 4 + 1), prices[id % prices.count]]
        }
    }

    static let requests = [
        RequestSummary(id: "req-0002", question: "how many customers are in Japan?", time: "14:02:11", totalTokens: 512, firewallVerdict: "allowed"),
        RequestSummary(id: "req-0001", question: "top 5 products by revenue", time: "13:58:40", totalTokens: 604, firewallVerdict: "allowed"),
    ]

    static func body(_ question: String, schema: String) -> String {
        """
        {
          "model": "offline",
          "max_tokens": 1024,
          "system": "You write one read-only SQLite query for Acme's data.",
          "messages": [
            {"role": "user", "content": "Schema:\\n\(schema)"},
            {"role": "user", "content": "Note n-12: fiscal year starts in February. ACME-CANARY-7f3a"},
            {"role": "user", "content": "\(question)"}
          ]
        }
        """
    }

    static let requestDetails: [RequestDetail] = [
        RequestDetail(
            id: "req-0002", question: "how many customers are in Japan?", model: "offline",
            sections: [
                SectionInfo(kind: "system", orgID: "org-acme", ids: ["system"], tokens: 48,
                            text: "You write one read-only SQLite query for Acme's data."),
                SectionInfo(kind: "schema", orgID: "org-acme", ids: ["acme_retail.customers"], tokens: 212,
                            text: "customers(id INTEGER PK, name TEXT, email TEXT, country TEXT, created_at DATE)\nsample countries: Spain, Japan, Germany"),
                SectionInfo(kind: "example", orgID: "org-acme", ids: ["ex-4"], tokens: 96,
                            text: "Q: customers per country\nSQL: SELECT country, COUNT(*) FROM customers GROUP BY country"),
                SectionInfo(kind: "note", orgID: "org-acme", ids: ["n-12"], tokens: 38,
                            text: "Fiscal year starts in February. ACME-CANARY-7f3a"),
                SectionInfo(kind: "question", orgID: "org-acme", ids: ["req-0002"], tokens: 118,
                            text: "how many customers are in Japan?"),
            ],
            totalTokens: 512, budget: 8_000, dropped: [], costEstimate: 0,
            timings: RequestTimings(contextMS: 1.4, modelMS: 0.6, queryMS: 2.9), firewallVerdict: "allowed",
            requestBody: body("how many customers are in Japan?", schema: "customers(id, name, email, country, created_at)")),
        RequestDetail(
            id: "req-0001", question: "top 5 products by revenue", model: "offline",
            sections: [
                SectionInfo(kind: "system", orgID: "org-acme", ids: ["system"], tokens: 48,
                            text: "You write one read-only SQLite query for Acme's data."),
                SectionInfo(kind: "schema", orgID: "org-acme", ids: ["acme_retail.products", "acme_retail.order_items"], tokens: 344,
                            text: "products(id INTEGER PK, name TEXT, category TEXT, price REAL)\norder_items(id, order_id → orders.id, product_id → products.id, quantity, unit_price)"),
                SectionInfo(kind: "note", orgID: "org-acme", ids: ["n-12"], tokens: 38,
                            text: "Fiscal year starts in February. ACME-CANARY-7f3a"),
                SectionInfo(kind: "question", orgID: "org-acme", ids: ["req-0001"], tokens: 174,
                            text: "top 5 products by revenue"),
            ],
            totalTokens: 604, budget: 8_000, dropped: ["2 notes (n-3, n-7): below the relevance cut"], costEstimate: 0,
            timings: RequestTimings(contextMS: 1.9, modelMS: 0.7, queryMS: 11.2), firewallVerdict: "allowed",
            requestBody: body("top 5 products by revenue", schema: "products(id, name, category, price)\\norder_items(id, order_id, product_id, quantity, unit_price)")),
    ]

    static let auditPatterns = [
        AuditPattern(id: "A1", layer: "authentication", name: "token with alg none", passed: true),
        AuditPattern(id: "A2", layer: "authentication", name: "HS256 signed with the public key", passed: true),
        AuditPattern(id: "A3", layer: "authentication", name: "org_id claim of another org", passed: true),
        AuditPattern(id: "D1", layer: "tenant data", name: "open Globex's file as Acme", passed: true),
        AuditPattern(id: "D2", layer: "tenant data", name: "ATTACH another tenant's database", passed: true),
        AuditPattern(id: "D3", layer: "tenant data", name: "insert a row with another org_id", passed: true),
        AuditPattern(id: "Q1", layer: "queries", name: "query another org's source by name", passed: true),
        AuditPattern(id: "Q2", layer: "queries", name: "load_extension from tenant SQL", passed: true),
        AuditPattern(id: "Q3", layer: "queries", name: "flood one org, time the other", passed: true),
        AuditPattern(id: "C1", layer: "AI context", name: "another org's note in the prompt", passed: true),
        AuditPattern(id: "C2", layer: "AI context", name: "search vectors without a principal", passed: true),
        AuditPattern(id: "L1", layer: "logs and errors", name: "canary strings in the log", passed: true),
        AuditPattern(id: "L2", layer: "logs and errors", name: "another org's name in an error", passed: false),
    ]
}
