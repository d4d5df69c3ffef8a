/// The operator of an installation: the one caller who may create, suspend and delete
/// organizations, put people into them and grant them folders on the server.
///
/// Operator power is never implied by a shell, a role or a flag. An `OperatorPrincipal` is made
/// only by operator-key verification in `BulkheadAuth` (its initializer is `package`-scoped, as
/// ``Principal``'s is), and every operator service call takes one, so the compiler keeps tenant
/// code from reaching an operator action. An operator is not a tenant: it carries no org, and
/// it cannot read any org's data through it.
public struct OperatorPrincipal: Sendable, Hashable, CustomStringConvertible {
    /// The operator's id, recorded with every operator action.
    public let operatorID: OperatorID
    /// A display name for the operator (for example the account that initialized the home).
    public let name: String

    /// Made only by operator-key verification (and by tests inside this package).
    package init(operatorID: OperatorID, name: String) {
        self.operatorID = operatorID
        self.name = name
    }

    /// Ids only, so a log line never carries the name.
    public var description: String { "operator(\(operatorID))" }
}
