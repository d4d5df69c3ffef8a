import Foundation
import Synchronization
import BulkheadAssistant
import BulkheadCore
import BulkheadEngine

/// One console session's window on its answers: pages read through an engine cursor that stays
/// open while the user scrolls forward, searches that scan the whole result, and exports that
/// stream it to a file. Nothing here holds more than a page.
///
/// It belongs to one session (one principal); every cursor is opened for that principal, so a
/// request id of another org is "not found" like a missing one.
final class ResultBrowser: Sendable {
    private struct Open {
        let requestID: String
        let order: ResultOrder?
        let cursor: QueryCursor
    }

    private let open = Mutex<Open?>(nil)
    private let assistant: Assistant
    /// The page size of scans (search, export).
    static let scanPage = 500

    init(assistant: Assistant) {
        self.assistant = assistant
    }

    /// Rows `offset..<offset+limit` of a result: the open cursor moves forward (skipping rows it
    /// does not need without decoding them); going back, or another result or order, opens a new one.
    func page(_ principal: Principal, requestID: String, order: ResultOrder?, offset: Int, limit: Int) throws -> [[SQLValue]] {
        let limit = max(1, min(limit, 1_000))
        return try open.withLock { open -> [[SQLValue]] in
            if let current = open, current.requestID != requestID || current.order != order || current.cursor.rowsRead > offset {
                current.cursor.close()
                open = nil
            }
            if open == nil {
                open = Open(requestID: requestID, order: order,
                            cursor: try assistant.openResult(principal, requestID: requestID, order: order))
            }
            guard let cursor = open?.cursor else { return [] }
            do {
                try cursor.skip(max(0, offset - cursor.rowsRead))
                guard cursor.rowsRead == offset else { return [] }
                return try cursor.nextPage(limit)
            } catch {
                cursor.close()
                open = nil
                throw error
            }
        }
    }

    /// Closes the open cursor (a new answer, a logout), giving its statement slot back.
    func close() {
        open.withLock { open in
            open?.cursor.close()
            open = nil
        }
    }

    /// The first row at or after `from` (at or before it, backwards) holding `text` in a cell,
    /// wrapping around the end; nil when no row does. One scan of the whole result at most.
    func search(_ principal: Principal, requestID: String, order: ResultOrder?, text: String, from: Int, forward: Bool) throws -> Int? {
        let needle = text.lowercased()
        guard !needle.isEmpty else { return nil }
        let cursor = try assistant.openResult(principal, requestID: requestID, order: order)
        defer { cursor.close() }
        var index = 0
        var firstMatch: Int?, lastBefore: Int?, lastMatch: Int?
        while true {
            let page = try cursor.nextPage(Self.scanPage)
            if page.isEmpty { break }
            for row in page {
                if Self.matches(row, needle) {
                    if forward {
                        if index >= from { return index }
                        if firstMatch == nil { firstMatch = index }
                    } else {
                        if index <= from { lastBefore = index }
                        lastMatch = index
                    }
                }
                index += 1
            }
        }
        return forward ? firstMatch : (lastBefore ?? lastMatch)
    }

    static func matches(_ row: [SQLValue], _ needle: String) -> Bool {
        row.contains { value in
            let display = value.display
            return ValueFormatter.text(display).lowercased().contains(needle) || ValueFormatter.plain(display).lowercased().contains(needle)
        }
    }

    /// Writes the whole result in `format` to `file` (already created, empty), a page at a time;
    /// returns the rows written.
    func export(_ principal: Principal, requestID: String, order: ResultOrder?, format: ResultFormat, to handle: FileHandle) throws -> Int {
        let cursor = try assistant.openResult(principal, requestID: requestID, order: order)
        defer { cursor.close() }
        var encoder: ResultEncoder?
        var rows = 0
        while true {
            let page = try cursor.nextPage(Self.scanPage).map { $0.map(\.display) }
            if encoder == nil {
                let made = ResultEncoder(format: format, columns: cursor.columns, sample: page)
                try handle.write(contentsOf: Data(made.header().utf8))
                encoder = made
            }
            guard let encoder, !page.isEmpty else { break }
            var chunk = ""
            for row in page { chunk += encoder.line(row) }
            try handle.write(contentsOf: Data(chunk.utf8))
            rows += page.count
        }
        return rows
    }
}
