/// Verbs that name a foreign key or a column through English morphology: "assigned" names
/// `assignee_id` (the one a thing is assigned to), "reported" names `reporter_id`, "picked up"
/// names `pickup_date`. The schema names the role with a noun made from the verb; the question
/// uses the verb.
extension Linker {
    /// Particles that make a phrasal verb whose noun is written as one word ("pick up" → pickup,
    /// "drop off" → dropoff, "check in" → checkin, "sign up" → signup).
    static let particles: Set<String> = ["up", "off", "in", "out", "on", "over", "down", "back"]

    /// Whether the two tokens of `range` are a verb and its particle ("picked up", "signed up"),
    /// which a schema may write as one word.
    func isPhrasalVerb(_ range: Range<Int>) -> Bool {
        guard range.count == 2 else { return false }
        let verb = tokens[range.lowerBound], particle = tokens[range.upperBound - 1]
        guard Self.particles.contains(particle.lower), verb.number == nil, !verb.quoted, verb.lower.count > 2,
              verb.lower.allSatisfy(\.isLetter), !Self.isQuestionWord(verb.lower), !Lexicon.fillers.contains(verb.lower) else { return false }
        return verb.lower.hasSuffix("ed") || verb.lower.hasSuffix("ing") || WordNetForms.irregular[verb.lower] != nil
    }

    /// The stems of the verbs a role noun is made from: the one something is done to ("assignee"
    /// → assign) or the one who does it ("reporter" → report, "supervisor" → supervise). Empty for
    /// a word that is no such noun ("lead" is its own verb, met by its stem).
    static func verbStems(ofRoleNoun noun: String) -> [String] {
        let w = noun.lowercased()
        guard w.count > 5, w.allSatisfy(\.isLetter) else { return [] }
        var found: [String] = []
        for suffix in ["ee", "er", "or"] where w.hasSuffix(suffix) {
            let verb = String(w.dropLast(suffix.count))
            for form in [verb, verb + "e"] where form.count > 3 {
                let stem = Lexicon.stem(form)
                if stem != Lexicon.stem(w), !found.contains(stem) { found.append(stem) }
            }
        }
        return found
    }
}

extension Reading {
    /// The one-word nouns of the question's phrasal verbs ("picked up" → pickup), as stems, so a
    /// column named with the noun (`pickup_date`) shares a word with the question.
    var phrasalCompounds: Set<String> {
        Set(tokens.indices.dropLast().filter { links.isPhrasalVerb($0..<($0 + 2)) }.map { Lexicon.stem(tokens[$0].stem + tokens[$0 + 1].lower) })
    }

    /// The question's phrasal verbs as stems ("checked out" → check, out).
    var phrasalPairs: Set<[String]> {
        Set(tokens.indices.dropLast().filter { links.isPhrasalVerb($0..<($0 + 2)) }.map { [tokens[$0].stem, tokens[$0 + 1].lower] })
    }

    /// The date column the question's words name ("hired" → hire_date, "checked out" → check_out):
    /// the most words shared with the question, where a particle counts only in the phrasal verb it
    /// makes ("checked out" is not `check_in`); the first of the best, nil when none shares a word.
    func namedDate(_ candidates: [SchemaGraph.ColumnRef], questionStems: Set<String>) -> SchemaGraph.ColumnRef? {
        let pairs = phrasalPairs
        var best: (ref: SchemaGraph.ColumnRef, score: Int)?
        for ref in candidates {
            let words = graph.column(ref).words
            var score = words.filter { questionStems.contains($0) && $0 != "dat" && !Linker.particles.contains($0) }.count
            if zip(words, words.dropFirst()).contains(where: { pairs.contains([$0, $1]) }) { score += 1 }
            if score > 0, score > best?.score ?? 0 { best = (ref, score) }
        }
        return best?.ref
    }
}
