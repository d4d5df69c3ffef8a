/// How a session was opened.
public enum SessionKind: String, Sendable, Hashable {
    /// A password login (`bulkhead login`, the console's login screen).
    case password
    /// An SSH key, by `bulkhead serve`.
    case ssh
}
