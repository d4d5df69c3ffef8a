import BulkheadCore
import Foundation

/// What adding a person to an organization did.
public enum Enrollment: Sendable, Hashable {
    /// The person is a member now: a new account made with the initial password given, or (for
    /// the operator) an existing account.
    case added(UserID)
    /// A new account waits for its first login: the one-time code is its password once, and that
    /// login must choose the real password. The code is shown once and only its hash is kept.
    case invited(code: String, expiresAt: Date)
    /// The email already has an account: it joins when its holder logs in naming this org with
    /// their own password, so no admin can push an org onto another org's user, and no initial
    /// password of the admin's ever applies to an account the admin did not make.
    case awaitingAcceptance(expiresAt: Date)
}
