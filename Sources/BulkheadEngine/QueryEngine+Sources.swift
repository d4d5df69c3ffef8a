import BulkheadCore
import Dispatch
import Foundation
import Logging

extension QueryEngine {
    /// Grants the folder `path` to `org` (the operator only); returns the resolved folder.
    ///
    /// The folder must exist and be a directory; it may not be `/`, a system folder (`/proc`,
    /// `/sys`, `/dev`, `/etc`, `/run`, `/boot`), a folder anyone may write to (like `/tmp`), the
    /// home, a folder containing the home or lying inside it, nor be, contain or lie inside another
    /// org's grant. These hold even for the operator, and each refusal says which rule it met.
    @discardableResult
    public func grantFolder(_ path: String, to org: OrgID, by caller: OperatorPrincipal) throws -> String {
        let resolved = grantPolicyEnforced ? try policy.resolveGrant(path) : try policy.resolveDirectory(path)
        try grants.grant(resolved, to: org, by: caller, checkOverlap: grantPolicyEnforced)
        logger.info("folder granted", metadata: ["org": "\(org)", "operator": "\(caller.operatorID)"])
        return resolved
    }

    /// Withdraws a grant (the operator only). Sources already connected under it stop opening.
    public func revokeFolder(_ path: String, from org: OrgID, by caller: OperatorPrincipal) throws {
        let resolved = SourcePathPolicy.realPath(path) ?? path
        guard try grants.revoke(resolved, from: org) else { throw BulkheadError.notFound(kind: "folder grant", name: path) }
        logger.info("folder revoked", metadata: ["org": "\(org)", "operator": "\(caller.operatorID)"])
    }

    /// The folders granted to the principal's org (resolved), under which its admins may add sources.
    public func allowedRoots(_ principal: Principal) throws -> [String] {
        try grants.folders(of: principal.orgID)
    }

    /// Connects a source: a SQLite file opened read-only in place, or a CSV file imported into a cache.
    ///
    /// Org admins only: a source opens files on the server. The path is resolved (symlinks
    /// followed) and must be a regular file under one of the folders the operator granted the org,
    /// outside the Bulkhead home, and not a file another org has connected. The name must be valid
    /// and free in the org. A CSV import returns its report, bad rows included.
    public func addSource(_ principal: Principal, name: String, path: String, kind: SourceKind = .sqlite) throws -> SourceAdded {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            try principal.requireAdmin()
            let name = try SourceName.validate(name)
            let taken = try catalog.source(named: name, principal) != nil
            if taken { throw BulkheadError.conflict("a source named '\(name)' already exists") }
            let resolved = try policy.resolveFile(path)
            try policy.checkTenantFile(resolved, roots: try grants.folders(of: principal.orgID))
            try claims.check(resolved, org: principal.orgID)
            let added = try register(principal, name: name, location: path, resolved: resolved, kind: kind, packaged: false)
            logger.info("source added", metadata: [
                "org": "\(principal.orgID)", "user": "\(principal.userID)", "source": "\(added.source.id)",
                "ms": "\(milliseconds(since: started))",
            ])
            return added
        } catch {
            throw failure(error, operation: "add-source", principal: principal, started: started)
        }
    }

    /// Connects a file the package itself placed in the org's own area of the home (the demo's sources).
    ///
    /// It skips the allowed roots, but the resolved file must lie inside `workspace.orgAreaURL(for:)`
    /// of the principal's own org, and nowhere else.
    package func addPackagedSource(_ principal: Principal, name: String, path: URL, kind: SourceKind = .sqlite) throws -> SourceAdded {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let name = try SourceName.validate(name)
            let resolved = try policy.resolveFile(path.path)
            try policy.checkPackagedFile(resolved, orgArea: workspace.orgAreaURL(for: principal.orgID))
            return try register(principal, name: name, location: resolved, resolved: resolved, kind: kind, packaged: true)
        } catch {
            throw failure(error, operation: "add-packaged-source", principal: principal, started: started)
        }
    }

    private func register(
        _ principal: Principal, name: String, location: String, resolved: String, kind: SourceKind, packaged: Bool
    ) throws -> SourceAdded {
        let org = principal.orgID
        let id = SourceID.random(prefix: "src", using: random)
        var report: CSVImportReport?
        var opened = resolved
        switch kind {
        case .sqlite:
            break
        case .csv:
            let cache = csvCacheURL(org: org, id: id)
            do {
                _ = try workspace.makeOrgArea(for: org)
                try FileManager.default.createDirectory(
                    at: cache.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw BulkheadError.internalFailure(code: "csv-cache-folder")
            }
            report = try CSVImporter.importFile(at: resolved, table: name.replacingOccurrences(of: "-", with: "_"), into: cache)
            opened = cache.path
        case .postgres:
            throw BulkheadError.invalidInput("connect a PostgreSQL source by its URL")
        }
        // The schema is read before the source is recorded: a file whose schema cannot be read
        // within the time limit (a hostile view) is never added.
        let (schema, stamp) = try introspect(opened, kind: kind, org: org, id: id)
        let info = SourceInfo(id: id, name: name, kind: kind, location: location, createdBy: principal.userID, createdAt: clock.now())
        let record = SourceRecord(info: info, owner: org, resolvedLocation: resolved, packaged: packaged)
        do {
            if !packaged { try claims.claim(resolved, org: org, source: id) }
            try catalog.insert(record, principal)
        } catch {
            try? claims.release(source: id, org: org)
            if kind == .csv { try? FileManager.default.removeItem(at: csvCacheURL(org: org, id: id)) }
            throw error
        }
        remember(record)
        schemas.store(schema, for: ConnectionPool.Key(org: org, source: id), stamp: stamp)
        return SourceAdded(source: info, importReport: report)
    }

    /// The org's sources, by name.
    public func listSources(_ principal: Principal) throws -> [SourceInfo] {
        try catalog.all(principal).map(\.info)
    }

    /// A source with its tables, columns and types, keys, row counts and five sample rows per table.
    public func showSource(_ principal: Principal, _ source: String) throws -> SourceDetails {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let record = try resolve(principal, source)
            return SourceDetails(source: record.info, schema: try schema(principal, record: record, reference: source))
        } catch {
            throw failure(error, operation: "show-source", principal: principal, started: started)
        }
    }

    /// The schema of one of the principal's sources (cached per org and source, rebuilt when the file changes).
    public func schema(_ principal: Principal, source: String) throws -> SourceSchema {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let record = try resolve(principal, source)
            return try schema(principal, record: record, reference: source)
        } catch {
            throw failure(error, operation: "schema", principal: principal, started: started)
        }
    }

    private func schema(_ principal: Principal, record: SourceRecord, reference: String) throws -> SourceSchema {
        if record.info.kind == .postgres { return try postgresSchema(principal, record, reference: reference) }
        let key = ConnectionPool.Key(org: record.owner, source: record.info.id)
        let target = try openTarget(record)
        if let cached = try schemas.lookup(key, stamp: target.stamp, checkOwner: { try checkOwner(principal, owner: $0, reference: reference) }) {
            return cached
        }
        let (lease, leased) = try lease(principal, record, reference: reference)
        defer { lease.release() }
        let schema = try SchemaIntrospector.read(lease.connection, timeLimit: introspectionTimeLimit)
        schemas.store(schema, for: key, stamp: leased.stamp)
        return schema
    }

    /// Disconnects a source (org admins only): the record, its pooled connections, its caches.
    public func removeSource(_ principal: Principal, _ source: String) throws {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            try principal.requireAdmin()
            let record = try resolve(principal, source)
            try catalog.delete(record.info.id, principal)
            let key = ConnectionPool.Key(org: record.owner, source: record.info.id)
            pool.evict(key)
            postgres.evict(key)
            schemas.remove(key)
            forget(record)
            try? claims.release(source: record.info.id, org: record.owner)
            if record.info.kind == .csv { try? FileManager.default.removeItem(at: csvCacheURL(org: record.owner, id: record.info.id)) }
            logger.info("source removed", metadata: ["org": "\(principal.orgID)", "user": "\(principal.userID)", "source": "\(record.info.id)"])
        } catch {
            throw failure(error, operation: "remove-source", principal: principal, started: started)
        }
    }
}
