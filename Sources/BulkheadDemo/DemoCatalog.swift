import Foundation
import BulkheadCore

/// What the demo workspace contains: two organizations with distinct data, users and notes.
///
/// Every org's names, rows and notes carry a canary string unique to it, so any cross-tenant
/// leak shows up as text that plainly belongs to the other org.
public struct DemoCatalog: Sendable {
    /// One demo organization.
    public struct Org: Sendable {
        /// Display name ("Acme", "Globex").
        public let name: String
        /// The canary planted in this org's data, notes and names.
        public let canary: String
        /// The source to register: its name and which generator fills it.
        public let sourceName: String
        /// Business notes the assistant may put in prompts.
        public let notes: [String]
        /// Question → SQL examples to seed the org's examples collection.
        public let examples: [(question: String, sql: String)]
        let kind: Kind
        enum Kind: Sendable { case retail, clinic }
    }

    /// One demo account.
    public struct Account: Sendable {
        public let email: String
        public let org: String
        public let role: Role
    }

    /// The two orgs.
    public let orgs: [Org]
    /// The three accounts of the command-line contract.
    public let accounts: [Account]

    /// The catalog made from a fixed seed, so two runs give the same data.
    public init(seed: UInt64 = 0xB01C_EAD) {
        let random = SeededRandom(seed: seed)
        let hex = { random.bytes(count: 4).map { String(format: "%02x", $0) }.joined() }
        let acme = "ACME-CANARY-\(hex())"
        let globex = "GLOBEX-CANARY-\(hex())"
        orgs = [
            Org(name: "Acme", canary: acme, sourceName: "retail",
                notes: [
                    "Revenue is the sum of quantity times unit_price over order_items; refunds are orders with status 'refunded'. (\(acme))",
                    "Our fiscal year starts in February. Key regions are north, south, east and west. (\(acme))",
                    "VIP customers are those with lifetime orders above 5000. Internal codename: \(acme).",
                ],
                examples: [
                    ("how many customers are there", "SELECT count(*) FROM customers"),
                    ("top 5 products by price", "SELECT name, price FROM products ORDER BY price DESC LIMIT 5"),
                ],
                kind: .retail),
            Org(name: "Globex", canary: globex, sourceName: "clinic",
                notes: [
                    "A no-show is an appointment with status 'no_show'; billing counts only paid invoices. (\(globex))",
                    "Doctors work in departments; cardiology and oncology are the largest. (\(globex))",
                    "Patient privacy: never list patient names with diagnoses together. Codename: \(globex).",
                ],
                examples: [
                    ("how many patients are there", "SELECT count(*) FROM patients"),
                    ("total invoice amount", "SELECT sum(amount) FROM invoices"),
                ],
                kind: .clinic),
        ]
        accounts = [
            Account(email: "ada@acme.test", org: "Acme", role: .admin),
            Account(email: "ben@acme.test", org: "Acme", role: .member),
            Account(email: "gus@globex.test", org: "Globex", role: .admin),
        ]
    }

    /// Writes the org's source database to `url` (a new SQLite file), deterministically.
    public func writeSource(for org: Org, to url: URL) throws {
        switch org.kind {
        case .retail: try RetailData(canary: org.canary).write(to: url)
        case .clinic: try ClinicData(canary: org.canary).write(to: url)
        }
    }
}
