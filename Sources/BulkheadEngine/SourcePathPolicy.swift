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
/// path must be a regular file (not a directory, device, FIFO or socket) under one of the org's
/// allowed roots and outside the Bulkhead home. The demo's own files are the one exception to
/// the roots: they must sit inside that org's own area of the home, and nowhere else.
/// Every refusal has the same sentence, so a refusal never tells whose file a path is.
struct SourcePathPolicy: Sendable {
    /// The resolved Bulkhead home.
    let home: String

    static let refusal = BulkheadError.invalidInput(
        "that path cannot be a source: it must be an existing regular file under one of your organization's allowed folders, outside the Bulkhead home")
    static let rootRefusal = BulkheadError.invalidInput(
        "that folder cannot be allowed: it must be an existing directory outside the Bulkhead home, apart from other organizations' folders")

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

    /// Resolves a folder offered as an allowed root; it must be a directory outside the home.
    func resolveRoot(_ path: String, relativeTo base: String? = nil) throws -> String {
        let absolute = path.hasPrefix("/") ? path : ((base ?? FileManager.default.currentDirectoryPath) + "/" + path)
        guard let resolved = Self.realPath(absolute) else { throw Self.rootRefusal }
        var info = stat()
        guard stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { throw Self.rootRefusal }
        guard !Self.isInside(resolved, home) else { throw Self.rootRefusal }
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
