import Foundation
import BulkheadCore

/// A new file for an export, in a folder the user chose: never an existing file, never through
/// a symlink, readable by the user only (0600).
///
/// `~` is the user's home and a relative folder is taken from the working folder. When a `root`
/// is given (a server would give each session one), the folder must be inside it.
enum ExportFile {
    /// Creates `<folder>/<stem>.<ext>` (or `<stem>-2.<ext>`, … when taken) and returns its handle and path.
    static func create(folder: String, stem: String, format: ResultFormat, root: URL? = nil,
                       environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (handle: FileHandle, path: String) {
        var path = folder.trimmingCharacters(in: .whitespaces)
        if path == "~" || path.hasPrefix("~/") {
            path = (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
        }
        let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let directory = URL(fileURLWithPath: path, isDirectory: true, relativeTo: base).standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BulkheadError.invalidInput("no such folder: \(folder)")
        }
        if let root {
            let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
            guard directory.path == rootPath || directory.path.hasPrefix(rootPath + "/") else {
                throw BulkheadError.invalidInput("exports go under \(root.path)")
            }
        }
        let safeStem = String(stem.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }.prefix(80))
        for attempt in 1...1_000 {
            let name = safeStem + (attempt == 1 ? "" : "-\(attempt)") + "." + format.fileExtension
            let file = directory.appendingPathComponent(name).path
            let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 { return (FileHandle(fileDescriptor: descriptor, closeOnDealloc: true), file) }
            guard errno == EEXIST else { throw BulkheadError.invalidInput("cannot write in \(folder)") }
        }
        throw BulkheadError.invalidInput("too many exports of this result in \(folder)")
    }
}
