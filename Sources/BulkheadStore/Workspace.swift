import Foundation
import BulkheadCore

/// The Bulkhead home: one folder holding the control database, one database per org and the keys.
///
/// The folder is created 0700 and every file in it 0600, because it holds password hashes,
/// signing keys and every tenant's data. Paths inside it are derived from validated ids only,
/// never from text a tenant typed.
public struct Workspace: Sendable, Hashable {
    /// The home folder, resolved to an absolute, symlink-free path.
    public let root: URL

    /// Opens (and creates when missing) the workspace at `root`.
    public init(root: URL) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root.path)
            let resolved = root.resolvingSymlinksInPath().standardizedFileURL
            self.root = resolved
            let tenants = resolved.appendingPathComponent("tenants", isDirectory: true)
            try fm.createDirectory(at: tenants, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw BulkheadError.invalidInput("cannot create the Bulkhead home at \(root.path)")
        }
    }

    /// Picks the home as the command-line contract says: `--home`, else `BULKHEAD_HOME`, else the XDG data directory.
    public static func resolveRoot(option: String?, environment: [String: String], userHome: URL) -> URL {
        if let option, !option.isEmpty { return URL(fileURLWithPath: option, isDirectory: true) }
        if let env = environment["BULKHEAD_HOME"], !env.isEmpty { return URL(fileURLWithPath: env, isDirectory: true) }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("bulkhead", isDirectory: true)
        }
        return userHome.appendingPathComponent(".local/share/bulkhead", isDirectory: true)
    }

    /// The control-plane database: organizations, users, memberships, sessions, security events.
    public var controlDatabaseURL: URL { root.appendingPathComponent("control.db") }

    /// The folder of tenant databases.
    public var tenantsDirectory: URL { root.appendingPathComponent("tenants", isDirectory: true) }

    /// The one database file of an organization. The name comes from a validated `OrgID` only.
    public func tenantDatabaseURL(for org: OrgID) -> URL {
        tenantsDirectory.appendingPathComponent("\(org.rawValue).db")
    }

    /// A per-org folder for files that belong to the org but are not its database (CSV caches, demo sources).
    public func orgAreaURL(for org: OrgID) -> URL {
        tenantsDirectory.appendingPathComponent(org.rawValue, isDirectory: true)
    }

    /// Creates (0700) and returns the org's area.
    public func makeOrgArea(for org: OrgID) throws -> URL {
        let url = orgAreaURL(for: org)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw BulkheadError.internalFailure(code: "org-area")
        }
        return url
    }

    /// The folder a user's exports go to when the console runs on the server for them (over SSH),
    /// where the user's own folders are not theirs to write: `exports/<org-id>/<user-id>/`.
    /// The names come from validated ids only.
    public func exportAreaURL(org: OrgID, user: UserID) -> URL {
        root.appendingPathComponent("exports", isDirectory: true).appendingPathComponent(org.rawValue, isDirectory: true)
            .appendingPathComponent(user.rawValue, isDirectory: true)
    }

    /// Creates (0700, every level) and returns a user's export area.
    public func makeExportArea(org: OrgID, user: UserID) throws -> URL {
        let url = exportAreaURL(org: org, user: user)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for level in [url, url.deletingLastPathComponent(), url.deletingLastPathComponent().deletingLastPathComponent()] {
                try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: level.path)
            }
        } catch {
            throw BulkheadError.internalFailure(code: "export-area")
        }
        return url
    }

    /// A file directly in the home (keys, the remembered session, preferences).
    public func privateFileURL(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// Writes `data` atomically with mode 0600, so a key or a token is never readable by others, even briefly.
    public func writePrivateFile(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BulkheadError.internalFailure(code: "private-file") }
        let ok = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard ok, rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw BulkheadError.internalFailure(code: "private-file")
        }
    }

    /// True when `url`, with symlinks resolved, lies inside this home.
    public func contains(_ url: URL) -> Bool {
        let path = url.resolvingSymlinksInPath().standardizedFileURL.path
        return path == root.path || path.hasPrefix(root.path + "/")
    }
}
