import Foundation
import BulkheadCore

/// JSON encoding shared by the HTTP providers: sorted keys and no escaped slashes, so the same
/// request always gives the same bytes and the inspector's diff shows only real changes.
enum HTTPJSON {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            throw BulkheadError.internalFailure(code: "model-body-encode")
        }
    }

    /// A reply we could not read.
    static let unreadable = BulkheadError.unavailable("the model service's reply could not be read")
}
