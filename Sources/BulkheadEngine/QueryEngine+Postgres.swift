import BulkheadCore
import BulkheadPostgresKit
import Dispatch
import Foundation
import Logging
import PostgresNIO

extension QueryEngine {
    /// Connects a PostgreSQL database of the org's own as a source (org admins).
    ///
    /// `url` is `postgres://USER@HOST:PORT/DATABASE` without a password; `password` comes from
    /// standard input. The engine logs in once to check the role: a superuser, or a role that may
    /// read or write the server's files or run programs on it, is refused (connect a read-only
    /// role). The password is sealed for this org and this source, so the sealed text opens for
    /// nothing else; the URL without the password is the source's location.
    public func addPostgresSource(_ principal: Principal, name: String, url: String, password: String) throws -> SourceAdded {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            try principal.requireAdmin()
            let name = try SourceName.validate(name)
            guard !password.isEmpty else { throw BulkheadError.invalidInput("give the database password on standard input") }
            let target = try PostgresURL(url, password: password)
            if grantPolicyEnforced { try hostGrants.check(host: target.host, port: target.port, org: principal.orgID) }
            let taken = try catalog.source(named: name, principal) != nil
            if taken { throw BulkheadError.conflict("a source named '\(name)' already exists") }
            try PostgresProbe.check(target, runtime: postgres.runtime)
            let id = SourceID.random(prefix: "src", using: random)
            let sealed = try secrets.seal(password, context: Self.postgresSecretContext(org: principal.orgID, source: id))
            let info = SourceInfo(id: id, name: name, kind: .postgres, location: target.description, createdBy: principal.userID,
                                  createdAt: clock.now())
            let record = SourceRecord(info: info, owner: principal.orgID, resolvedLocation: target.description, packaged: false,
                                      sealedSecret: sealed)
            try catalog.insert(record, principal)
            remember(record)
            logger.info("source added", metadata: [
                "org": "\(principal.orgID)", "user": "\(principal.userID)", "source": "\(id)", "kind": "postgres",
                "ms": "\(milliseconds(since: started))",
            ])
            return SourceAdded(source: info, importReport: nil)
        } catch {
            throw failure(error, operation: "add-postgres-source", principal: principal, started: started)
        }
    }

    /// Runs one tenant statement on a PostgreSQL source (the caller already resolved it and checked its owner).
    func postgresQuery(_ principal: Principal, _ record: SourceRecord, reference: String, sql: String, parameters: [SQLValue],
                       options: QueryOptions) throws -> QueryResult {
        let client = try postgresClient(principal, record, reference: reference)
        try rateLimiter.beginStatement(for: principal.orgID)
        defer { rateLimiter.endStatement(for: principal.orgID) }
        return try postgres.runtime.wait { try await PostgresQueryRunner.run(client, sql: sql, parameters: parameters, options: options) }
    }

    /// The schema of a PostgreSQL source, introspected at most every `schemaLifetime`.
    func postgresSchema(_ principal: Principal, _ record: SourceRecord, reference: String) throws -> SourceSchema {
        let key = ConnectionPool.Key(org: record.owner, source: record.info.id)
        if let cached = try postgres.schema(key, checkOwner: { try checkOwner(principal, owner: $0, reference: reference) }) {
            return cached
        }
        let client = try postgresClient(principal, record, reference: reference)
        try rateLimiter.beginStatement(for: principal.orgID)
        defer { rateLimiter.endStatement(for: principal.orgID) }
        let schema = try postgres.runtime.wait { try await PostgresIntrospector.read(client, timeLimit: 10) }
        postgres.store(schema, for: key)
        return schema
    }

    private func postgresClient(_ principal: Principal, _ record: SourceRecord, reference: String) throws -> RunningClient {
        try postgres.client(ConnectionPool.Key(org: record.owner, source: record.info.id),
                            url: { try postgresURL(record) },
                            checkOwner: { try checkOwner(principal, owner: $0, reference: reference) })
    }

    /// The source's URL with its password, unsealed for its own org and source only, while its host is granted to the org.
    private func postgresURL(_ record: SourceRecord) throws -> PostgresURL {
        guard let sealed = record.sealedSecret else { throw BulkheadError.integrity("the source's credentials are missing") }
        let password = try secrets.openString(sealed, context: Self.postgresSecretContext(org: record.owner, source: record.info.id))
        let url = try PostgresURL(record.info.location, password: password)
        if grantPolicyEnforced { try hostGrants.check(host: url.host, port: url.port, org: record.owner) }
        return url
    }

    /// Grants `HOST[:PORT]` to `org` for PostgreSQL sources (the operator only); returns the host as kept.
    @discardableResult
    public func grantHost(_ host: String, to org: OrgID, by caller: OperatorPrincipal) throws -> String {
        let key = try HostGrants.parse(host)
        try hostGrants.grant(key, to: org, by: caller)
        logger.info("host granted", metadata: ["org": "\(org)", "operator": "\(caller.operatorID)"])
        return key
    }

    /// Withdraws a host grant (the operator only). The org's sources at that host stop connecting.
    public func revokeHost(_ host: String, from org: OrgID, by caller: OperatorPrincipal) throws {
        let key = try HostGrants.parse(host)
        guard try hostGrants.revoke(key, from: org) else { throw BulkheadError.notFound(kind: "host grant", name: key) }
        let stale = directory.withLock { map in map.values.filter { $0.owner == org && $0.info.kind == .postgres } }
        for record in stale { postgres.evict(ConnectionPool.Key(org: org, source: record.info.id)) }
        logger.info("host revoked", metadata: ["org": "\(org)", "operator": "\(caller.operatorID)"])
    }

    /// The database hosts granted to the principal's org, as `host:port`.
    public func allowedHosts(_ principal: Principal) throws -> [String] {
        try hostGrants.hosts(of: principal.orgID)
    }

    /// What a PostgreSQL source's password is sealed for: this org, this source, this use.
    static func postgresSecretContext(org: OrgID, source: SourceID) -> String {
        "org:\(org.rawValue)/source:\(source.rawValue)/postgres-password"
    }
}
