import Foundation
import GRDB
import BulkheadCore
import BulkheadStore
import BulkheadVectors

/// Reads the rows a context fragment is made of, with the org stamped on each, so a fragment's
/// provenance is what the data says and not what the caller is.
///
/// A note or an example is read from its own table (`notes`, `examples`) by the ids the vector
/// search found, and the org is taken from that row and from the vector row that found it. The
/// two should agree with the tenant file's stamp; when one does not, the fragment carries the
/// disagreeing org, and the firewall stops the request.
struct StoredProvenance: Sendable {
    let tenants: TenantDatabases

    /// A note as it will enter the prompt.
    struct Note {
        let id: String
        let text: String
        let orgID: OrgID
    }

    /// An approved example as it will enter the prompt.
    struct Example {
        let id: String
        let question: String
        let sql: String
        let sharedFrom: String?
        let orgID: OrgID
    }

    /// The org the principal's tenant file is stamped with (checked against the file when it was opened).
    func fileOrg(_ principal: Principal) throws -> OrgID {
        try tenants.database(for: principal).orgID
    }

    /// The org of a fragment read from several rows: the one that is not the file's, if any.
    static func org(of orgs: [OrgID], file: OrgID) -> OrgID {
        orgs.first { $0 != file } ?? file
    }

    /// The notes behind note hits, best first; a hit whose note row is gone keeps the vector's own text.
    func notes(_ principal: Principal, hits: [VectorHit]) throws -> [Note] {
        guard !hits.isEmpty else { return [] }
        let database = try tenants.database(for: principal)
        let ids = hits.map(\.id)
        let (rows, vectors) = try database.read { db in
            (try Self.rows(db, sql: "SELECT id, org_id, text FROM notes WHERE id IN", ids: ids),
             try Self.vectorOrgs(db, collection: "notes", ids: ids))
        }
        return hits.compactMap { hit in
            let vectorOrg = vectors[hit.id].flatMap(OrgID.init(rawValue:)) ?? database.orgID
            guard let row = rows[hit.id] else {
                return Note(id: hit.id, text: hit.text, orgID: Self.org(of: [vectorOrg], file: database.orgID))
            }
            let rowOrg = OrgID(rawValue: row["org_id"]) ?? database.orgID
            return Note(id: hit.id, text: row["text"], orgID: Self.org(of: [rowOrg, vectorOrg], file: database.orgID))
        }
    }

    /// The approved examples behind example hits, best first; pending or rejected suggestions are left out.
    func examples(_ principal: Principal, hits: [VectorHit]) throws -> [Example] {
        guard !hits.isEmpty else { return [] }
        let database = try tenants.database(for: principal)
        let ids = hits.map(\.id)
        let (rows, vectors) = try database.read { db in
            (try Self.rows(db, sql: "SELECT id, org_id, question, sql, status FROM examples WHERE id IN", ids: ids),
             try Self.vectorOrgs(db, collection: "examples", ids: ids))
        }
        return hits.compactMap { hit in
            let vectorOrg = vectors[hit.id].flatMap(OrgID.init(rawValue:)) ?? database.orgID
            guard let row = rows[hit.id] else {
                guard let question = hit.metadata["question"], let sql = hit.metadata["sql"] else { return nil }
                return Example(id: hit.id, question: question, sql: sql, sharedFrom: hit.metadata["shared_from"],
                               orgID: Self.org(of: [vectorOrg], file: database.orgID))
            }
            guard (row["status"] as String?) == "approved" else { return nil }
            let rowOrg = OrgID(rawValue: row["org_id"]) ?? database.orgID
            return Example(id: hit.id, question: row["question"], sql: row["sql"], sharedFrom: hit.metadata["shared_from"],
                           orgID: Self.org(of: [rowOrg, vectorOrg], file: database.orgID))
        }
    }

    private static func rows(_ db: Database, sql: String, ids: [String]) throws -> [String: Row] {
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        var found: [String: Row] = [:]
        for row in try Row.fetchAll(db, sql: sql + " (\(marks))", arguments: StatementArguments(ids)) {
            found[row["id"]] = row
        }
        return found
    }

    private static func vectorOrgs(_ db: Database, collection: String, ids: [String]) throws -> [String: String] {
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        var found: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, org_id FROM vector_items WHERE collection = ? AND id IN (\(marks))",
                                    arguments: StatementArguments([collection] + ids)) {
            found[row["id"]] = row["org_id"]
        }
        return found
    }
}
