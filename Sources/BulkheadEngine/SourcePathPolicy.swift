import BulkheadCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a source file may live, checked when a source is added and again on every open.
///
/// A path is resolved with `realpath` (every symlink followed, `..` removed) and the resolved
/// path must be a regular file (not a directory, device, FIFO or socket) under one of the
/// folders the operator granted the org, and outside the Bulkhead home. The demo's own files are the one exception to
/// the roots: they must sit inside that org's own area of the home, and nowhere else.
/// Every refusal has the same sentence, so a refusal never tells whose file a path is.
struct SourcePathPolicy: Sendable {
    /// The resolved Bulkhead home.
    let home: String

    static let refusal = BulkheadError.invalidInput(
        "that path cannot be a source: it must be an existing regular file under one of your organization's granted folders, outside the Bulkhead home")

    init(home: URL) {
        self.home = Self.realPath(home.path) ?? home.standardizedFileURL.path
    }

    /// `realpath(3)`, or nil when the path does not exist or cannot be resolved.
    static func realPath(_ path: String) -> String? {
        guard !path.isEmpty, !path.contains("\0"), let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True when `path` is `directory` or lies below it (both resolved).
    static func isInside(_ path: String, _ directory: String) -> Bool {
        if directory == "/" { return path.hasPrefix("/") }
        return path == directory || path.hasPrefix(directory + "/")
    }

    /// Resolves `path` and checks it is a regular file; relative paths are taken from `base`.
    func resolveFile(_ path: String, relativeTo base: String? = nil) throws -> String {
        let absolute = path.hasPrefix("/") ? path : ((base ?? FileManager.default.currentDirectoryPath) + "/" + path)
        guard let resolved = Self.realPath(absolute) else { throw Self.refusal }
        var info = stat()
        guard stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw Self.refusal }
        // A hard link has no path of its own to check: the same inode may be another org's source,
        // a tenant database or control.db under another name. A file with several links is refused.
        guard info.st_nlink == 1 else { throw Self.refusal }
        return resolved
    }

    /// Folders never granted, even by the operator: the system's own trees, where a "file" is a
    /// kernel interface, a device or the machine's configuration.
    static let systemFolders = ["/proc", "/sys", "/dev", "/etc", "/run", "/boot", "/var/run"]

    /// Resolves a folder the operator wants to grant and checks every grant rule but overlap with
    /// other orgs (the control plane checks that, in the transaction that writes the grant).
    ///
    /// - Throws: `invalidInput` naming the rule the folder breaks.
    func resolveGrant(_ path: String, relativeTo base: String? = nil) throws -> String {
        let resolved = try resolveDirectory(path, relativeTo: base)
        func refuse(_ why: String) -> BulkheadError { .notPermitted("that folder cannot be granted: \(why)") }
        guard resolved != "/" else { throw refuse("it is the root of the file system") }
        if let system = Self.systemFolders.first(where: { Self.isInside(resolved, $0) }) {
            throw refuse("it is or lies inside the system folder \(system)")
        }
        guard !Self.isInside(resolved, home) else { throw refuse("it is or lies inside the Bulkhead home") }
        guard !Self.isInside(home, resolved) else { throw refuse("it contains the Bulkhead home") }
        var info = stat()
        guard stat(resolved, &info) == 0, info.st_mode & S_IWOTH == 0 else {
            throw refuse("anyone on this machine may write to it (like /tmp); grant a folder inside it that only the service's account can write")
        }
        return resolved
    }

    /// Resolves `path` and checks it is an existing directory.
    func resolveDirectory(_ path: String, relativeTo base: String? = nil) throws -> String {
        let absolute = path.hasPrefix("/") ? path : ((base ?? FileManager.default.currentDirectoryPath) + "/" + path)
        var info = stat()
        guard let resolved = Self.realPath(absolute), stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw BulkheadError.invalidInput("that folder cannot be granted: it is not an existing directory")
        }
        return resolved
    }

    /// Checks a resolved tenant file: under one of `roots` and outside the home.
    func checkTenantFile(_ resolved: String, roots: [String]) throws {
        guard !Self.isInside(resolved, home) else { throw Self.refusal }
        guard roots.contains(where: { Self.isInside(resolved, $0) }) else { throw Self.refusal }
    }

    /// Checks a resolved file the package itself placed: inside `orgArea` (the org's own area of the home).
    func checkPackagedFile(_ resolved: String, orgArea: URL) throws {
        guard let area = Self.realPath(orgArea.path), Self.isInside(resolved, area), resolved != area else { throw Self.refusal }
    }
}
