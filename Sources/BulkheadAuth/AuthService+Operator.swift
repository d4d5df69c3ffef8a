import BulkheadCore
import BulkheadStore
import Foundation

extension AuthService {
    /// Makes the installation's operator when it has none, writing the key to `operator.key` in the home.
    ///
    /// Called when a home is opened, so every home has exactly one way in for its operator from
    /// the start, and so a home made by an older Bulkhead gets one on upgrade. When an operator
    /// exists already, nothing happens (the key may have been moved out of the home, as it should).
    ///
    /// - Returns: the key file's location when this call created it, so the command that
    ///   initialized the home can say where it is; nil otherwise.
    @discardableResult
    public func ensureOperator(name: String = "operator") throws -> URL? {
        let existing = try read("auth-operator-count") { try $0.operatorCount() }
        guard existing == 0 else { return nil }
        let url = workspace.privateFileURL(OperatorKey.fileName)
        let (key, created) = try PrivateKeyFile.loadOrCreate(
            at: url, in: workspace, purpose: "operator key",
            make: {
                let key = OperatorKey.make(random: random)
                return (Data(key.text.utf8), key)
            },
            decode: { OperatorKey(text: String(decoding: $0, as: UTF8.self)) })
        let inserted = try write("auth-operator-create") { tx -> Bool in
            guard try tx.operatorCount() == 0 else { return false }
            try tx.insertOperator(key.operatorID, name: name, keyDigest: key.digest, at: clock.now())
            return true
        }
        if inserted {
            securityEvent("operator_created", detail: "key_file=\(OperatorKey.fileName)", actor: .operator(key.operatorID))
        }
        return created && inserted ? url : nil
    }

    /// Verifies an operator key (the text of the key file) and makes the ``OperatorPrincipal``.
    ///
    /// A missing, malformed, unknown, revoked or wrong key all answer `operatorRequired`, after a
    /// security event that says which, so an operator command never tells a guesser anything.
    public func verifyOperator(keyText: String?) throws -> OperatorPrincipal {
        guard enforcing else { return OperatorPrincipal(operatorID: OperatorID(rawValue: "opr-unchecked")!, name: "unchecked") }
        guard let keyText, let key = OperatorKey(text: keyText) else {
            return try rejectOperator(reason: keyText == nil ? "no_key" : "malformed")
        }
        let row = try read("auth-operator-verify") { try $0.operatorRecord(key.operatorID) }
        guard let row else { return try rejectOperator(reason: "unknown_operator") }
        guard !row.revoked else { return try rejectOperator(reason: "revoked") }
        guard PasswordHasher.constantTimeEqual(Array(row.keyDigest.utf8), Array(key.digest.utf8)) else {
            return try rejectOperator(reason: "wrong_key")
        }
        return OperatorPrincipal(operatorID: key.operatorID, name: row.name)
    }

    /// The operator, for the first run of a fresh installation only: while no organization exists,
    /// whoever initializes the home (the demo, the console's first run) acts as its operator,
    /// because there is nothing yet to protect. Once any org exists this returns nil and operator
    /// actions need the key.
    public func bootstrapOperator() throws -> OperatorPrincipal? {
        let row = try read("auth-operator-bootstrap") { tx -> OperatorRecord? in
            guard try tx.organizationCount() == 0 else { return nil }
            return try tx.firstActiveOperator()
        }
        guard let row else { return nil }
        let principal = OperatorPrincipal(operatorID: row.id, name: row.name)
        operatorAction(principal, "operator_bootstrap", detail: "fresh_home=1")
        return principal
    }

    /// Replaces the operator's key: the old one stops verifying at once. Returns the new key's text
    /// for the caller to store (it is not written anywhere by this call).
    public func rotateOperatorKey(by caller: OperatorPrincipal) throws -> String {
        let key = OperatorKey.make(random: random)
        try control.write(.operator, "auth-operator-rotate") { tx in
            try tx.revokeOperator(caller.operatorID, at: clock.now())
            try tx.insertOperator(key.operatorID, name: caller.name, keyDigest: key.digest, at: clock.now())
        }
        operatorAction(caller, "operator_key_rotated", detail: "new_operator=\(key.operatorID)")
        return key.text
    }

    /// Records an operator action as a security event naming the operator.
    func operatorAction(_ caller: OperatorPrincipal, _ kind: String, org: OrgID? = nil, user: UserID? = nil, detail: String = "") {
        securityEvent(kind, org: org, user: user, detail: detail, actor: .operator(caller.operatorID))
    }

    private func rejectOperator(reason: String) throws -> OperatorPrincipal {
        securityEvent("operator_key_rejected", detail: "reason=\(reason)", actor: .anonymous)
        throw BulkheadError.operatorRequired
    }
}
