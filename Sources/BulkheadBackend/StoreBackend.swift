import BulkheadCore
import BulkheadPostgres
import BulkheadPostgresKit
import BulkheadStore
import Foundation

/// Which store a process keeps its data in, chosen once at start: `--store`, else
/// `BULKHEAD_STORE`, else the SQLite files of the home.
///
/// `postgres://USER@HOST:PORT/DB` names a PostgreSQL database migrated with `bulkhead db migrate`;
/// USER is the server role (it owns nothing and cannot bypass row-level security, or the process
/// refuses to start). The role's password never travels in the URL: it comes from
/// `BULKHEAD_STORE_PASSWORD`, or from the file `BULKHEAD_STORE_PASSWORD_FILE` names (which must
/// be private to its owner). Everything above the store sees only the protocols, never which.
public enum StoreBackend: Sendable, Hashable, CustomStringConvertible {
    /// `control.db` and one file per org in the home.
    case sqlite
    /// One PostgreSQL database under row-level security.
    case postgres(PostgresURL)

    /// The variable that names the store when `--store` is not given.
    public static let variable = "BULKHEAD_STORE"
    /// The variable that carries the server role's password.
    public static let passwordVariable = "BULKHEAD_STORE_PASSWORD"
    /// The variable that names a file holding the server role's password.
    public static let passwordFileVariable = "BULKHEAD_STORE_PASSWORD_FILE"

    /// Reads the choice from `option` (the `--store` flag) and the environment.
    ///
    /// - Throws: `invalidInput` for anything but `sqlite` or a PostgreSQL URL, or an unreadable password file.
    public static func resolve(option: String?, environment: [String: String]) throws -> StoreBackend {
        let text = option?.isEmpty == false ? option : environment[variable]
        guard let text, !text.isEmpty, text != "sqlite" else { return .sqlite }
        let lower = text.lowercased()
        guard lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") else {
            throw BulkheadError.invalidInput("--store takes sqlite or postgres://USER@HOST:PORT/DATABASE")
        }
        return .postgres(try PostgresURL(text, password: try password(environment)))
    }

    /// The URL as it may be shown (never with a password).
    public var description: String {
        switch self {
        case .sqlite: return "sqlite"
        case let .postgres(url): return url.description
        }
    }

    /// Opens the stores: the home's files, or the PostgreSQL database as the server role.
    public func open(workspace: Workspace, clock: any Clock) throws -> Stores {
        switch self {
        case .sqlite: return try .sqlite(workspace: workspace, clock: clock)
        case let .postgres(url): return try .postgres(url: url, clock: clock)
        }
    }

    /// The variables a child process needs to open this same store (the sessions of `bulkhead
    /// serve`): none for SQLite (the child opens the home), else the URL and the password's
    /// variable or file as this process got them.
    public func childEnvironment(from environment: [String: String]) -> [String: String] {
        guard case let .postgres(url) = self else { return [:] }
        var values = [Self.variable: url.description]
        for name in [Self.passwordVariable, Self.passwordFileVariable] {
            if let value = environment[name], !value.isEmpty { values[name] = value }
        }
        return values
    }

    private static func password(_ environment: [String: String]) throws -> String? {
        if let password = environment[passwordVariable], !password.isEmpty { return password }
        guard let path = environment[passwordFileVariable], !path.isEmpty else { return nil }
        let url = URL(fileURLWithPath: path)
        let text = try PrivateKeyFile.load(at: url, purpose: "store password") { String(data: $0, encoding: .utf8) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
