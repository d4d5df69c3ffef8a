import Foundation

/// Writes a result row by row in one of the streaming formats (CSV, JSON lines, Markdown), so an
/// export of a million rows never holds more than the page being written.
///
/// Text goes out exactly as stored (CSV and JSON carry full precision through
/// `ValueFormatter.plain`); Markdown is for people and uses `ValueFormatter.text`.
public struct ResultEncoder: Sendable {
    /// The format written.
    public let format: ResultFormat
    /// The column names.
    public let columns: [String]
    /// Column layouts (alignment and decimals) for the Markdown table, from a sample of rows.
    public let layouts: [ValueFormatter.Column]
    private let keys: [String]

    /// Makes an encoder; `sample` (the first page) decides Markdown's alignment and decimals.
    public init(format: ResultFormat, columns: [String], sample: [[DisplayValue]] = []) {
        self.format = format
        self.columns = columns
        layouts = ValueFormatter.columns(count: columns.count, rows: sample)
        var seen: [String: Int] = [:]
        keys = columns.map { name in
            let count = (seen[name] ?? 0) + 1
            seen[name] = count
            return count == 1 ? name : "\(name):\(count)"
        }
    }

    /// What comes before the first row (CSV's header, Markdown's header and rule), with its newline.
    public func header() -> String {
        switch format {
        case .csv:
            return columns.map(Self.csvField).joined(separator: ",") + "\r\n"
        case .markdown:
            let names = "| " + columns.map(Self.markdownCell).joined(separator: " | ") + " |\n"
            let rule = "|" + layouts.map { $0.numeric ? " ---: |" : " --- |" }.joined() + "\n"
            return names + rule
        case .jsonLines, .json, .table:
            return ""
        }
    }

    /// One row, with its line ending.
    public func line(_ row: [DisplayValue]) -> String {
        switch format {
        case .csv:
            return row.map { value in
                if case .null = value { return "" }
                let text = ValueFormatter.plain(value)
                return text.isEmpty ? "\"\"" : Self.csvField(text)
            }.joined(separator: ",") + "\r\n"
        case .markdown:
            let cells = row.enumerated().map { index, value in
                Self.markdownCell(ValueFormatter.text(value, in: index < layouts.count ? layouts[index] : .text))
            }
            return "| " + cells.joined(separator: " | ") + " |\n"
        case .jsonLines, .json:
            var object: [String: Any] = [:]
            for (index, key) in keys.enumerated() {
                object[key] = index < row.count ? Self.jsonValue(row[index]) : NSNull()
            }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self) + "\n"
        case .table:
            return row.map { ValueFormatter.text($0) }.joined(separator: "\t") + "\n"
        }
    }

    /// A value as `JSONSerialization` takes it: numbers as numbers, NULL as null, bytes as `{"base64": …}`.
    public static func jsonValue(_ value: DisplayValue) -> Any {
        switch value {
        case .null: return NSNull()
        case let .integer(integer): return integer
        case let .real(real): return real.isFinite ? real as Any : NSNull()
        case let .text(text): return text
        case let .blob(data): return ["base64": data.base64EncodedString()]
        }
    }

    /// A CSV field, quoted when it holds a comma, a quote, a line break or edge spaces.
    static func csvField(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || text.first == " " || text.last == " "
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// A Markdown table cell: pipes and backslashes escaped, line breaks as `<br>`.
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
            .replacingOccurrences(of: "\r", with: "<br>")
    }
}
