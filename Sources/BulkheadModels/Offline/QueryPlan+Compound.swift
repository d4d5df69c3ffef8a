/// Statements combined by a set operation: "artists with songs in both Rock and Metal" is the
/// artists of the Rock songs INTERSECT the artists of the Metal songs.
extension QueryPlan {
    /// One more statement and the operation (INTERSECT, EXCEPT) that combines it with the ones before.
    struct SetPart: Equatable {
        let operation: String
        let plan: QueryPlan
    }
}
