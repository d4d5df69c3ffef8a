import Foundation
import BulkheadCore

extension AuditWorld {
    /// Records that `viewer` saw `value` and fails when it carries anything of the other org.
    ///
    /// `echo` lists strings the viewer itself supplied (a reference it typed), which an answer
    /// may repeat without leaking anything.
    @discardableResult
    func observe<T>(_ viewer: AuditTenant, _ value: T, _ what: String, echo: [String] = [], input: String? = nil) throws -> T {
        let text = String(describing: value)
        transcript.record(viewer.side, .output, text)
        recordEvidence(viewer, input: input ?? echo.first ?? what, refusal: "", code: nil)
        try leakCheck(text, viewer: viewer, what: what, echo: echo)
        return value
    }

    /// Records what `viewer` tried and met for the replay (the first attempt of a pattern wins).
    func recordEvidence(_ viewer: AuditTenant, input: String, refusal: String, code: String?) {
        let victim = self.victim(of: viewer)
        let attacked = evidence.layer ?? .auth
        evidence.record(AuditEvidence(
            attacker: "tenant \(viewer.side.rawValue) (\(viewer.orgName))",
            target: "tenant \(victim.side.rawValue) (\(victim.orgName))",
            input: input, stoppedBy: code.map { Self.layer(stopping: $0, attacked: attacked) } ?? attacked,
            refusal: refusal, canary: victim.canary))
    }

    /// The layer whose safeguard answers with `code`; codes any layer may give keep the attacked one.
    static func layer(stopping code: String, attacked: AuditLayer) -> AuditLayer {
        switch code {
        case "not_authenticated", "invalid_credentials", "locked_out": return .auth
        case "sql_refused", "sql_failed", "time_limit": return .engine
        case "integrity": return .tenantData
        case "firewall": return .context
        case "rate_limited": return .rateLimits
        default: return attacked
        }
    }

    /// Fails when `text`, which `viewer` saw, names the other org or carries its canary or paths.
    func leakCheck(_ text: String, viewer: AuditTenant, what: String, echo: [String] = []) throws {
        let victim = self.victim(of: viewer)
        var scrubbed = text
        for supplied in echo where !supplied.isEmpty {
            scrubbed = scrubbed.replacingOccurrences(of: supplied, with: "")
        }
        let needles: [(String, String)] = [
            (victim.canary, "the other org's canary"),
            (victim.orgID.rawValue, "the other org's id"),
            (victim.orgName, "the other org's name"),
            (victim.root.path, "a path of the other org"),
            (home.path, "a path inside the Bulkhead home"),
        ]
        for (needle, label) in needles where scrubbed.contains(needle) {
            throw AuditBreach("\(what): \(label) reached tenant \(viewer.side.rawValue)")
        }
    }

    /// Runs `body` as `viewer` and requires it to fail with `expected`, with a message that leaks nothing.
    ///
    /// Success fails the pattern (the attack got through); so does a raw, non-`BulkheadError`
    /// error, since only the closed set of safe messages may reach a tenant.
    @discardableResult
    func expectFailure<T>(_ viewer: AuditTenant, _ expected: AuditExpectation, _ what: String, echo: [String] = [],
                          input: String? = nil, _ body: () async throws -> T) async throws -> BulkheadError {
        let value: T
        do {
            value = try await body()
        } catch let error as BulkheadError {
            transcript.record(viewer.side, .error, error.message)
            recordEvidence(viewer, input: input ?? echo.first ?? what, refusal: error.message, code: error.code)
            try leakCheck(error.message, viewer: viewer, what: what, echo: echo)
            guard expected.matches(error) else {
                throw AuditBreach("\(what): expected \(expected), got '\(error.code)'")
            }
            return error
        } catch let breach as AuditBreach {
            throw breach
        } catch {
            transcript.record(viewer.side, .error, String(describing: error))
            recordEvidence(viewer, input: input ?? echo.first ?? what, refusal: "a raw \(type(of: error))", code: nil)
            throw AuditBreach("\(what): a raw \(type(of: error)) reached the tenant instead of a safe error")
        }
        let text = String(describing: value)
        transcript.record(viewer.side, .output, text)
        recordEvidence(viewer, input: input ?? echo.first ?? what, refusal: "", code: nil)
        try leakCheck(text, viewer: viewer, what: what, echo: echo)
        throw AuditBreach("\(what) succeeded; expected \(expected)")
    }

    /// Requires `reference` (something of the other org) to answer exactly like `missing` (something that never existed).
    ///
    /// Both must fail as not found, and their messages must be the same once each names its own reference.
    func expectLikeMissing<T>(_ viewer: AuditTenant, _ what: String, reference: String, missing: String,
                              _ body: (String) async throws -> T) async throws {
        let real = try await expectFailure(viewer, .notFound, what, echo: [reference]) { try await body(reference) }
        let absent = try await expectFailure(viewer, .notFound, "\(what) (missing)", echo: [missing]) { try await body(missing) }
        evidence.recordMissing(absent.message)
        let left = real.message.replacingOccurrences(of: reference, with: "#")
        let right = absent.message.replacingOccurrences(of: missing, with: "#")
        guard left == right else {
            throw AuditBreach("\(what): the other org's resource answers differently from a missing one")
        }
    }

    /// Fails unless `condition` holds.
    func require(_ condition: Bool, _ reason: @autoclosure () -> String) throws {
        guard condition else { throw AuditBreach(reason()) }
    }

    /// A fresh well-formed id that names nothing, for comparing against a real one.
    func missingID(prefix: String, length: Int = 24) -> String {
        let hex = SystemRandom().bytes(count: (length + 1) / 2).map { String(format: "%02x", $0) }.joined()
        return "\(prefix)-\(hex.prefix(length))"
    }
}
