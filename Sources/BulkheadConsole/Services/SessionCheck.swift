/// The answer to the console's periodic "am I still logged in?" (``Effect/checkSession``).
public enum SessionCheck: Equatable, Sendable {
    /// The session still stands (or there is none to check).
    case valid
    /// It ended (expired, revoked, removed from the org, role changed, key removed, org suspended):
    /// the sentence says which, and the console goes back to the login screen with it.
    case ended(String)
}
