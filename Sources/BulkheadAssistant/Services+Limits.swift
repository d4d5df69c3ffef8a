import BulkheadAuth
import BulkheadCore
import BulkheadStore

extension Services {
    /// Sets (or with nil removes) an organization's own rate and concurrency limits (operator).
    ///
    /// The override lives in the control plane, so every process serving the org (each SSH session's
    /// console, scripts, the command line) holds the org to the same numbers within seconds.
    /// - Returns: the org's id and the limits it now has.
    public func setOrgLimits(_ name: String, _ limits: RateLimits?, credentials: CallerCredentials) async throws -> (OrgID, RateLimits) {
        let caller = try await requireOperator(credentials, action: "org.limits")
        let org = try auth.organizationID(named: name, by: caller)
        try engine.rateLimiter.setLimits(limits, for: org)
        recordOperatorAction(caller, "operator_org_limits", org: org, detail: limits == nil ? "reset=1" : "set=1")
        return (org, try engine.rateLimiter.limits(for: org))
    }

    /// An organization's limits as they stand (operator).
    public func orgLimits(_ name: String, credentials: CallerCredentials) async throws -> (OrgID, RateLimits) {
        let caller = try await requireOperator(credentials, action: "org.limits")
        let org = try auth.organizationID(named: name, by: caller)
        return (org, try engine.rateLimiter.limits(for: org))
    }
}
