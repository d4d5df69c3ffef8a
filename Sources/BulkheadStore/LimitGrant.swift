/// What ``SharedLimits/takeAndAcquire(_:org:rate:burst:_:scope:limit:now:)`` gave: a token and a
/// slot, or the reason it gave neither.
public enum LimitGrant: Sendable, Hashable {
    /// A token was taken and a slot is held (give it back with `release`).
    case granted
    /// No token was left; one comes back in this many whole seconds. No slot was tried.
    case tokenWait(seconds: Int)
    /// A token was taken, but the slots were all held by running processes.
    case slotsFull
}
