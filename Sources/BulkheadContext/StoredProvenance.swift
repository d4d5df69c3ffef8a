import Foundation
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
    let store: any ProvenanceStore

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

    /// The org the principal's tenant data is stamped with (checked against the file when it was opened, on SQLite).
    func fileOrg(_ principal: Principal) throws -> OrgID {
        try store.stampedOrg(principal)
    }

    /// The org of a fragment read from several rows: the one that is not the file's, if any.
    static func org(of orgs: [OrgID], file: OrgID) -> OrgID {
        orgs.first { $0 != file } ?? file
    }

    /// The notes behind note hits, best first; a hit whose note row is gone keeps the vector's own text.
    func notes(_ principal: Principal, hits: [VectorHit], file: OrgID) throws -> [Note] {
        guard !hits.isEmpty else { return [] }
        let (rows, vectors) = try store.notesWithVectors(principal, ids: hits.map(\.id), collection: "notes")
        return hits.compactMap { hit in
            let vectorOrg = vectors[hit.id] ?? file
            guard let row = rows[hit.id] else {
                return Note(id: hit.id, text: hit.text, orgID: Self.org(of: [vectorOrg], file: file))
            }
            return Note(id: hit.id, text: row.text, orgID: Self.org(of: [row.orgID, vectorOrg], file: file))
        }
    }

    /// The approved examples behind example hits, best first; pending or rejected suggestions are left out.
    func examples(_ principal: Principal, hits: [VectorHit], file: OrgID) throws -> [Example] {
        guard !hits.isEmpty else { return [] }
        let (rows, vectors) = try store.examplesWithVectors(principal, ids: hits.map(\.id), collection: "examples")
        return hits.compactMap { hit in
            let vectorOrg = vectors[hit.id] ?? file
            guard let row = rows[hit.id] else {
                guard let question = hit.metadata["question"], let sql = hit.metadata["sql"] else { return nil }
                return Example(id: hit.id, question: question, sql: sql, sharedFrom: hit.metadata["shared_from"],
                               orgID: Self.org(of: [vectorOrg], file: file))
            }
            guard row.status == "approved" else { return nil }
            return Example(id: hit.id, question: row.question, sql: row.sql, sharedFrom: hit.metadata["shared_from"],
                           orgID: Self.org(of: [row.orgID, vectorOrg], file: file))
        }
    }
}
