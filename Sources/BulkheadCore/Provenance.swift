/// Where a piece of prompt context came from: which org, what kind of record, which records.
///
/// The context firewall reads `orgID` on every fragment before anything leaves the process,
/// and the inspector shows the rest as a badge, so a person can check the claim by eye.
public struct Provenance: Sendable, Hashable, Codable {
    /// The kinds of record a prompt fragment can come from.
    public enum Kind: String, Sendable, Codable, CaseIterable, Hashable {
        case system, schema, example, note, history, question
    }

    /// The organization that owns every record named here.
    public let orgID: OrgID
    /// What kind of record the fragment was built from.
    public let kind: Kind
    /// The source or collection the records live in, when there is one.
    public let container: String?
    /// The ids of the records the fragment was built from.
    public let recordIDs: [String]

    public init(orgID: OrgID, kind: Kind, container: String? = nil, recordIDs: [String] = []) {
        self.orgID = orgID
        self.kind = kind
        self.container = container
        self.recordIDs = recordIDs
    }
}
