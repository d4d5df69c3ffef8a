import BulkheadCore
import PostgresNIO

/// One connection made, used and closed: for a login check, where a pool's retries would hide the reason.
///
/// postgres-nio's pool keeps retrying a server that refuses a login and only reports that it gave
/// up; a single connection reports at once why it failed (wrong password, no such database,
/// nothing listening), which is what a person adding a source or migrating needs to read.
public enum SingleConnection {
    /// Connects to `url`, runs `body`, closes; connection failures become safe errors.
    public static func run<T: Sendable>(_ url: PostgresURL, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration())))
        configuration.options.connectTimeout = .seconds(5)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: PostgresLog.quiet)
        } catch {
            throw PostgresErrorText.connectionFailure(error)
        }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
