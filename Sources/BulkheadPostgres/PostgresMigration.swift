/// One versioned step of the PostgreSQL schema: statements run in order, in one transaction, as the owner role.
///
/// Each statement is one SQL command (the extended protocol takes one at a time, which also
/// keeps a stray semicolon from running a second command). A version that has shipped is never
/// changed or reused; a new table is a new migration.
public struct PostgresMigration: Sendable, Hashable {
    /// The version number; migrations run in increasing order.
    public let version: Int
    /// A short name, recorded beside the version.
    public let name: String
    /// The statements, in order.
    public let statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
