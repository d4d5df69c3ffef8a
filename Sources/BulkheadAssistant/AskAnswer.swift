import Foundation
import BulkheadCore
import BulkheadEngine

/// What an ask returns: the SQL, a one-line summary, the first page of rows and the total.
public struct AskAnswer: Sendable, Hashable {
    public let requestID: RequestID
    public let conversationID: ConversationID?
    public let source: String
    public let sql: String
    public let summary: String
    /// Which tables and columns the model chose, in its own words.
    public let explanation: String
    public let columns: [String]
    /// The first page of rows.
    public let rows: [[SQLValue]]
    /// The total number of rows the statement produced.
    public let rowCount: Int

    /// The JSON object of `ask --json` (keys in docs/architecture.md, "The command-line contract").
    public var jsonObject: [String: Any] {
        [
            "request_id": requestID.rawValue,
            "conversation_id": conversationID?.rawValue as Any,
            "source": source,
            "sql": sql,
            "summary": summary,
            "explanation": explanation,
            "columns": columns,
            "rows": rows.map { $0.map(\.jsonValue) },
            "row_count": rowCount,
        ]
    }
}

extension SQLValue {
    /// The value as JSONSerialization takes it: numbers as numbers, NULL as null.
    public var jsonValue: Any {
        switch self {
        case .null: return NSNull()
        case let .integer(value): return value
        case let .real(value): return value
        case let .text(value): return value
        case let .blob(data): return ["base64": data.base64EncodedString()]
        }
    }
}
