import ArgumentParser
import BulkheadCore
import Foundation

/// `--operator-key FILE`: how an operator command is given the installation's operator key.
///
/// Nothing reads the key on its own (not even from the home it was written to): the operator
/// presents it with this option, or names the file in `BULKHEAD_OPERATOR_KEY`. `-` reads it from
/// standard input. A key file that others may read is refused, like ssh refuses a private key.
struct OperatorKeyOption: ParsableArguments {
    /// The environment variable that names the key file.
    static let environmentVariable = "BULKHEAD_OPERATOR_KEY"

    @Option(name: .customLong("operator-key"), help: ArgumentHelp(
        "The operator key file (or - for stdin); default: the file named by BULKHEAD_OPERATOR_KEY.", valueName: "file"))
    var file: String?

    /// The key's text, or nil when none was presented.
    func text(environment: [String: String]) throws -> String? {
        guard let path = file ?? environment[Self.environmentVariable].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        if path == "-" {
            return String(decoding: FileHandle.standardInput.readData(ofLength: 4096), as: UTF8.self)
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw BulkheadError.invalidInput("the operator key file cannot be read")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw BulkheadError.invalidInput("the operator key file must be private to its owner (chmod 600 it)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BulkheadError.invalidInput("the operator key file cannot be read") }
        defer { try? handle.close() }
        return String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
    }
}
