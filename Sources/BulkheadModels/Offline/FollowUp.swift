/// Follow-up questions that lean on the conversation: "and in 2024?", "what about Germany?",
/// "and per month?". The previous question is rewritten with the new date or value in place of
/// the old one (or with the new words added), then planned as a whole question.
enum FollowUp {
    private static let leads: [[String]] = [["and", "what", "about"], ["what", "about"], ["how", "about"], ["and", "how", "about"],
                                            ["and", "for"], ["and", "in"], ["and"], ["same", "for"], ["now", "for"], ["then", "for"], ["what", "if"]]

    /// The question the follow-up continues: the last answered turn's, when this one is elliptical.
    static func previousQuestion(for tokens: [QuestionText.Token], history: [Turn], planner: Planner) -> String? {
        guard let last = history.last(where: { $0.sql != nil }) else { return nil }
        let words = tokens.map(\.lower)
        let startsAsFollowUp = leads.contains { lead in words.starts(with: lead) && words.count > lead.count }
        let tableStems = Set(planner.graph.tables.flatMap(\.words))
        let namesTable = tokens.contains { tableStems.contains($0.stem) }
        guard startsAsFollowUp || tokens.count <= 4 && !namesTable else { return nil }
        return last.question
    }

    /// The previous question rewritten with the follow-up's dates or values, then read.
    static func merge(_ tokens: [QuestionText.Token], into previous: String, planner: Planner) throws -> Reading {
        var fragment = tokens
        for lead in leads where fragment.map(\.lower).starts(with: lead) && fragment.count > lead.count {
            fragment.removeFirst(lead.count)
            break
        }
        var base = QuestionText(previous).tokens
        var additions: [QuestionText.Token] = []
        let years = fragment.filter(isYear)
        let fragmentLinks = Linker(tokens: fragment, graph: planner.graph, terms: planner.terms)
        let baseLinks = Linker(tokens: base, graph: planner.graph, terms: planner.terms)
        var handled: Set<Int> = []
        if !years.isEmpty {
            let positions = base.indices.filter { isYear(base[$0]) }
            if !positions.isEmpty {
                for (offset, position) in positions.enumerated() { base[position] = years[min(offset, years.count - 1)] }
                handled.formUnion(fragment.indices.filter { isYear(fragment[$0]) })
                // "in", "during" before the year in the fragment are implied by the old question.
                handled.formUnion(fragment.indices.filter { ["in", "during", "for", "of", "from"].contains(fragment[$0].lower) && fragment.indices.contains($0 + 1) && isYear(fragment[$0 + 1]) })
            }
        }
        // "And in February?" after a question about January: the new month in place of the old one.
        let months = fragment.filter(isMonth)
        let monthPositions = base.indices.filter { isMonth(base[$0]) && ($0 > 0 || base[$0].lower != "may") }
        if !months.isEmpty, !monthPositions.isEmpty {
            for (offset, position) in monthPositions.enumerated() { base[position] = months[min(offset, months.count - 1)] }
            handled.formUnion(fragment.indices.filter { isMonth(fragment[$0]) })
            handled.formUnion(fragment.indices.filter { ["in", "during", "for", "of", "from"].contains(fragment[$0].lower) && fragment.indices.contains($0 + 1) && isMonth(fragment[$0 + 1]) })
        }
        var replacements: [(range: Range<Int>, tokens: [QuestionText.Token])] = []
        // "And which have fewer than 20?" after "… more than 300 tracks": the new comparison in place of the old, on the same measure.
        if let new = comparison(in: fragment), let old = comparison(in: base) {
            replacements.append((old, Array(fragment[new])))
            handled.formUnion(new)
        }
        for span in fragmentLinks.spans {
            guard case let .value(_, columns) = span.meaning else { continue }
            if let old = baseLinks.spans.first(where: { old in
                if case let .value(_, oldColumns) = old.meaning { return !Set(oldColumns).isDisjoint(with: columns) }
                return false
            }) {
                replacements.append((old.range, Array(fragment[span.range])))
                handled.formUnion(span.range)
            }
        }
        for replacement in replacements.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            base.replaceSubrange(replacement.range, with: replacement.tokens)
        }
        for (i, token) in fragment.enumerated() where !handled.contains(i) { additions.append(token) }
        // Leftover words are added: "and per month?" keeps "per month".
        if !additions.allSatisfy({ Lexicon.fillers.contains($0.lower) }) { base += additions }
        var reading = try Reading(tokens: base, planner: planner)
        reading.notes.append("read as a follow-up of \"\(previous)\"")
        return reading
    }

    /// A comparison with a number ("more than 300", "fewer than 20"): the range of its words.
    private static func comparison(in tokens: [QuestionText.Token]) -> Range<Int>? {
        for i in tokens.indices where Lexicon.comparatives[tokens[i].lower] != nil {
            if i + 2 < tokens.count, tokens[i + 1].lower == "than", tokens[i + 2].number != nil { return i..<(i + 3) }
            if i + 1 < tokens.count, tokens[i + 1].number != nil { return i..<(i + 2) }
        }
        return nil
    }

    /// A month named in full or capitalised ("February", "Feb"), never the modal "may" in lowercase.
    private static func isMonth(_ token: QuestionText.Token) -> Bool {
        Lexicon.months[token.lower] != nil && token.capitalized && !token.quoted
    }

    private static func isYear(_ token: QuestionText.Token) -> Bool {
        guard let n = token.number else { return false }
        return n == n.rounded() && n >= 1000 && n <= 2999
    }
}
