import BulkheadCore
import Foundation

/// Input checks: every message is our own sentence, never an echo of a stored value.
extension VectorStore {
    static func validate(_ item: VectorItem) throws {
        guard (1...512).contains(item.id.utf8.count), !item.id.utf8.contains(0) else {
            throw BulkheadError.invalidInput("an item id must be 1 to 512 bytes without NUL")
        }
        guard item.text.utf8.count <= 1 << 20 else {
            throw BulkheadError.invalidInput("an item's text must be at most 1 MiB")
        }
        try validate(filter: item.metadata)
    }

    static func validate(filter: [String: String]) throws {
        guard filter.count <= 64 else { throw BulkheadError.invalidInput("at most 64 metadata keys") }
        for (key, value) in filter {
            guard (1...64).contains(key.utf8.count), value.utf8.count <= 1_024,
                  !key.utf8.contains(0), !value.utf8.contains(0) else {
                throw BulkheadError.invalidInput("metadata keys are 1 to 64 bytes and values at most 1024, without NUL")
            }
        }
    }

    /// Checks the length and values of a vector and returns it scaled to unit length.
    static func prepared(_ vector: [Float], dimension: Int, what: String) throws -> [Float] {
        guard vector.count == dimension else {
            throw BulkheadError.invalidInput("\(what) has \(vector.count) dimensions; the collection takes \(dimension)")
        }
        var unit = vector
        guard unit.allSatisfy(\.isFinite), VectorMath.normalize(&unit) else {
            throw BulkheadError.invalidInput("\(what) is all zeros or not finite")
        }
        return unit
    }

    static func encodeMetadata(_ metadata: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(metadata), as: UTF8.self)
    }
}
