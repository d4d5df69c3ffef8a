import BulkheadCore
import Synchronization

/// Open sandboxed connections, kept per (org, source) with the owning org recorded beside them.
///
/// Every checkout names the principal's org and passes the engine's owner check against the
/// recorded owner before a connection is handed out. A connection is opened on a path that was
/// re-resolved and re-checked for this very checkout; an idle connection to any other path (a
/// symlink was swapped since) is closed, never reused. Open connections count against the org's
/// cap in the rate limiter.
final class ConnectionPool: Sendable {
    /// The pool key: the owning org and the source.
    struct Key: Hashable, Sendable {
        let org: OrgID
        let source: SourceID
    }

    private struct Entry {
        let owner: OrgID
        var idle: [(identity: String, connection: SandboxedConnection)] = []
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let limiter: RateLimiter
    /// Idle connections kept per source; more are closed when given back.
    let idleLimit: Int

    init(limiter: RateLimiter, idleLimit: Int = 4) {
        self.limiter = limiter
        self.idleLimit = idleLimit
    }

    /// Hands out a connection to `path` for `key`, after `checkOwner` accepted the recorded owner.
    ///
    /// `identity` names the file as it is right now (resolved path, device and inode); an idle
    /// connection is reused only when it was opened on the same identity. Before a new connection
    /// is opened, `checkNewPath` runs the path rules again. `release` runs when the lease ends
    /// (the engine uses it to free the statement slot).
    func checkout(
        _ key: Key, path: String, identity: String, checkOwner: (OrgID) throws -> Void,
        checkNewPath: () throws -> Void, release: @escaping @Sendable () -> Void
    ) throws -> ConnectionLease {
        var staleCount = 0
        let reused = try entries.withLock { entries -> SandboxedConnection? in
            var entry = entries[key] ?? Entry(owner: key.org)
            try checkOwner(entry.owner)
            defer { entries[key] = entry }
            while let candidate = entry.idle.popLast() {
                if candidate.identity == identity { return candidate.connection }
                staleCount += 1
            }
            return nil
        }
        for _ in 0..<staleCount { limiter.closeConnection(for: key.org) }
        let connection: SandboxedConnection
        if let reused {
            connection = reused
        } else {
            try checkNewPath()
            try openCounted(for: key.org)
            do {
                connection = try SandboxedConnection(path: path)
            } catch {
                limiter.closeConnection(for: key.org)
                throw error
            }
        }
        return ConnectionLease(connection: connection) { [weak self] connection in
            self?.giveBack(connection, identity: identity, key: key)
            release()
        }
    }

    private func giveBack(_ connection: SandboxedConnection, identity: String, key: Key) {
        let kept = entries.withLock { entries -> Bool in
            guard var entry = entries[key], entry.idle.count < idleLimit else { return false }
            entry.idle.append((identity, connection))
            entries[key] = entry
            return true
        }
        if !kept { limiter.closeConnection(for: key.org) }
    }

    /// Counts one more open connection of `org`. At the org's cap, the org's idle connections give
    /// way one at a time: an org with more sources than its cap would otherwise be refused its next
    /// source for as long as the idle connections of the others stay pooled. Only connections in
    /// use can hold the cap, as the cap intends.
    private func openCounted(for org: OrgID) throws {
        while true {
            do {
                return try limiter.openConnection(for: org)
            } catch let error as BulkheadError {
                guard case .rateLimited = error, closeOneIdle(of: org) else { throw error }
            }
        }
    }

    /// Closes one idle connection of `org` (the oldest of its source), and says whether there was one.
    private func closeOneIdle(of org: OrgID) -> Bool {
        let closed = entries.withLock { entries -> SandboxedConnection? in
            guard let key = entries.keys.first(where: { $0.org == org && !(entries[$0]?.idle.isEmpty ?? true) }) else { return nil }
            return entries[key]?.idle.removeFirst().connection
        }
        guard closed != nil else { return false }
        limiter.closeConnection(for: org)
        return true
    }

    /// Closes every idle connection of one source (after it was removed, or its file changed).
    func evict(_ key: Key) {
        let removed = entries.withLock { entries -> Int in
            entries.removeValue(forKey: key)?.idle.count ?? 0
        }
        for _ in 0..<removed { limiter.closeConnection(for: key.org) }
    }

    /// How many idle connections the pool holds for `key` (tests).
    func idleCount(_ key: Key) -> Int { entries.withLock { $0[key]?.idle.count ?? 0 } }
}
