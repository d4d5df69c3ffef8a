import Foundation
import BulkheadCore

/// Printing for commands: one JSON document with `--json`, plain lines otherwise, errors on stderr.
enum Output {
    /// Prints `value` as one JSON document (sorted keys, so scripts and diffs see stable output).
    static func json(_ value: Any) {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: options) else {
            error(BulkheadError.internalFailure(code: "json"))
            return
        }
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Prints a line on stdout.
    static func line(_ text: String = "") {
        print(text)
    }

    /// Prints a safe error on stderr.
    static func error(_ error: BulkheadError) {
        FileHandle.standardError.write(Data("bulkhead: \(error.message)\n".utf8))
    }
}
