import Synchronization

/// A cancel button for one running statement, safe to press from any thread.
///
/// The console's Ctrl+C runs on the UI thread while the statement runs elsewhere; the sandbox's
/// progress handler reads this flag every few thousand SQLite instructions and stops the
/// statement, which then fails with `BulkheadError.cancelled`.
public final class QueryCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Makes a cancel button that has not been pressed.
    public init() {}

    /// Asks the running statement to stop as soon as possible.
    public func cancel() { flag.store(true, ordering: .releasing) }

    /// True once `cancel()` has been called.
    public var isCancelled: Bool { flag.load(ordering: .acquiring) }
}
