import BulkheadCore

/// `HOST:PORT` to listen on; 127.0.0.1:2222 by default.
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host (an address or a name).
    public var host: String
    /// The port; 0 lets the system pick one (tests).
    public var port: Int

    /// The default address, 127.0.0.1:2222.
    public init(host: String = "127.0.0.1", port: Int = 2222) {
        self.host = host
        self.port = port
    }

    /// Reads `HOST:PORT`, `[V6]:PORT` or `:PORT`.
    ///
    /// - Throws: `invalidInput` for anything else.
    public init(parsing text: String) throws {
        let problem = BulkheadError.invalidInput("give the address as HOST:PORT, e.g. 127.0.0.1:2222")
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw problem
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "127.0.0.1" }
        guard !host.contains(" ") else { throw problem }
        self.init(host: host, port: port)
    }

    /// `HOST:PORT`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
