/// Turns texts into vectors for a collection.
///
/// A collection records the name and dimension of the embedder it was made with; the store
/// refuses to mix embedders in one collection, since vectors of different models are not
/// comparable even when their lengths agree. Implementations return one vector per text, in
/// order, each `dimension` long; the store normalizes them before they are stored or searched.
public protocol Embedder: Sendable {
    /// A stable name recorded with the collection, such as `hashing-384` or `http:text-embedding-3-small`.
    var name: String { get }
    /// The length of every vector this embedder returns.
    var dimension: Int { get }
    /// One vector per text, in the order of `texts`.
    func embed(_ texts: [String]) async throws -> [[Float]]
}
