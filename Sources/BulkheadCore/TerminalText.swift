/// The one sanitizer for text bound for a terminal: control characters are shown, never obeyed.
///
/// Data in Bulkhead comes from people who may be hostile to the person reading it: a member's
/// note reaches an admin's screen, a column name comes from a file someone else made, a row
/// value can hold anything. A terminal obeys escape sequences in what it prints (clear the
/// screen, set the window title, write the clipboard with OSC 52, hide text with bidi
/// overrides), so every line the command line or the console draws passes through here first.
///
/// Nothing is dropped: each control is replaced by a visible stand-in, so a value that holds an
/// escape still looks different from one that does not.
/// - C0 controls (U+0000 to U+001F) and DEL become their Unicode control pictures (`␛`, `␇`,
///   `␀`, `␡`), one column each, so tables stay aligned.
/// - C1 controls (U+0080 to U+009F) and the bidi embeddings, overrides and isolates (U+202A to
///   U+202E, U+2066 to U+2069) have no picture; they become `<U+009B>`-style tags.
/// - Newline and tab are kept, unless `singleLine` asks for them to be shown too (a table cell).
///
/// `--json` output does not pass through here: JSON escapes controls itself and must round-trip.
public enum TerminalText {
    /// `text` with every control character made visible; returns `text` itself when nothing needs it.
    public static func escaped(_ text: String, singleLine: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, singleLine: singleLine) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, singleLine: singleLine) else {
                result.append(scalar)
                continue
            }
            result.append(contentsOf: visible(scalar).unicodeScalars)
        }
        return String(result)
    }

    /// True when `scalar` must not reach a terminal as it is.
    public static func needsEscape(_ scalar: Unicode.Scalar, singleLine: Bool = false) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return singleLine
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The visible stand-in for one control character.
    static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00...0x1F: return String(Character(Unicode.Scalar(0x2400 + scalar.value)!))
        case 0x7F: return "\u{2421}"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
        }
    }
}
