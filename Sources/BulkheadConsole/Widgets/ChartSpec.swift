import BulkheadCore

/// Which columns of a result make a chart: one label column and one or two number columns
/// (revenue by country, orders per month). Decided from the column layouts of the first page.
public struct ChartSpec: Equatable, Sendable {
    /// The most rows a chart draws (a chart of more says less than the table).
    public static let maxRows = 500
    /// The label column.
    public var label: Int
    /// The number columns, one or two.
    public var series: [Int]

    /// The chart of a result, or nil when it does not have that shape.
    public static func make(columns: [String], layouts: [ValueFormatter.Column], rowCount: Int) -> ChartSpec? {
        guard (2...3).contains(columns.count), layouts.count == columns.count, (1...maxRows).contains(rowCount) else { return nil }
        let text = layouts.indices.filter { !layouts[$0].numeric }
        guard text.count <= 1 else { return nil }
        let label = text.first ?? 0
        let series = layouts.indices.filter { $0 != label && layouts[$0].numeric }
        guard (1...2).contains(series.count) else { return nil }
        return ChartSpec(label: label, series: series)
    }

    /// Whether labels read as dates or months (`2024-03`, `2024-03-01`) or years, so a line chart fits.
    public static func isTimeline(_ labels: [String]) -> Bool {
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            let parts = label.prefix(10).split(separator: "-")
            guard let year = parts.first, year.count == 4, year.allSatisfy(\.isNumber) else { return false }
            return parts.dropFirst().allSatisfy { $0.count <= 2 && $0.allSatisfy(\.isNumber) }
        }
    }
}
