import ArgumentParser
import Foundation
import BulkheadCore
import BulkheadEngine

/// `--json` and `--format csv|json|table` of the commands that print a result (`query`, `ask`).
///
/// `--json` is the command-line contract's one JSON document and stays as it was;
/// `--format json` is the same document. `csv` streams every row of the result through a
/// cursor (never the whole result in memory); `table` is the aligned text table.
struct ResultOutput: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document on stdout and nothing else (same as --format json).")
    var json = false

    @Option(name: .long, help: "csv (every row, streamed), json (the --json document) or table (the default).",
            transform: ResultOutput.parseFormat)
    var format: ResultFormat?

    /// The format to print in.
    var resolved: ResultFormat { json ? .json : (format ?? .table) }

    mutating func validate() throws {
        if json, let format, format != .json {
            throw ValidationError("--json and --format \(format.rawValue) cannot be used together")
        }
    }

    static func parseFormat(_ text: String) throws -> ResultFormat {
        guard let format = ResultFormat(rawValue: text.lowercased()), [.csv, .json, .table].contains(format) else {
            throw ValidationError("--format must be csv, json or table")
        }
        return format
    }

    /// Writes every row of `cursor` as CSV on stdout, a page at a time, and closes it.
    static func streamCSV(columns: [String], cursor: QueryCursor, pageSize: Int = 500) throws {
        defer { cursor.close() }
        var encoder: ResultEncoder?
        let out = FileHandle.standardOutput
        while true {
            let page = try cursor.nextPage(pageSize).map { $0.map(\.display) }
            if encoder == nil {
                let made = ResultEncoder(format: .csv, columns: columns, sample: page)
                out.write(Data(made.header().utf8))
                encoder = made
            }
            guard let encoder, !page.isEmpty else { break }
            var chunk = ""
            for row in page { chunk += encoder.line(row) }
            out.write(Data(chunk.utf8))
        }
    }
}
