/// One item to add to a collection: an id, its text, metadata for filters, and either a vector
/// or nothing (then the collection's embedder embeds the text).
///
/// The assistant stores its schema descriptions, notes and examples this way, with metadata
/// such as `kind=table` and `source=chinook` so that a search can be narrowed, and so that removing
/// a source removes exactly its vectors.
public struct VectorItem: Sendable, Hashable {
    /// The caller's id, unique within the collection; adding an existing id replaces it.
    public var id: String
    /// The text the vector stands for, returned with search hits.
    public var text: String
    /// Equality-filterable attributes.
    public var metadata: [String: String]
    /// The vector, or nil to embed `text` with the collection's embedder.
    public var vector: [Float]?

    /// Makes an item.
    public init(id: String, text: String, metadata: [String: String] = [:], vector: [Float]? = nil) {
        self.id = id
        self.text = text
        self.metadata = metadata
        self.vector = vector
    }
}

/// One search result.
public struct VectorHit: Sendable, Hashable {
    /// The item's id.
    public let id: String
    /// Cosine similarity to the query, in [-1, 1]; bigger is closer.
    public let score: Float
    /// The item's text.
    public let text: String
    /// The item's metadata.
    public let metadata: [String: String]
}

/// A stored item as `get` returns it.
public struct VectorRecord: Sendable, Hashable {
    /// The item's id.
    public let id: String
    /// The item's text.
    public let text: String
    /// The item's metadata.
    public let metadata: [String: String]
    /// The stored (unit-length) vector.
    public let vector: [Float]
}

/// What a search looks for: a vector, or a text the collection's embedder turns into one.
public enum VectorQuery: Sendable, Hashable {
    /// A query vector of the collection's dimension (normalized by the store).
    case vector([Float])
    /// A text to embed with the collection's embedder.
    case text(String)
}

/// A collection as the store records it.
public struct VectorCollectionInfo: Sendable, Hashable {
    /// The collection's name, unique within its org.
    public let name: String
    /// The name of the embedder its vectors come from.
    public let embedder: String
    /// The length of its vectors.
    public let dimension: Int
    /// How many items it holds.
    public let count: Int
}
