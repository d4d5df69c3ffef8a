import BulkheadCore
import BulkheadPostgresKit
import BulkheadStore
import Foundation
import Logging

/// The control plane on PostgreSQL: the same ``ControlStore`` as `control.db`, under row-level security.
///
/// Each transaction runs with the claims of its scope (the authentication service, the
/// operator, or a verified tenant user), so the policies hold every caller to what it may reach
/// even if the code above asked for more. Writes take the store's write lock, so they are
/// serialized across every server the way SQLite serializes its writers.
public final class PostgresControlStore: ControlStore {
    let store: PostgresStore
    private let clock: any Clock
    private let logger = Logger(label: "bulkhead.control")

    public init(store: PostgresStore, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    public func read<T>(_ scope: ControlScope, _ code: String, _ body: (any ControlTransaction) throws -> T) throws -> T {
        try guarded(code) {
            try store.synchronousTransaction(Self.claims(scope), .read) { try body(PostgresControlTransaction(pin: $0)) }
        }
    }

    public func write<T>(_ scope: ControlScope, _ code: String, _ body: (any ControlTransaction) throws -> T) throws -> T {
        try guarded(code) {
            try store.synchronousTransaction(Self.claims(scope), .serializedWrite) { try body(PostgresControlTransaction(pin: $0)) }
        }
    }

    public func record(_ event: SecurityEvent) {
        do {
            let at = clock.now()
            _ = try store.waitTransaction(.authService) { connection in
                try await connection.query("""
                    INSERT INTO bulkhead.security_events (at, kind, org_id, user_id, detail, actor)
                    VALUES (\(at), \(event.kind), \(event.orgID?.rawValue), \(event.userID?.rawValue), \(event.detail), \(event.actor?.description))
                    """, logger: PostgresLog.quiet)
            }
            logger.notice("security event", metadata: ["kind": "\(event.kind)", "org": "\(event.orgID?.rawValue ?? "-")"])
        } catch {
            logger.error("security event not recorded", metadata: ["kind": "\(event.kind)"])
        }
    }

    public func securityEvents(kind: String?) throws -> [SecurityEvent] {
        try guarded("events-read") {
            try store.waitTransaction(.operator) { connection in
                let rows = try await connection.query("""
                    SELECT kind, org_id, user_id, detail, actor FROM bulkhead.security_events
                    WHERE \(kind)::text IS NULL OR kind = \(kind) ORDER BY recorded_at, id
                    """, logger: PostgresLog.quiet).collect()
                return try rows.map { row in
                    let (kind, org, user, detail, actor) = try row.decode((String, String?, String?, String, String?).self)
                    return SecurityEvent(kind: kind, orgID: org.flatMap(OrgID.init(rawValue:)), userID: user.flatMap(UserID.init(rawValue:)),
                                         detail: detail, actor: actor.flatMap(SecurityEvent.Actor.init(stored:)))
                }
            }
        }
    }

    /// The claims a scope's transactions run under.
    static func claims(_ scope: ControlScope) -> RequestClaims {
        switch scope {
        case .service: return .authService
        case .operator: return .operator
        case let .tenant(principal): return .tenant(principal)
        }
    }

    /// Lets `BulkheadError` through and turns anything else (whose text could carry SQL or rows) into a coded failure.
    private func guarded<T>(_ code: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as BulkheadError {
            throw error
        } catch {
            logger.error("control store failure", metadata: ["code": "\(code)", "sqlstate": "\(PostgresErrorText.sqlState(error) ?? "-")"])
            throw BulkheadError.internalFailure(code: code)
        }
    }
}
