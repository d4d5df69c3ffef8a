import Foundation

/// A deterministic embedder that needs no network: feature hashing of the text's words and
/// character trigrams.
///
/// Features are word unigrams, word bigrams and character trigrams (of each word padded with
/// spaces, so prefixes and suffixes count). Each feature is hashed with FNV-1a (stable across
/// processes, unlike `hashValue`) to a dimension and a sign (signed hashing keeps collisions from
/// adding up in one direction); its weight is the sublinear term frequency `1 + ln(tf)`, scaled
/// per kind. The vector is L2-normalized, so cosine similarity is a dot product. It is what the
/// assistant uses offline: texts that share words or word pieces land close together.
public struct HashingEmbedder: Embedder {
    /// `hashing-<dimension>`.
    public let name: String
    /// The vector length (384 by default, the size of common small sentence models).
    public let dimension: Int

    /// Makes an embedder with `dimension` outputs.
    public init(dimension: Int = 384) {
        self.dimension = max(8, dimension)
        self.name = "hashing-\(self.dimension)"
    }

    /// Embeds every text; this embedder never fails and never suspends for long.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        texts.map(vector(for:))
    }

    /// The vector of one text, synchronously.
    public func vector(for text: String) -> [Float] {
        let words = Self.words(of: text)
        var counts: [UInt64: (weight: Float, count: Int)] = [:]
        func add(_ feature: UInt64, _ weight: Float) {
            counts[feature, default: (weight, 0)].count += 1
        }
        let unigram = FNV1a.hash("u:".utf8)
        let bigram = FNV1a.hash("b:".utf8)
        let trigram = FNV1a.hash("c:".utf8)
        // The features are hashed straight from the words' UTF-8, byte for byte as the joined or
        // sliced strings would spell them, so no string is made per feature (the hashing ran on
        // every ask, and its allocations were most of its cost).
        for (index, word) in words.enumerated() {
            add(FNV1a.hash(word.utf8, seed: unigram), 1.0)
            if index + 1 < words.count {
                let pair = FNV1a.hash(CollectionOfOne(0x20), seed: FNV1a.hash(word.utf8, seed: bigram))
                add(FNV1a.hash(words[index + 1].utf8, seed: pair), 0.8)
            }
            let padded = [" "] + Array(word.unicodeScalars) + [" "]
            if padded.count >= 3 {
                for start in 0...(padded.count - 3) {
                    var hash = trigram
                    for scalar in padded[start..<(start + 3)] { hash = FNV1a.hash(scalar.utf8, seed: hash) }
                    add(hash, 0.5)
                }
            }
        }
        var vector = [Float](repeating: 0, count: dimension)
        for (feature, entry) in counts {
            let slot = Int(feature % UInt64(dimension))
            let sign: Float = (feature >> 63) == 0 ? 1 : -1
            vector[slot] += sign * entry.weight * (1 + Float(log(Double(entry.count))))
        }
        _ = VectorMath.normalize(&vector)
        return vector
    }

    /// Lowercased runs of letters and digits (Unicode-aware), in order.
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if isAlphanumeric(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// Whether a scalar is in the general categories L*, M* or N*: what `CharacterSet.alphanumerics`
    /// holds, read from the scalar's own properties instead of Foundation's set.
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
