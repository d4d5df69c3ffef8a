import BulkheadCore
import Foundation
import Logging
import PostgresNIO

/// Where a PostgreSQL database is and who connects to it, read from a `postgres://USER@HOST:PORT/DB` URL.
///
/// The password never travels in the URL: the store's and the sources' URLs are shown, logged
/// and kept in shell history, so a password in one is refused and the password comes from
/// standard input or an environment variable instead. `description` prints the URL without one.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// The server's host name or address.
    public let host: String
    /// The server's port (5432 when the URL names none).
    public let port: Int
    /// The role to log in as.
    public let user: String
    /// The database to connect to.
    public let database: String
    /// The password, when the caller supplied one beside the URL.
    public let password: String?

    /// Parses `text`; throws a safe error naming what is wrong (never echoing a password).
    public init(_ text: String, password: String? = nil) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw BulkheadError.invalidInput("a PostgreSQL URL looks like postgres://USER@HOST:PORT/DATABASE")
        }
        guard components.password == nil else {
            throw BulkheadError.invalidInput("put no password in the URL; give it on standard input (--password-stdin)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw BulkheadError.invalidInput("the PostgreSQL URL names no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw BulkheadError.invalidInput("the PostgreSQL URL names no user (postgres://USER@HOST/DATABASE)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw BulkheadError.invalidInput("the PostgreSQL URL names no database (postgres://USER@HOST/DATABASE)")
        }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw BulkheadError.invalidInput("the PostgreSQL port is out of range") }
        guard components.query == nil || components.query?.isEmpty == true else {
            throw BulkheadError.invalidInput("the PostgreSQL URL takes no options")
        }
        self.host = host
        self.port = port
        self.user = user.removingPercentEncoding ?? user
        self.database = database.removingPercentEncoding ?? database
        self.password = password
    }

    /// The same place with `password` beside it.
    public func with(password: String?) -> PostgresURL {
        PostgresURL(host: host, port: port, user: user, database: database, password: password)
    }

    /// The same server and role, another database (the cluster's maintenance database, a test database).
    public func with(database: String) -> PostgresURL {
        PostgresURL(host: host, port: port, user: user, database: database, password: password)
    }

    private init(host: String, port: Int, user: String, database: String, password: String?) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.password = password
    }

    /// The URL without any password: safe to show and to store.
    public var description: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = user
        components.host = host
        components.port = port
        components.path = "/" + database
        return components.string ?? "postgres://\(user)@\(host):\(port)/\(database)"
    }
}
