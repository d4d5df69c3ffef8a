import Foundation

/// The environment of a session's process, built from scratch.
///
/// Nothing of the server's own environment is inherited, and from the client only `LANG`, `TERM`,
/// `COLORTERM` and `NO_COLOR` pass, with values of printable ASCII. Everything else the client
/// sends (`LD_PRELOAD`, `BULKHEAD_HOME`, `BULKHEAD_TOKEN`, `BULKHEAD_OPERATOR_KEY`, …) is refused.
/// The server then sets the home, the session's token, a fixed `PATH` and a UTF-8 character type.
struct ChildEnvironment: Sendable {
    /// The variables a client may set.
    static let fromClient: Set<String> = ["LANG", "TERM", "COLORTERM", "NO_COLOR"]

    /// What the client asked for and was allowed.
    private(set) var client: [String: String] = [:]

    /// Accepts `name=value` from the client, or says why not.
    mutating func accept(name: String, value: String) -> Bool {
        guard Self.fromClient.contains(name), value.utf8.count <= 128,
              value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else { return false }
        client[name] = value
        return true
    }

    /// A name safe to put in a security event: the name itself when it looks like a variable name, else `other`.
    static func eventName(_ name: String) -> String {
        let plain = !name.isEmpty && name.count <= 40 && name.unicodeScalars.allSatisfy {
            ($0.value >= 0x41 && $0.value <= 0x5A) || ($0.value >= 0x61 && $0.value <= 0x7A) || ($0.value >= 0x30 && $0.value <= 0x39) || $0 == "_"
        }
        return plain ? name : "other"
    }

    /// The full environment for the session's process, as `NAME=value` strings.
    ///
    /// - Parameters:
    ///   - term: the terminal type of the pty request (nil for a command without a terminal).
    ///   - token: the session's token; it travels here, never in argv.
    ///   - store: the server's store variables (``SSHServerConfiguration/storeEnvironment``).
    func entries(home: URL, token: String, term: String?, store: [String: String] = [:]) -> [String] {
        var values = client.merging(store) { _, server in server }
        values["LANG"] = values["LANG"] ?? "C.UTF-8"
        values["LC_CTYPE"] = "C.UTF-8"
        if let term, !term.isEmpty, term.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }), term.count <= 64 {
            values["TERM"] = term
        } else if term != nil {
            values["TERM"] = "xterm-256color"
        } else {
            values["TERM"] = "dumb"
        }
        values["PATH"] = "/usr/local/bin:/usr/bin:/bin"
        values["HOME"] = home.path
        values["BULKHEAD_HOME"] = home.path
        values["BULKHEAD_TOKEN"] = token
        values["BULKHEAD_LOG_LEVEL"] = "critical"
        return values.keys.sorted().map { "\($0)=\(values[$0]!)" }
    }
}
