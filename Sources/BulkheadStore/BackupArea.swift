import Foundation
import BulkheadCore

/// Where an org's backups live: `<home>/backups/<org-id>/`, and nowhere else on the server.
///
/// A tenant names a backup, never a path: the name is one plain file name, checked here, and the
/// folder comes from the org id of a verified principal. So a backup can never be written over a
/// source another org connected, into another org's granted folder or into the home outside this
/// area, and a restore can never read a host file. A backup is never written over an existing
/// file (`O_EXCL`), and no file here is followed through a symlink (`O_NOFOLLOW`). Over SSH a
/// backup streams to the client instead (`backup -`), which needs no file on the server at all.
public struct BackupArea: Sendable {
    /// One backup file in the area.
    public struct Entry: Sendable, Hashable {
        /// The file name.
        public let name: String
        /// Its size in bytes.
        public let bytes: Int
        /// When it was last written.
        public let modified: Date
    }

    /// The refusal for anything that is not a plain backup name.
    public static let nameRefusal = BulkheadError.notPermitted(
        "a backup is named by a plain file name (letters, digits, '.', '_' and '-', up to 128); backups are kept in your organization's backup area, or use - for standard output and input")

    private let workspace: Workspace
    /// False only in tests proving the audit notices: names are taken as paths and files are overwritten.
    private let confined: Bool

    public init(workspace: Workspace) {
        self.init(workspace: workspace, confined: true)
    }

    @_spi(Testing)
    public init(workspace: Workspace, confined: Bool) {
        self.workspace = workspace
        self.confined = confined
    }

    /// The folder of every org's backup area.
    public var root: URL { workspace.root.appendingPathComponent("backups", isDirectory: true) }

    /// The org's own area (not created).
    public func folder(for org: OrgID) -> URL {
        root.appendingPathComponent(org.rawValue, isDirectory: true)
    }

    /// Checks that `name` is one plain file name: no separator, no leading dot, nothing to resolve.
    public static func validatedName(_ name: String) throws -> String {
        let bytes = Array(name.utf8)
        guard (1...128).contains(bytes.count), bytes.first != UInt8(ascii: "."),
              bytes.allSatisfy({ byte in
                  (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                      || byte == 0x2E || byte == 0x5F || byte == 0x2D
              })
        else { throw nameRefusal }
        return name
    }

    /// Writes `data` as a new file `name` in the org's area; never replaces an existing file.
    ///
    /// - Throws: `invalidInput` for a bad name, `conflict` when the name is taken.
    public func write(_ data: Data, named name: String, org: OrgID) throws -> URL {
        let folder = try makeFolder(for: org)
        let url = try location(of: name, in: folder)
        let fd = open(url.path, O_WRONLY | O_CREAT | (confined ? O_EXCL | O_NOFOLLOW : O_TRUNC) | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw BulkheadError.conflict("a backup named '\(name)' already exists; backups are never overwritten") }
            throw BulkheadError.internalFailure(code: "backup-create")
        }
        let written = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard written else {
            unlink(url.path)
            throw BulkheadError.internalFailure(code: "backup-write")
        }
        return url
    }

    /// Reads the backup `name` of the org's area.
    ///
    /// - Throws: `invalidInput` for a bad name, `notFound("backup")` when there is no such file.
    public func read(named name: String, org: OrgID) throws -> Data {
        let url = try location(of: name, in: folder(for: org))
        let fd = open(url.path, O_RDONLY | (confined ? O_NOFOLLOW : 0) | O_CLOEXEC)
        guard fd >= 0 else { throw BulkheadError.notFound(kind: "backup", name: name) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw BulkheadError.notFound(kind: "backup", name: name) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        guard let data = try? handle.readToEnd() else { throw BulkheadError.internalFailure(code: "backup-read") }
        return data
    }

    /// The org's backups, newest first.
    public func list(org: OrgID) throws -> [Entry] {
        let folder = folder(for: org)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { (try? Self.validatedName($0)) != nil }.compactMap { name -> Entry? in
            var info = stat()
            guard lstat(folder.appendingPathComponent(name).path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            return Entry(name: name, bytes: Int(info.st_size),
                         modified: Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec)))
        }.sorted { ($0.modified, $0.name) > ($1.modified, $1.name) }
    }

    /// Removes the org's whole area (when the operator deletes the org).
    public func removeAll(org: OrgID) {
        try? FileManager.default.removeItem(at: folder(for: org))
    }

    /// The file `name` stands for: always directly in `folder` (when confined).
    private func location(of name: String, in folder: URL) throws -> URL {
        guard confined else { return URL(fileURLWithPath: name, relativeTo: folder).standardizedFileURL }
        return folder.appendingPathComponent(try Self.validatedName(name))
    }

    private func makeFolder(for org: OrgID) throws -> URL {
        let url = folder(for: org)
        do {
            for folder in [root, url] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw BulkheadError.internalFailure(code: "backup-area")
        }
        return url
    }
}
