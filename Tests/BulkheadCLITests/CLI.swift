import Foundation

/// Runs the real `bulkhead` binary built next to the test bundle, as a user or a script would.
struct CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        /// stdout parsed as one JSON object.
        func json() throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
            guard let dictionary = object as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
            return dictionary
        }
    }

    let home: URL
    var environment: [String: String] = [:]

    /// The built products folder (`.build/<triple>/debug`), where the test bundle itself lives.
    static var productsDirectory: URL {
        let bundle = Bundle.main.bundleURL
        return bundle.lastPathComponent.hasSuffix(".xctest") ? bundle.deletingLastPathComponent() : bundle
    }

    static var binary: URL { productsDirectory.appendingPathComponent("bulkhead") }

    /// A CLI on a fresh, empty home in the temporary folder.
    static func freshHome(_ label: String) -> CLI {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-cli-\(label)-\(UUID().uuidString)")
        return CLI(home: home)
    }

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["BULKHEAD_HOME"] = home.path
        env.removeValue(forKey: "BULKHEAD_TOKEN")
        for (key, value) in environment.merging(extra, uniquingKeysWith: { $1 }) { env[key] = value }
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // stdin is written and stderr read on threads of their own while stdout is read here, so a
        // child that fills one pipe while we wait on another can never deadlock the test.
        let writer = Self.background {
            if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
            try? input.fileHandleForWriting.close()
            return Data()
        }
        let err = Self.background { errors.fileHandleForReading.readDataToEndOfFile() }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        _ = writer.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err.wait(), as: UTF8.self))
    }

    /// Work running on its own thread, and a way to wait for its result.
    final class Background: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result = Data()

        fileprivate init(_ body: @escaping @Sendable () -> Data) {
            Thread.detachNewThread { [self] in
                result = body()
                done.signal()
            }
        }

        /// Blocks until the work has finished and returns what it produced.
        func wait() -> Data {
            done.wait()
            done.signal()
            return result
        }
    }

    static func background(_ body: @escaping @Sendable () -> Data) -> Background { Background(body) }

    func removeHome() {
        try? FileManager.default.removeItem(at: home)
    }
}
