import Foundation
import BulkheadCore

/// One question of an evaluation file, with its gold SQL.
///
/// A file is JSON lines: `question`, `sql` (null when the model should refuse), optional `level`
/// (`easy`, `medium`, `hard`, …), optional `ordered` (row order matters) and optional `after`
/// (earlier questions asked first in the same conversation, for follow-ups).
public struct EvalCase: Sendable, Hashable, Decodable {
    public let question: String
    public let sql: String?
    public let level: String?
    public let ordered: Bool
    public let after: [String]

    public init(question: String, sql: String?, level: String? = nil, ordered: Bool = false, after: [String] = []) {
        self.question = question
        self.sql = sql
        self.level = level
        self.ordered = ordered
        self.after = after
    }

    enum CodingKeys: String, CodingKey { case question, sql, level, ordered, after }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        question = try container.decode(String.self, forKey: .question)
        sql = try container.decodeIfPresent(String.self, forKey: .sql)
        level = try container.decodeIfPresent(String.self, forKey: .level)
        ordered = try container.decodeIfPresent(Bool.self, forKey: .ordered) ?? false
        after = try container.decodeIfPresent([String].self, forKey: .after) ?? []
    }

    /// The cases of a JSON-lines text; a line that is not a case is a usage error naming its number.
    public static func parse(_ text: String) throws -> [EvalCase] {
        var cases: [EvalCase] = []
        let decoder = JSONDecoder()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("//") else { continue }
            guard let parsed = try? decoder.decode(EvalCase.self, from: Data(trimmed.utf8)),
                  !parsed.question.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw BulkheadError.invalidInput("line \(number + 1) is not a JSON object with a question and its sql")
            }
            cases.append(parsed)
        }
        guard !cases.isEmpty else { throw BulkheadError.invalidInput("the file holds no questions") }
        return cases
    }
}
