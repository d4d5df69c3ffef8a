import Foundation
import BulkheadEngine

/// What an evaluation found: execution accuracy overall and by level, and every miss with both results.
public struct EvalReport: Sendable {
    /// The outcome of one question.
    public enum Outcome: String, Sendable {
        /// The answer's rows are the gold's.
        case correct
        /// A refusal where the gold says the question cannot be answered.
        case refusedCorrectly = "refused_correctly"
        /// Rows that are not the gold's.
        case wrong
        /// A refusal (or a failed query) where the gold has an answer.
        case refused
        /// An answer where the gold says a refusal was due: a silently wrong answer.
        case answeredInsteadOfRefusing = "answered_instead_of_refusing"

        public var isCorrect: Bool { self == .correct || self == .refusedCorrectly }
    }

    /// One question's result.
    public struct Item: Sendable {
        public let question: String
        public let level: String
        public let outcome: Outcome
        public let goldSQL: String?
        public let sql: String?
        /// The model's explanation or refusal.
        public let explanation: String
        /// The first rows of each side, for a person to compare.
        public let goldRows: QueryResult?
        public let rows: QueryResult?
    }

    /// Correct answers and questions of one level.
    public struct Tally: Sendable, Hashable {
        public var correct: Int
        public var total: Int
        public var percent: Double { total == 0 ? 0 : Double(correct) * 100 / Double(total) }
    }

    /// A previous run of the same file on the same source, for the change.
    public struct PreviousRun: Sendable, Hashable {
        public let provider: String
        public let model: String
        public let correct: Int
        public let total: Int
        public let createdAt: Date
    }

    public let name: String
    public let source: String
    public let provider: String
    public let model: String
    public let items: [Item]
    public let previous: PreviousRun?
    public let runID: String

    public var total: Tally { Tally(correct: items.filter(\.outcome.isCorrect).count, total: items.count) }

    /// Tallies by level, in the order easy, medium, hard, extra, then others by name.
    public var byLevel: [(level: String, tally: Tally)] {
        var tallies: [String: Tally] = [:]
        for item in items {
            tallies[item.level, default: Tally(correct: 0, total: 0)].total += 1
            if item.outcome.isCorrect { tallies[item.level]!.correct += 1 }
        }
        let known = ["easy", "medium", "hard", "extra"]
        return tallies.keys.sorted { (known.firstIndex(of: $0) ?? 99, $0) < (known.firstIndex(of: $1) ?? 99, $1) }.map { ($0, tallies[$0]!) }
    }

    /// Answers given where a refusal was due.
    public var silentlyWrong: [Item] { items.filter { $0.outcome == .answeredInsteadOfRefusing } }
    public var misses: [Item] { items.filter { !$0.outcome.isCorrect } }
}
