/// Conditions joined by "or": either holds, not both.
extension Reading {
    /// "discovered after 1900 or with no year": conditions of two intents with "or" between them
    /// hold either, not both ("in Brazil or Canada" was already made one IN list).
    func joinAlternatives(_ plan: inout QueryPlan, _ produced: [(at: Int, range: Range<Int>)]) {
        let ors = tokens.indices.filter { tokens[$0].lower == "or" && !consumed.contains($0) && spanCovering($0) == nil }
        guard !ors.isEmpty else { return }
        let ordered = produced.sorted { $0.at < $1.at }
        var merged: [(range: Range<Int>, alternatives: [[QueryPlan.Condition]])] = []
        for (index, current) in ordered.enumerated() where index > 0 && !current.range.isEmpty {
            let previous = ordered[index - 1]
            guard !previous.range.isEmpty, ors.contains(where: { $0 > previous.at && $0 < current.at }) else { continue }
            let first = Array(plan.conditions[previous.range])
            let second = Array(plan.conditions[current.range])
            merged.append((previous.range.lowerBound..<current.range.upperBound, [first, second]))
        }
        for item in merged.reversed() where item.range.upperBound <= plan.conditions.count {
            plan.conditions.replaceSubrange(item.range, with: [.anyOf(item.alternatives)])
        }
    }
}
