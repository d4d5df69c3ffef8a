import BulkheadCore
import BulkheadStore
import Logging

/// The last check before anything leaves the process: every fragment must be the caller's org's.
///
/// It does not trust the builder. It reads the provenance of each fragment and the owner of the
/// conversation, and on any mismatch nothing is sent: the request fails with `.firewall` and a
/// security event is written.
public struct ContextFirewall: Sendable {
    /// The verdict stored in the request log.
    public enum Verdict: String, Sendable, Codable {
        case passed
        case blocked
    }

    private let events: any SecurityEventRecorder
    /// Test seam: the audit proves the suite can fail by switching the firewall off.
    package let enabled: Bool
    private let logger = Logger(label: "bulkhead.firewall")

    public init(events: any SecurityEventRecorder) {
        self.init(events: events, enabled: true)
    }

    package init(events: any SecurityEventRecorder, enabled: Bool) {
        self.events = events
        self.enabled = enabled
    }

    /// Throws `.firewall` unless every fragment belongs to the principal's org and the
    /// conversation (when there is one) belongs to the principal.
    public func check(_ context: PromptContext, principal: Principal, conversationOwner: (org: OrgID, user: UserID)?) throws {
        guard enabled else { return }
        let foreign = context.fragments.filter { $0.provenance.orgID != principal.orgID }
        let conversationOK = conversationOwner.map { $0.org == principal.orgID && $0.user == principal.userID } ?? true
        guard foreign.isEmpty, context.orgID == principal.orgID, conversationOK else {
            let kinds = Set(foreign.map(\.provenance.kind.rawValue)).sorted().joined(separator: ",")
            events.record(SecurityEvent(kind: "firewall_block", orgID: principal.orgID, userID: principal.userID,
                                        detail: "foreign fragments: \(foreign.count) [\(kinds)]; conversation ok: \(conversationOK)"))
            logger.warning("firewall blocked a request", metadata: ["org": "\(principal.orgID)", "foreign": "\(foreign.count)"])
            throw BulkheadError.firewall
        }
    }
}
