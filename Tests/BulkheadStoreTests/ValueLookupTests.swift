import Foundation
import Testing
import BulkheadCore
import BulkheadTestBackends
@testable import BulkheadStore

/// The value index answers every key of a long question, in one order, whatever the number of
/// keys: lookups bind the keys in padded lists and split them past `keysPerLookup`.
@Suite struct ValueLookupTests {
    @Test(arguments: TestBackend.allCases)
    func everyKeyIsLookedUpInOneOrder(backend: TestBackend) throws {
        let f = try StoreFixture(backend)
        let acme = f.principal(f.acme)
        let values = (0..<700).map { n in
            IndexedValue(table: n.isMultiple(of: 2) ? "Track" : "Album", column: "Name", value: "Value \(n)", keys: ["value \(n)"])
        }
        try f.stores.values.replaceValues(acme, source: "music", stamp: "s1", columns: 2, values: values, at: Date())
        // 600 keys: more than one lookup's worth; three of them stored, one past the first list.
        let keys = (0..<600).map { "value \($0 * 3 + 1)" }
        let (indexed, hits) = try f.stores.values.lookupValues(acme, source: "music", stamp: "s1", keys: keys)
        #expect(indexed == "s1")
        let expected = Set((0..<600).map { $0 * 3 + 1 }.filter { $0 < 700 }.map { "Value \($0)" })
        #expect(Set(hits.map(\.value)) == expected)
        #expect(hits.count == expected.count)
        #expect(hits.allSatisfy { $0.orgID == f.acme })
        // Sorted by table, column and value, as the planner reads them.
        let order = hits.map { "\($0.table)\u{0}\($0.column)\u{0}\($0.value)" }
        #expect(order == order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        // A key list of one and a stale stamp.
        #expect(try f.stores.values.lookupValues(acme, source: "music", stamp: "s1", keys: ["value 4"]).hits.map(\.value) == ["Value 4"])
        #expect(try f.stores.values.lookupValues(acme, source: "music", stamp: "s2", keys: ["value 4"]).hits.isEmpty)
    }
}
