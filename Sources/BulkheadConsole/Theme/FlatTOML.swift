/// A reader for the small TOML subset themes use: `[section]` headers and `key = "string"` or
/// `key = true|false` lines, with `#` comments. Keys come back as `section.key`.
///
/// A full TOML library would be one more dependency for three short files; this subset is all a
/// theme needs, and anything outside it is an error with the line number.
enum FlatTOML {
    enum Value: Equatable {
        case string(String)
        case bool(Bool)
    }

    static func parse(_ text: String) throws(ThemeError) -> [String: Value] {
        var result: [String: Value] = [:]
        var section = ""
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(String(rawLine)).trimmingSpaces()
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw ThemeError(message: "line \(index + 1): bad section header")
                }
                section = String(line.dropFirst().dropLast()).trimmingSpaces()
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ThemeError(message: "line \(index + 1): expected key = value")
            }
            let key = String(line[..<equals]).trimmingSpaces()
            let raw = String(line[line.index(after: equals)...]).trimmingSpaces()
            let value: Value
            if raw == "true" {
                value = .bool(true)
            } else if raw == "false" {
                value = .bool(false)
            } else if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") {
                value = .string(String(raw.dropFirst().dropLast()))
            } else {
                throw ThemeError(message: "line \(index + 1): values are \"strings\", true or false")
            }
            guard !key.isEmpty else { throw ThemeError(message: "line \(index + 1): empty key") }
            result[section.isEmpty ? key : section + "." + key] = value
        }
        return result
    }

    private static func stripComment(_ line: String) -> String {
        var inString = false
        var out = ""
        for character in line {
            if character == "\"" { inString.toggle() }
            if character == "#", !inString { break }
            out.append(character)
        }
        return out
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" || first == "\r" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
