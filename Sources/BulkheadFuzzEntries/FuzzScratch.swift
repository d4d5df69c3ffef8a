import Foundation

/// A private folder for the files an entry point needs (a database, a workspace), made once per process.
enum FuzzScratch {
    /// The folder, under the temporary directory, named after the process.
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("bulkhead-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return url
    }()
}
