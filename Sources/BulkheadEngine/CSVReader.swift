import BulkheadCore
import Foundation

/// An RFC 4180 CSV reader over UTF-8 bytes that reports every bad record with its line number.
///
/// Fields are separated by commas and records by LF or CRLF; a field in double quotes may hold
/// commas, line breaks and doubled quotes (`""`). A leading UTF-8 byte order mark is skipped.
/// A file with NUL bytes (binary) or invalid UTF-8 is refused before any record is read. A
/// record that breaks the rules (text after a closing quote, a quote never closed) is returned
/// as `.bad` with the line it starts on, never dropped in silence. Blank lines carry no data and
/// are skipped.
public struct CSVReader: Sendable {
    /// One item of the file: a good record or a bad one.
    public enum Item: Sendable, Hashable {
        /// A record and the line (from 1) it starts on.
        case record(line: Int, fields: [String])
        /// A record that could not be read, the line it starts on and why.
        case bad(line: Int, reason: String)
    }

    private let bytes: [UInt8]
    private var index: Int
    private var line = 1

    /// Checks that `data` is UTF-8 text and prepares to read it.
    public init(data: Data) throws {
        if data.contains(0) {
            throw BulkheadError.invalidInput("the file looks binary (it contains NUL bytes); a CSV source must be UTF-8 text")
        }
        guard String(validating: data, as: UTF8.self) != nil else {
            throw BulkheadError.invalidInput("the file is not valid UTF-8 text; save it as UTF-8 and add it again")
        }
        bytes = Array(data)
        index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Reads every item of the file.
    public mutating func readAll() -> [Item] {
        var items: [Item] = []
        while let item = next() { items.append(item) }
        return items
    }

    /// The next record (good or bad), or nil at the end of the file.
    public mutating func next() -> Item? {
        while index < bytes.count, isLineBreak(bytes[index]) { consumeLineBreak() }
        guard index < bytes.count else { return nil }
        let start = line
        var fields: [String] = []
        var field: [UInt8] = []
        var problem: String?
        while true {
            if index >= bytes.count {
                fields.append(text(field))
                break
            }
            let byte = bytes[index]
            if byte == 0x22 && field.isEmpty {
                index += 1
                var closed = false
                while index < bytes.count {
                    let inner = bytes[index]
                    if inner == 0x22 {
                        if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
                            field.append(0x22)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if inner == 0x0A { line += 1 }
                    field.append(inner)
                    index += 1
                }
                if !closed {
                    return .bad(line: start, reason: "a quoted field is never closed")
                }
                if index < bytes.count, bytes[index] != 0x2C, !isLineBreak(bytes[index]) {
                    problem = "text after a closing quote"
                    while index < bytes.count, !isLineBreak(bytes[index]) { index += 1 }
                }
                continue
            }
            if byte == 0x2C {
                fields.append(text(field))
                field.removeAll(keepingCapacity: true)
                index += 1
                if index >= bytes.count || isLineBreak(bytes[index]) {
                    fields.append("")
                    if index < bytes.count { consumeLineBreak() }
                    break
                }
                continue
            }
            if isLineBreak(byte) {
                fields.append(text(field))
                consumeLineBreak()
                break
            }
            field.append(byte)
            index += 1
        }
        if let problem { return .bad(line: start, reason: problem) }
        return .record(line: start, fields: fields)
    }

    private func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    private mutating func consumeLineBreak() {
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        index += 1
        line += 1
    }

    private func text(_ field: [UInt8]) -> String { String(decoding: field, as: UTF8.self) }
}
