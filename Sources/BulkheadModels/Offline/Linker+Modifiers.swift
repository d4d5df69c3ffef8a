/// A lowercase word before a table's noun that spells a value of a table far from it: "the music
/// genres" in a store whose playlists include one named 'Music'. The word qualifies the noun; a
/// condition on rows three keys away is not what it says, so it is not taken for that value (and,
/// naming nothing else, leaves the question to be refused rather than answered through the join).
extension Linker {
    /// Whether the lowercase word at `i` directly modifies the table noun after it while the value
    /// it spells is held by a table more than two keys away from it.
    func modifiesDistantTable(_ i: Int, holder: Int) -> Bool {
        guard !tokens[i].capitalized, !tokens[i].quoted, i + 1 < tokens.count, !tokens[i + 1].quoted, tokens[i + 1].number == nil else { return false }
        let noun = tokens[i + 1].stem
        let named = graph.tables.filter { $0.words.last == noun || (Lexicon.synonyms[noun]?.contains($0.words.last ?? "") ?? false) && $0.words.count == 1 }
        guard !named.isEmpty else { return false }
        return named.allSatisfy { table in !isNear(table.index, holder) }
    }

    /// Whether two tables are at most two keys apart ("seafood suppliers": suppliers, their
    /// products, the products' category); a linking table is a step like any other.
    private func isNear(_ a: Int, _ b: Int) -> Bool {
        var depth = [a: 0]
        var frontier = [a]
        while let table = frontier.first {
            frontier.removeFirst()
            guard let d = depth[table], d < 2 else { continue }
            for (next, _) in graph.neighbours(of: table) where depth[next] == nil {
                depth[next] = d + 1
                frontier.append(next)
            }
        }
        return depth[b] != nil
    }
}
