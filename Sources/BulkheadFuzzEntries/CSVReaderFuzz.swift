import BulkheadEngine
import Foundation

/// CSV bytes through the reader: a file is refused as a whole or read to its end, and every item
/// names a line of the file, in order.
enum CSVReaderFuzz {
    static func run(_ data: Data) {
        guard var reader = try? CSVReader(data: data) else { return }
        let lines = data.reduce(into: 1) { count, byte in if byte == 0x0A || byte == 0x0D { count += 1 } }
        var previous = 0
        for item in reader.readAll() {
            let line: Int
            switch item {
            case let .record(at, fields):
                line = at
                precondition(!fields.isEmpty, "a record without fields")
            case let .bad(at, reason):
                line = at
                precondition(!reason.isEmpty, "a bad record without a reason")
            }
            precondition(line >= 1 && line <= lines, "line \(line) is outside the file's \(lines) lines")
            precondition(line > previous, "records out of order")
            previous = line
        }
    }
}
