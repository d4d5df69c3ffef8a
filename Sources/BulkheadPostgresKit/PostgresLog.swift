import Logging

/// Loggers handed to postgres-nio.
///
/// postgres-nio logs queries with their text and bindings at debug level; Bulkhead's logs never
/// carry SQL, claims or rows, so queries go to a logger that drops everything, and connection
/// trouble is logged by Bulkhead itself by error code.
public enum PostgresLog {
    /// A logger that records nothing.
    public static let quiet = Logger(label: "bulkhead.postgres.quiet") { _ in SwiftLogNoOpLogHandler() }
}
