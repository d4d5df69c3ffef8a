/// The formats a result can be written in, by the command line (`--format`) and the console's export.
public enum ResultFormat: String, Sendable, CaseIterable, Hashable {
    /// RFC 4180 CSV with a header line; NULL is an empty field, an empty string is `""`.
    case csv
    /// One JSON object per line, keyed by column name; NULL is `null`.
    case jsonLines = "jsonl"
    /// A GitHub-flavored Markdown table; numbers right-aligned, NULL as `∅`.
    case markdown = "md"
    /// One JSON document (the command line's `--json` contract).
    case json
    /// An aligned plain-text table for a terminal.
    case table

    /// The file name extension of an export.
    public var fileExtension: String {
        switch self {
        case .csv: return "csv"
        case .jsonLines: return "jsonl"
        case .markdown: return "md"
        case .json: return "json"
        case .table: return "txt"
        }
    }

    /// The name shown in the export dialog.
    public var title: String {
        switch self {
        case .csv: return "CSV"
        case .jsonLines: return "JSON lines"
        case .markdown: return "Markdown"
        case .json: return "JSON"
        case .table: return "Text table"
        }
    }

    /// The formats the console's export offers.
    public static let exportable: [ResultFormat] = [.csv, .jsonLines, .markdown]
}
