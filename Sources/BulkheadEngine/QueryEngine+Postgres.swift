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

    /// The source's URL with its password, unsealed for its own org and source only.
    private func postgresURL(_ record: SourceRecord) throws -> PostgresURL {
        guard let sealed = record.sealedSecret else { throw BulkheadError.integrity("the source's credentials are missing") }
        let password = try secrets.openString(sealed, context: Self.postgresSecretContext(org: record.owner, source: record.info.id))
        return try PostgresURL(record.info.location, password: password)
    }

    /// What a PostgreSQL source's password is sealed for: this org, this source, this use.
    static func postgresSecretContext(org: OrgID, source: SourceID) -> String {
        "org:\(org.rawValue)/source:\(source.rawValue)/postgres-password"
    }
}
