/// Plain text sought after "mentions": "issues whose title mentions a memory leak".
extension Reading {
    /// "a memory leak" after "mentions": an article, then one to three lowercase words that are
    /// not function words, up to the end of the question or a function word: the text sought in
    /// the column named before, even where the words spell another table's stored value ("a quiz
    /// night" in events' titles, not the campaign named 'Quiz Night'). The words, as typed, and the index after them.
    func plainPhrase(after at: Int) -> (text: String, end: Int)? {
        guard ["a", "an"].contains(word(at) ?? "") else { return nil }
        var words: [String] = []
        var j = at + 1
        while j < tokens.count, words.count < 3, tokens[j].number == nil, !tokens[j].quoted, case let w = tokens[j].lower, !tokens[j].capitalized, !Lexicon.fillers.contains(w), !consumed.contains(j),
              spanCovering(j).map({ spans[$0].isValue ? spans[$0].range.upperBound <= at + 4 : spans[$0].range.count == 1 }) ?? true {
            words.append(tokens[j].text)
            j += 1
        }
        guard !words.isEmpty, j == tokens.count || word(j).map({ Lexicon.fillers.contains($0) }) ?? true else { return nil }
        return (words.joined(separator: " "), j)
    }
}

extension Reading {
    /// "tracks with 'love' in the title" where tracks have a name and albums a title: the text is
    /// sought in the rows' own column that the word names through a synonym, not in another
    /// table's column of that exact name reached by a join.
    mutating func preferOwnTextColumn(_ intent: Intent) {
        guard case .text = intent.kind, let c = intent.columnSpan, let t = intent.tableSpan.flatMap({ spans[$0].table }),
              !spans[c].columns.isEmpty, spans[c].columns.first.map({ $0.table != t }) == true else { return }
        let own = spans[c].columns.filter { $0.table == t && graph.column($0).kind == .text && !graph.column($0).isKey }
        guard own.count == 1 else { return }
        links.prefer(c, own[0])
    }
}
