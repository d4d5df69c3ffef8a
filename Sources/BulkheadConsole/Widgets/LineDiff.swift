/// A line diff (longest common subsequence), for the inspector's "against the previous request".
public enum LineDiff {
    /// One line of a diff.
    public enum Line: Equatable, Sendable {
        /// In both.
        case same(String)
        /// Only in the new text.
        case added(String)
        /// Only in the old text.
        case removed(String)
    }

    /// The lines of `new` against `old`: common prefix and suffix are matched first, and the
    /// middle by LCS (bounded, so a huge body cannot stall the UI: past the bound the middle is
    /// shown as removed then added).
    public static func diff(old: String, new: String) -> [Line] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let midA = Array(a[prefix..<(a.count - suffix)])
        let midB = Array(b[prefix..<(b.count - suffix)])
        var result = a[..<prefix].map { Line.same($0) }
        if midA.count * midB.count > 4_000_000 {
            result += midA.map { .removed($0) } + midB.map { .added($0) }
        } else {
            result += lcs(midA, midB)
        }
        result += a[(a.count - suffix)...].map { Line.same($0) }
        return result
    }

    private static func lcs(_ a: [String], _ b: [String]) -> [Line] {
        let n = a.count, m = b.count
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var lines: [Line] = []
        var i = 0, j = 0
        while i < n, j < m {
            if a[i] == b[j] {
                lines.append(.same(a[i])); i += 1; j += 1
            } else if table[i + 1][j] >= table[i][j + 1] {
                lines.append(.removed(a[i])); i += 1
            } else {
                lines.append(.added(b[j])); j += 1
            }
        }
        while i < n { lines.append(.removed(a[i])); i += 1 }
        while j < m { lines.append(.added(b[j])); j += 1 }
        return lines
    }
}
