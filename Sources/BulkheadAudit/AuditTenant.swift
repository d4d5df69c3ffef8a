import Foundation
import BulkheadCore
import BulkheadEngine

/// One throwaway org of the audit and everything planted in it.
///
/// Each org carries its own canary string in every kind of data (source rows, notes, examples,
/// vectors, conversation turns, request log, backup), so any of it reaching the other side shows
/// up in what that side saw.
public struct AuditTenant: Sendable {
    /// Which side of the audit this org is.
    public let side: AuditSide
    /// The org's id in the throwaway home.
    public let orgID: OrgID
    /// The org's (random) name.
    public let orgName: String
    /// The string planted everywhere in this org, e.g. `ACME-CANARY-1a2b3c4d`.
    public let canary: String

    let adminEmail: String
    let adminPassword: String
    let admin: Principal
    let adminToken: String
    let memberEmail: String
    let memberPassword: String
    let member: Principal
    let memberToken: String
    /// A user kept only for the lockout patterns, so locking it never blocks another pattern.
    let lockEmail: String
    let lockPassword: String

    /// The org's allowed folder, outside the home.
    let root: URL
    /// A folder of scratch files (backups, forged files), outside the home and outside `root`.
    let scratch: URL

    /// The source named alike in both orgs ("sales"), with the same table names.
    let sharedName: String
    let sharedID: SourceID
    let sharedFile: URL
    /// A source whose name only this org uses.
    let privateName: String
    let privateID: SourceID
    let privateFile: URL
    /// A packaged source in the org's own area of the home (like the demo's).
    let packagedName: String
    let packagedID: SourceID
    /// A CSV source, imported into a cache in the org's area.
    let csvName: String
    let csvID: SourceID

    let noteIDs: [String]
    let exampleIDs: [String]
    let conversation: ConversationID
    let requestIDs: [RequestID]
    let backupFile: URL

    /// A vector collection named alike in both orgs, and one only this org has.
    let sharedCollection: String
    let privateCollection: String
    /// Item ids only this org uses; `identicalItemID` exists in both with the same text.
    let vectorIDs: [String]
    let identicalItemID: String
}
