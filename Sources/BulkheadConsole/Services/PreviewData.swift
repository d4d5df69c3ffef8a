import BulkheadCore
import Foundation

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
            ], rowCount: 2_400, sampleRows: values([
                ["1", "Maria Lopez", "maria@lopez.example", "Spain", "2023-01-04"],
                ["2", "山田 太郎", "taro@yamada.example", "Japan", "2023-01-09"],
                ["3", "Zoë Müller", "zoe@muller.example", "Germany", "2023-02-17"],
                ["4", "李小龍", "bruce@lee.example", "China", "2023-03-02"],
                ["5", "Olu Adeyemi", "olu@adeyemi.example", "Nigeria", "2023-03-21"],
            ])),
            TableInfo(name: "products", columns: [
                ColumnInfo(name: "id", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "name", type: "TEXT"),
                ColumnInfo(name: "category", type: "TEXT"),
                ColumnInfo(name: "price", type: "REAL"),
            ], rowCount: 180, sampleRows: values([
                ["1", "Trail Runner 2", "shoes", "89.90"],
                ["2", "Rain Shell", "jackets", "129.00"],
                ["3", "Merino Socks", "accessories", "14.50"],
                ["4", "Summit Pack 30L", "bags", "74.00"],
                ["5", "Headlamp 400", "gear", "39.95"],
            ])),
            TableInfo(name: "orders", columns: [
                ColumnInfo(name: "id", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "customer_id", type: "INTEGER", foreignKey: "customers.id"),
                ColumnInfo(name: "ordered_at", type: "DATE"),
                ColumnInfo(name: "status", type: "TEXT"),
                ColumnInfo(name: "total", type: "REAL"),
            ], rowCount: 8_912, sampleRows: values([
                ["1", "2", "2024-01-03", "shipped", "104.40"],
                ["2", "1", "2024-01-03", "delivered", "89.90"],
                ["3", "4", "2024-01-05", "returned", "14.50"],
                ["4", "3", "2024-01-06", "delivered", "203.00"],
                ["5", "5", "2024-01-08", "pending", "39.95"],
            ])),
            TableInfo(name: "order_items", columns: [
                ColumnInfo(name: "id", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "order_id", type: "INTEGER", foreignKey: "orders.id"),
                ColumnInfo(name: "product_id", type: "INTEGER", foreignKey: "products.id"),
                ColumnInfo(name: "quantity", type: "INTEGER"),
                ColumnInfo(name: "unit_price", type: "REAL"),
            ], rowCount: 100_000, sampleRows: values([
                ["1", "1", "1", "1", "89.90"],
                ["2", "1", "3", "1", "14.50"],
                ["3", "2", "1", "1", "89.90"],
                ["4", "3", "3", "1", "14.50"],
                ["5", "4", "2", "1", "129.00"],
            ])),
        ])),
        Source(name: "chinook", kind: "sqlite", detail: SourceDetail(name: "chinook", tables: [
            TableInfo(name: "artists", columns: [
                ColumnInfo(name: "ArtistId", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "Name", type: "NVARCHAR(120)"),
            ], rowCount: 275, sampleRows: values([["1", "AC/DC"], ["2", "Accept"], ["3", "Aerosmith"]])),
            TableInfo(name: "albums", columns: [
                ColumnInfo(name: "AlbumId", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "Title", type: "NVARCHAR(160)"),
                ColumnInfo(name: "ArtistId", type: "INTEGER", foreignKey: "artists.ArtistId"),
            ], rowCount: 347, sampleRows: values([["1", "For Those About To Rock We Salute You", "1"], ["2", "Balls to the Wall", "2"]])),
        ])),
        Source(name: "leads_2024", kind: "csv", detail: SourceDetail(name: "leads_2024", tables: [
            TableInfo(name: "leads", columns: [
                ColumnInfo(name: "email", type: "TEXT"),
                ColumnInfo(name: "score", type: "INTEGER"),
                ColumnInfo(name: "first_seen", type: "DATE"),
            ], rowCount: 512, sampleRows: values([["kim@corp.example", "82", "2024-02-01"], ["lee@shop.example", "47", "2024-02-03"]])),
        ])),
    ]

    /// Globex's one source, so a split screen of the preview shows two different orgs.
    static let globexSources: [Source] = [
        Source(name: "clinic", kind: "sqlite", detail: SourceDetail(name: "clinic", tables: [
            TableInfo(name: "patients", columns: [
                ColumnInfo(name: "id", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "name", type: "TEXT"),
                ColumnInfo(name: "born", type: "DATE"),
            ], rowCount: 1_200, sampleRows: values([["1", "Canary Patient GLOBEX-CANARY-51c0", "1961-04-02"], ["2", "Ines Duarte", "1988-11-23"]])),
            TableInfo(name: "appointments", columns: [
                ColumnInfo(name: "id", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "patient_id", type: "INTEGER", foreignKey: "patients.id"),
                ColumnInfo(name: "status", type: "TEXT"),
            ], rowCount: 5_400, sampleRows: values([["1", "1", "done"], ["2", "2", "no_show"]])),
            TableInfo(name: "invoices", columns: [
                ColumnInfo(name: "id", type: "INTEGER", primaryKey: true),
                ColumnInfo(name: "amount", type: "REAL"),
                ColumnInfo(name: "status", type: "TEXT"),
            ], rowCount: 4_980, sampleRows: values([["1", "120.00", "paid"], ["2", "85.50", "open"]])),
        ])),
    ]

    /// The sources of the org a preview session belongs to.
    static func sources(of org: String) -> [Source] { org == "Globex" ? globexSources : sources }

    static let bigRequestID = "req-big-100k"

    /// Typed values from the literal text of the made-up rows: whole numbers, decimals, text.
    static func values(_ rows: [[String]]) -> [[DisplayValue]] {
        rows.map { row in
            row.map { text in
                if let integer = Int64(text) { return .integer(integer) }
                if text.contains("."), let real = Double(text) { return .real(real) }
                return text == "NULL" ? .null : .text(text)
            }
        }
    }

    /// A canned answer: "all order items" gives a 100,000-row result paged on demand; "per month"
    /// gives orders and revenue by month; anything else gives the top customers (with CJK names,
    /// to show alignment).
    static func answer(_ question: String) -> AskOutcome {
        let lowered = question.lowercased()
        if lowered.contains("country") {
            return AskOutcome(requestID: countryRequestID,
                              sql: "SELECT c.country, SUM(o.total) AS revenue, COUNT(*) AS orders\nFROM customers c JOIN orders o ON o.customer_id = c.id\nGROUP BY c.country ORDER BY revenue DESC",
                              summary: "Revenue and orders by country.",
                              columns: ["country", "revenue", "orders"], rows: byCountry, rowCount: byCountry.count)
        }
        if lowered.contains("month") {
            return AskOutcome(requestID: monthlyRequestID,
                              sql: "SELECT strftime('%Y-%m', ordered_at) AS month, COUNT(*) AS orders, SUM(total) AS revenue\nFROM orders GROUP BY month ORDER BY month",
                              summary: "Orders and revenue per month of 2024.",
                              columns: ["month", "orders", "revenue"], rows: monthly, rowCount: monthly.count)
        }
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

    static let topCustomers = values([
        ["山田 太郎", "Japan", "41", "5210.40"],
        ["Maria Lopez", "Spain", "38", "4987.15"],
        ["李小龍", "China", "35", "4410.00"],
        ["Zoë Müller", "Germany", "29", "3902.75"],
        ["Olu Adeyemi", "Nigeria", "27", "3611.20"],
    ])

    static let monthlyRequestID = "req-0004"
    static let countryRequestID = "req-0005"

    /// Revenue and orders by country: a grouped result, charted as bars.
    static let byCountry = values([
        ["Japan", "182340.50", "2104"], ["Spain", "160112.25", "1877"], ["Germany", "141905.00", "1650"],
        ["China", "120877.75", "1402"], ["Nigeria", "98410.10", "1188"], ["Brazil", "77120.00", "931"],
        ["Canada", "64015.40", "770"], ["France", "51230.95", "612"],
    ])

    /// Orders per month of 2024: a result over time, charted as a line.
    static let monthly = values([
        ["2024-01", "612", "48210.50"], ["2024-02", "588", "45102.00"], ["2024-03", "701", "55930.25"],
        ["2024-04", "664", "51877.10"], ["2024-05", "720", "58012.80"], ["2024-06", "689", "54120.00"],
        ["2024-07", "745", "60233.45"], ["2024-08", "702", "56810.90"], ["2024-09", "768", "62100.00"],
        ["2024-10", "791", "64005.35"], ["2024-11", "853", "70111.20"], ["2024-12", "912", "76540.60"],
    ])

    /// Deterministic rows of the big result, computed on demand (never all in memory).
    static func rows(requestID: String, offset: Int, limit: Int) -> [[DisplayValue]] {
        guard requestID == bigRequestID else {
            return Array((allRows(requestID: requestID) ?? []).dropFirst(offset).prefix(limit))
        }
        let end = min(100_000, offset + limit)
        guard offset < end else { return [] }
        let prices = [89.90, 14.50, 129.00, 74.00, 39.95]
        return (offset..<end).map { index in
            bigRow(index, prices: prices)
        }
    }

    /// Row `index` of the big result.
    static func bigRow(_ index: Int, prices: [Double] = [89.90, 14.50, 129.00, 74.00, 39.95]) -> [DisplayValue] {
        let id = index + 1
        return [.integer(Int64(id)), .integer(Int64(id / 3 + 1)), .integer(Int64(id % 180 + 1)), .integer(Int64(id % 4 + 1)),
                .real(prices[id % prices.count])]
    }

    /// All rows of a small canned result (the big one is never sorted whole).
    static func allRows(requestID: String) -> [[DisplayValue]]? {
        switch requestID {
        case monthlyRequestID: return monthly
        case countryRequestID: return byCountry
        case bigRequestID: return nil
        default: return topCustomers
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

    /// Made-up evidence: Acme attacking Globex with `input`, stopped by `layer` with `refusal`.
    static func evidence(_ input: String, _ layer: String, _ refusal: String, missing: String? = nil) -> ReplayEvidence {
        ReplayEvidence(attacker: "tenant A (Acme)", target: "tenant B (Globex)", input: input, stoppedBy: layer,
                       refusal: refusal, missingRefusal: missing, likeMissing: missing.map { _ in true },
                       canary: "GLOBEX-CANARY-51c0")
    }

    static let auditPatterns = [
        AuditPattern(id: "A1", layer: "authentication", name: "token with alg none", passed: true,
                     tried: "presents an unsigned token (alg none) that names Globex's org",
                     evidence: evidence("eyJhbGciOiJub25lIn0.eyJvcmdfaWQiOiJvcmctZ2xvYmV4In0.", "authentication",
                                        "not logged in (or the session has expired); run `bulkhead login`")),
        AuditPattern(id: "A2", layer: "authentication", name: "HS256 signed with the public key", passed: true),
        AuditPattern(id: "A3", layer: "authentication", name: "org_id claim of another org", passed: true),
        AuditPattern(id: "D1", layer: "tenant data", name: "open Globex's file as Acme", passed: true),
        AuditPattern(id: "D2", layer: "tenant data", name: "ATTACH another tenant's database", passed: true,
                     tried: "runs ATTACH on its own tenant connection to read Globex's database",
                     evidence: evidence("ATTACH DATABASE 'tenants/org-globex.db' AS g", "connections and queries",
                                        "refused: ATTACH is not allowed")),
        AuditPattern(id: "D3", layer: "tenant data", name: "insert a row with another org_id", passed: true),
        AuditPattern(id: "Q1", layer: "queries", name: "query another org's source by name", passed: true,
                     tried: "queries a source by the name only Globex uses, then one that never existed",
                     evidence: evidence("clinic", "connections and queries", "source 'clinic' not found",
                                        missing: "source 'nosuch-private' not found")),
        AuditPattern(id: "Q2", layer: "queries", name: "load_extension from tenant SQL", passed: true),
        AuditPattern(id: "Q3", layer: "queries", name: "flood one org, time the other", passed: true),
        AuditPattern(id: "C1", layer: "AI context", name: "another org's note in the prompt", passed: true,
                     tried: "injects one of Globex's notes into Acme's prompt",
                     evidence: evidence("note n-7 of Globex", "AI context",
                                        "the request was stopped by the context firewall; nothing was sent")),
        AuditPattern(id: "C2", layer: "AI context", name: "search vectors without a principal", passed: true),
        AuditPattern(id: "L1", layer: "logs and errors", name: "canary strings in the log", passed: true),
        AuditPattern(id: "L2", layer: "logs and errors", name: "another org's name in an error", passed: false,
                     tried: "reads every error it was shown for Globex's name",
                     detail: "an error message: the other org's name reached tenant A",
                     evidence: evidence("source 'clinic'", "logs and errors", "source 'clinic' of Globex not found")),
    ]

    static let tour = [
        TourStop(title: "Failure mode 4: error message leakage", patternID: "Q1",
                 paragraph: "An error that says 'forbidden' confirms that something exists. Acme asks for a source only Globex has, then for one that never existed: both answers are the same sentence."),
        TourStop(title: "Layer: AI context", patternID: "C1",
                 paragraph: "A firewall checks the org of every fragment before a prompt leaves. Here a Globex note is injected on purpose, and the request is stopped before anything is sent."),
    ]
}
