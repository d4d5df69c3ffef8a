import Foundation
import BulkheadCore

/// Printing for commands: one JSON document with `--json`, plain lines otherwise, errors on stderr.
///
/// Every text line and every error passes through `TerminalText`, so data (a note, a column
/// name, a path, a row value) can never send escape sequences to the reader's terminal. JSON is
/// written exactly: the encoder escapes control characters itself, and scripts need the real bytes.
enum Output {
    /// Prints `value` as one JSON document (sorted keys, so scripts and diffs see stable output).
    ///
    /// A value JSON cannot hold (a NaN or an infinite number from SQL) ends the command with a
    /// message on stderr and exit code 1, and nothing on stdout: a script must never read a
    /// half-written document, nor take a failure for success.
    static func json(_ value: Any) {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard JSONSerialization.isValidJSONObject(value),
              let data = try? JSONSerialization.data(withJSONObject: value, options: options) else {
            let failure = BulkheadError.invalidInput(
                "the result cannot be written as JSON: it holds a value JSON has no form for (such as an infinite number or NaN)")
            error(failure)
            exit(failure.exitCode)
        }
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Prints a line on stdout, with control characters shown, not obeyed.
    static func line(_ text: String = "") {
        print(TerminalText.escaped(text))
    }

    /// Prints a safe error on stderr, with control characters shown, not obeyed.
    static func error(_ error: BulkheadError) {
        message(error.message)
    }

    /// Prints `text` as an error line on stderr (`bulkhead: ...`), with control characters shown.
    static func message(_ text: String) {
        FileHandle.standardError.write(Data("bulkhead: \(TerminalText.escaped(text))\n".utf8))
    }
}
