/// What a source is made of; it decides how the engine opens it.
public enum SourceKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// A SQLite database file, opened read-only in place.
    case sqlite
    /// A CSV file, imported once into a per-source SQLite cache in the org's area.
    case csv
    /// A PostgreSQL database of the org's own, reached over the network with sealed credentials.
    case postgres
}
