import BulkheadCore
import Foundation

/// A connected source as its org sees it.
public struct SourceInfo: Sendable, Hashable, Codable {
    /// The source's stable id.
    public let id: SourceID
    /// Its name, unique within the org.
    public let name: String
    /// How it is opened.
    public let kind: SourceKind
    /// The path the user gave when adding it (their own text).
    public let location: String
    /// Who added it.
    public let createdBy: UserID
    /// When it was added.
    public let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, kind, location
        case createdBy = "created_by"
        case createdAt = "created_at"
    }
}

/// A source with what the engine needs to open it; never shown to a tenant as such.
struct SourceRecord: Sendable, Hashable {
    let info: SourceInfo
    let owner: OrgID
    /// The resolved path recorded at add time (realpath of `location`).
    let resolvedLocation: String
    /// True for a file the package placed in the org's own area (the demo), which skips the roots.
    let packaged: Bool
    /// For a network source, its password sealed for this org and this source (never shown, never logged).
    var sealedSecret: String? = nil
}

/// The result of adding a source: what was recorded, and for a CSV what the import found.
public struct SourceAdded: Sendable, Hashable {
    /// The recorded source.
    public let source: SourceInfo
    /// For a CSV source, the import report (rows, columns, bad rows with line numbers).
    public let importReport: CSVImportReport?
}
