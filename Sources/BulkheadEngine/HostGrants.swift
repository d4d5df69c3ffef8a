import BulkheadCore
import BulkheadStore

/// The database hosts the operator granted each org, for PostgreSQL sources.
///
/// Connecting a source makes this server open a network connection wherever the URL says, so
/// which hosts an org may reach is the operator's decision, like its folders: a tenant admin can
/// connect a database only at a granted `host:port`, and a grant withdrawn later stops that
/// source's queries. A refusal names no other org's grants.
struct HostGrants: Sendable {
    let control: any ControlStore
    let clock: any BulkheadCore.Clock

    /// The refusal for a host the org was not granted.
    static let refusal = BulkheadError.notPermitted(
        "that database host is not granted to your organization; the operator grants hosts with `bulkhead admin org grant-host ORG HOST[:PORT]`")

    /// `host:port` as kept in the control plane: the name in lowercase, an IPv6 address in brackets.
    static func key(host: String, port: Int) -> String {
        let name = host.lowercased()
        return name.contains(":") ? "[\(name)]:\(port)" : "\(name):\(port)"
    }

    /// Reads `HOST[:PORT]` (an IPv6 address in brackets) as the operator typed it; the port defaults to 5432.
    static func parse(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let invalid = BulkheadError.invalidInput("a host is HOST or HOST:PORT (an IPv6 address in brackets: [::1]:5432)")
        var host = trimmed, port = 5432
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { throw invalid }
            host = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            let rest = trimmed[trimmed.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let number = Int(rest.dropFirst()) else { throw invalid }
                port = number
            }
        } else if let colon = trimmed.lastIndex(of: ":") {
            guard let number = Int(trimmed[trimmed.index(after: colon)...]) else { throw invalid }
            host = String(trimmed[..<colon])
            port = number
        }
        guard !host.isEmpty, host.utf8.count <= 253, (1...65_535).contains(port),
              host.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-:".unicodeScalars.contains($0)) })
        else { throw invalid }
        return key(host: host, port: port)
    }

    func hosts(of org: OrgID) throws -> [String] {
        try control.read(.service, "hosts-read") { try $0.hosts(of: org) }
    }

    func grant(_ host: String, to org: OrgID, by grantor: OperatorPrincipal) throws {
        try control.write(.operator, "hosts-write") { tx in
            guard try tx.organizationExists(org) else { throw BulkheadError.notFound(kind: "organization", name: org.rawValue) }
            try tx.insertHostGrant(host, org: org, by: grantor.operatorID, at: clock.now())
        }
    }

    func revoke(_ host: String, from org: OrgID) throws -> Bool {
        try control.write(.operator, "hosts-write") { try $0.deleteHostGrant(host, org: org) }
    }

    /// Throws the refusal unless `org` was granted `host:port`.
    func check(host: String, port: Int, org: OrgID) throws {
        guard try hosts(of: org).contains(Self.key(host: host, port: port)) else { throw Self.refusal }
    }
}
