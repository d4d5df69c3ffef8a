import BulkheadCore
import Foundation

/// Any text through the terminal sanitizer: whatever comes in, nothing a terminal obeys comes out,
/// plain text comes out as it went in, and nothing is dropped (the output is never shorter).
enum TerminalTextFuzz {
    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        for singleLine in [false, true] {
            let shown = TerminalText.escaped(text, singleLine: singleLine)
            precondition(!shown.unicodeScalars.contains { TerminalText.needsEscape($0, singleLine: singleLine) },
                         "a control character survived the sanitizer")
            precondition(shown.unicodeScalars.count >= text.unicodeScalars.count, "the sanitizer dropped something")
            if !text.unicodeScalars.contains(where: { TerminalText.needsEscape($0, singleLine: singleLine) }) {
                precondition(shown == text, "plain text was changed")
            }
            precondition(TerminalText.escaped(shown, singleLine: singleLine) == shown, "escaping twice changed the text")
        }
    }
}
