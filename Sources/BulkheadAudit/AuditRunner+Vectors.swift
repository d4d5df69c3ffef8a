import Foundation
import BulkheadContext
import BulkheadCore
import BulkheadVectors

extension AuditRunner {
    /// Vectors: collections of the same and of the other org's name, identical texts, traversal names, eviction, filters.
    static var vectorPatterns: [AuditPattern] {
        var list: [AuditPattern] = []
        list += AuditPattern.twoWay("VEC-01", .vectors, "search the same-name collection for the other org's canary",
                                    tried: "searches its 'audit-vectors' collection (the other org has one too) with the other org's canary as the query") { world, me in
            let victim = world.victim(of: me)
            let hits = try await world.services.vectors.search(me.admin, collection: me.sharedCollection, query: .text(victim.canary), k: 20,
                                                               embedder: AuditWorld.embedder)
            try world.observe(me, hits, "search with the other org's canary", echo: [], input: victim.canary)
            try world.require(hits.allSatisfy { !victim.vectorIDs.contains($0.id) }, "a hit of the other org came back")
        }
        list += AuditPattern.twoWay("VEC-02", .vectors, "the other org's collection by name",
                                    tried: "searches the collection name only the other org has") { world, me in
            let victim = world.victim(of: me)
            try await world.expectLikeMissing(me, "foreign collection", reference: victim.privateCollection, missing: "nosuch-vectors") {
                try await world.services.vectors.search(me.admin, collection: $0, query: .text("revenue"), k: 5, embedder: AuditWorld.embedder)
            }
        }
        list += AuditPattern.twoWay("VEC-03", .vectors, "identical texts in both orgs",
                                    tried: "searches for the exact text both orgs stored under the same item id") { world, me in
            let hits = try await world.services.vectors.search(me.admin, collection: me.sharedCollection,
                                                               query: .text("quarterly revenue summary"), k: 3,
                                                               embedder: AuditWorld.embedder)
            try world.observe(me, hits, "identical text search")
            let top = try world.requireValue(hits.first, "no hit for the org's own identical text")
            try world.require(top.id == me.identicalItemID && top.metadata["owner"] == me.canary, "the identical text resolved to the other org's item")
        }
        list.append(.oneWay("VEC-04", .vectors, "get the other org's item ids",
                            tried: "fetches the other org's item ids from its own same-name collection") { world, me in
            let victim = world.victim(of: me)
            let records = try world.observe(me, try world.services.vectors.get(me.admin, collection: me.sharedCollection, ids: victim.vectorIDs),
                                            "get foreign ids")
            try world.require(records.isEmpty, "items of the other org came back by id")
        })
        list.append(.oneWay("VEC-05", .vectors, "filter naming the other org's values", as: .b,
                            tried: "searches with metadata filters naming the other org's canary and its private source") { world, me in
            let victim = world.victim(of: me)
            for filter in [["owner": victim.canary], ["source": victim.privateName]] {
                let hits = try await world.services.vectors.search(me.admin, collection: me.sharedCollection, query: .text("revenue"), k: 10,
                                                                   filter: filter, embedder: AuditWorld.embedder)
                try world.observe(me, hits, "filtered search", echo: Array(filter.values))
                try world.require(hits.isEmpty, "a filter naming the other org's values matched")
            }
        })
        let names = ["../{victim}/audit-vectors", "..", "audit-vectors/../globex-vectors", "{victimOrg}", "%2e%2e%2f", "audit-vectors\u{0}",
                     "AUDIT-VECTORS", "{victimCollection}/", " {victimCollection}"]
        for (offset, pattern) in names.enumerated() {
            list.append(.oneWay(String(format: "VEC-%02d", 6 + offset), .vectors, "collection name \(pattern.debugDescription)",
                                as: offset % 2 == 0 ? .a : .b,
                                tried: "searches a collection named \(pattern.debugDescription) built from the other org's names") { world, me in
                let victim = world.victim(of: me)
                let name = pattern.replacingOccurrences(of: "{victim}", with: victim.orgID.rawValue)
                    .replacingOccurrences(of: "{victimOrg}", with: victim.orgID.rawValue)
                    .replacingOccurrences(of: "{victimCollection}", with: victim.privateCollection)
                try await world.expectFailure(me, .oneOf(["invalid_input", "not_found"]), "collection \(name.debugDescription)", echo: [name]) {
                    try await world.services.vectors.search(me.admin, collection: name, query: .text("revenue"), k: 5, embedder: AuditWorld.embedder)
                }
            })
        }
        list.append(.oneWay("VEC-15", .vectors, "eviction and reload",
                            tried: "with a cache too small for any collection, loads its own, then the other org's, then its own again") { world, me in
            try await world.evictionAndReload(me)
        })
        list.append(.oneWay("VEC-16", .vectors, "delete the other org's items", as: .b,
                            tried: "deletes the other org's item ids and canary filter from its own same-name collection") { world, me in
            let victim = world.victim(of: me)
            let byID = try world.services.vectors.delete(me.admin, collection: me.sharedCollection, ids: victim.vectorIDs)
            let byFilter = try world.services.vectors.delete(me.admin, collection: me.sharedCollection, matching: ["owner": victim.canary])
            try world.require(byID == 0 && byFilter == 0, "deleted items that carry the other org's ids")
            let still = try world.services.vectors.get(victim.admin, collection: victim.sharedCollection, ids: victim.vectorIDs)
            try world.require(still.count == victim.vectorIDs.count, "the other org lost items")
        })
        list.append(.oneWay("VEC-17", .vectors, "overwrite the other org's item ids",
                            tried: "adds items under the other org's ids to its own same-name collection") { world, me in
            let victim = world.victim(of: me)
            let items = victim.vectorIDs.map { VectorItem(id: $0, text: "overwritten by \(me.side.rawValue)") }
            try await world.services.vectors.add(me.admin, collection: me.sharedCollection, items: items, embedder: AuditWorld.embedder)
            defer { _ = try? world.services.vectors.delete(me.admin, collection: me.sharedCollection, ids: victim.vectorIDs) }
            let theirs = try world.services.vectors.get(victim.admin, collection: victim.sharedCollection, ids: victim.vectorIDs)
            try world.require(theirs.allSatisfy { $0.text.contains(victim.canary) }, "the other org's items were overwritten")
        })
        list += AuditPattern.twoWay("VEC-18", .vectors, "collection list", tried: "lists its collections; none of the other org's may appear") { world, me in
            let victim = world.victim(of: me)
            let collections = try world.observe(me, try world.services.vectors.collections(me.admin), "collection list")
            try world.require(!collections.contains { $0.name == victim.privateCollection }, "the other org's collection is listed")
        }
        list.append(.oneWay("VEC-19", .vectors, "knowledge search for the other org's notes",
                            tried: "searches its notes and examples with the other org's note and example texts") { world, me in
            let victim = world.victim(of: me)
            for text in ["Internal codename \(victim.canary); never share it.", "which customer is the canary \(victim.canary)"] {
                let vector = try await world.services.knowledge.embed(me.admin, text)
                for collection in [KnowledgeIndex.Collection.notes, .examples] {
                    let hits = try await world.services.knowledge.search(me.admin, collection, vector: vector, k: 10, source: nil)
                    try world.observe(me, hits, "knowledge search")
                }
            }
        })
        list.append(.oneWay("VEC-20", .vectors, "examples filtered by the other org's source", as: .b,
                            tried: "searches examples filtered to the other org's private source name") { world, me in
            let victim = world.victim(of: me)
            let hits = try await world.services.knowledge.search(me.admin, .examples, vector: try await world.services.knowledge.embed(me.admin, "customers"),
                                                                 k: 10, source: victim.privateName)
            try world.observe(me, hits, "examples of a foreign source", echo: [victim.privateName])
            try world.require(hits.isEmpty, "examples came back for the other org's source")
        })
        return list
    }
}

extension AuditWorld {
    /// The embedder of the audit's own vector collections (small vectors keep setup fast).
    static let embedder = HashingEmbedder(dimension: 64)

    /// Unwraps `value` or fails with `reason`.
    func requireValue<T>(_ value: T?, _ reason: @autoclosure () -> String) throws -> T {
        guard let value else { throw AuditBreach(reason()) }
        return value
    }

    /// A store over the same stored rows whose cache holds about one collection, so loads evict each other.
    func evictionAndReload(_ me: AuditTenant) async throws {
        let victim = self.victim(of: me)
        let small = VectorStore(rows: services.stores.vectors, clock: services.clock, configuration: VectorStoreConfiguration(cacheBytes: 1))
        for round in 0..<3 {
            for tenant in [me, victim] {
                let hits = try await small.search(tenant.admin, collection: tenant.sharedCollection, query: .text("quarterly revenue"), k: 10,
                                                  embedder: AuditWorld.embedder)
                try observe(tenant, hits, "search after eviction (round \(round))")
                let other = self.victim(of: tenant)
                try require(hits.allSatisfy { !other.vectorIDs.contains($0.id) && $0.metadata["owner"] != other.canary },
                            "a reloaded index served another org's items")
            }
        }
        try require(small.cacheStatistics.evictions > 0, "the small cache never evicted, so the attack proved nothing")
    }
}
