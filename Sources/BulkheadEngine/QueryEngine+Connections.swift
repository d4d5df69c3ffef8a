import BulkheadCore
import Foundation

extension QueryEngine {
    /// The file a source is opened from right now, re-resolved, with its stamp.
    ///
    /// A SQLite source's location is resolved again on every call, so a symlink swapped since
    /// the last open is seen at once; a CSV source opens its cache in the org's own area.
    struct OpenTarget {
        let path: String
        let stamp: FileStamp
    }

    func openTarget(_ record: SourceRecord) throws -> OpenTarget {
        let resolved: String
        switch record.info.kind {
        case .sqlite:
            resolved = try policy.resolveFile(record.info.location)
        case .csv:
            resolved = try policy.resolveFile(csvCacheURL(org: record.owner, id: record.info.id).path)
        case .postgres:
            throw BulkheadError.internalFailure(code: "postgres-source-file")
        }
        guard let stamp = FileStamp(path: resolved) else { throw SourcePathPolicy.refusal }
        return OpenTarget(path: resolved, stamp: stamp)
    }

    /// Runs every path rule on a target about to be opened by a new connection.
    func checkRules(_ record: SourceRecord, target: OpenTarget, principal: Principal) throws {
        if record.packaged || record.info.kind == .csv {
            try policy.checkPackagedFile(target.path, orgArea: workspace.orgAreaURL(for: record.owner))
            return
        }
        try policy.checkTenantFile(target.path, roots: try grants.folders(of: record.owner))
        try claims.check(target.path, org: record.owner)
    }

    /// Leases a sandboxed connection to `record` for `principal`, counting one running statement of
    /// the org (and first taking one query token of it, when `takingQueryToken`, in the same round
    /// of bookkeeping).
    func lease(_ principal: Principal, _ record: SourceRecord, reference: String,
               takingQueryToken: Bool = false) throws -> (ConnectionLease, OpenTarget) {
        let org = principal.orgID
        let target: OpenTarget
        if takingQueryToken {
            try rateLimiter.takeQueryAndBeginStatement(for: org)
            do {
                target = try openTarget(record)
            } catch {
                rateLimiter.endStatement(for: org)
                throw error
            }
        } else {
            target = try openTarget(record)
            try rateLimiter.beginStatement(for: org)
        }
        let limiter = rateLimiter
        do {
            let lease = try pool.checkout(
                ConnectionPool.Key(org: record.owner, source: record.info.id), path: target.path,
                identity: "\(target.path)#\(target.stamp.identity)",
                checkOwner: { try checkOwner(principal, owner: $0, reference: reference) },
                checkNewPath: { try checkRules(record, target: target, principal: principal) },
                release: { limiter.endStatement(for: org) })
            return (lease, target)
        } catch {
            limiter.endStatement(for: org)
            throw error
        }
    }

    /// Where the cache of a CSV source lives: inside the owning org's own area of the home.
    func csvCacheURL(org: OrgID, id: SourceID) -> URL {
        workspace.orgAreaURL(for: org).appendingPathComponent("sources", isDirectory: true).appendingPathComponent("\(id.rawValue).sqlite")
    }
}
