import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 with a port the kernel picks, for testing the model
/// providers (and the command that configures them) against the real wire format. It answers scripted responses in order, records
/// every request it received (method, path, headers, body), and closes each connection after
/// answering. A response may be delayed to stand for a slow model.
public final class LoopbackServer: Sendable {
    /// One scripted answer.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String] = [:]
        public var body: String
        /// Seconds to wait before answering.
        public var delay: Double = 0

        public init(status: Int, headers: [String: String] = [:], body: String, delay: Double = 0) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
        }
    }

    /// One request as received.
    public struct Request: Sendable {
        public let method: String
        public let path: String
        /// Header names lowercased.
        public let headers: [String: String]
        public let body: Data
    }

    /// The port the kernel gave.
    public let port: UInt16
    private let listener: Int32
    private let script: Mutex<[Response]>
    private let handler: (@Sendable (Request) -> Response)?
    private let received = Mutex<[Request]>([])
    private let stopped = Mutex(false)
    private let finished = Mutex(false)

    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    public var requests: [Request] { received.withLock { $0 } }

    /// Starts listening and serving `responses` in order (the last one repeats).
    public convenience init(responses: [Response]) throws {
        try self.init(responses: responses, handler: nil)
    }

    /// Starts listening and answering each request with what `handler` makes of it (an
    /// embeddings endpoint answers as many vectors as it was sent texts).
    public convenience init(handler: @escaping @Sendable (Request) -> Response) throws {
        try self.init(responses: [Response(status: 500, body: "{}")], handler: handler)
    }

    private init(responses: [Response], handler: (@Sendable (Request) -> Response)?) throws {
        self.handler = handler
        script = Mutex(responses)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    /// Stops the accept loop and waits for it to end.
    public func stop() {
        stopped.withLock { $0 = true }
        while !finished.withLock({ $0 }) { usleep(5_000) }
        close(listener)
    }

    /// Waits (polling) until `count` requests have arrived; used before cancelling a slow call.
    public func waitForRequests(_ count: Int) async {
        while requests.count < count { try? await Task.sleep(nanoseconds: 10_000_000) }
    }

    private var isStopped: Bool { stopped.withLock { $0 } }

    private func serve() {
        defer { finished.withLock { $0 = true } }
        while !isStopped {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        guard let request = read(client) else { return }
        received.withLock { $0.append(request) }
        let response = handler?(request) ?? script.withLock { queue -> Response in
            queue.count > 1 ? queue.removeFirst() : queue[0]
        }
        // A slow answer: wait in small steps so `stop()` and a client hang-up end it early.
        var waited = 0.0
        while waited < response.delay && !isStopped {
            var poller = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 20) > 0 {
                var byte: UInt8 = 0
                if recv(client, &byte, 1, Int32(MSG_PEEK)) <= 0 { return }  // the client hung up
            }
            waited += 0.02
        }
        let body = Data(response.body.utf8)
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        let bytes = Data(head.utf8) + body
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    /// Reads one request: the head up to the blank line, then Content-Length bytes of body.
    private func read(_ client: Int32) -> Request? {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let separator = Data("\r\n\r\n".utf8)
        var headEnd: Range<Data.Index>?
        var expected = 0
        while true {
            if headEnd == nil, let found = buffer.range(of: separator) {
                headEnd = found
                let head = String(decoding: buffer[..<found.lowerBound], as: UTF8.self)
                for line in head.split(separator: "\r\n") {
                    let lowered = line.lowercased()
                    if lowered.hasPrefix("content-length:") {
                        expected = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                    if lowered.hasPrefix("expect:") && lowered.contains("100-continue") {
                        _ = "HTTP/1.1 100 Continue\r\n\r\n".withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                    }
                }
            }
            if let headEnd, buffer.count - headEnd.upperBound >= expected { break }
            var poller = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 5_000) > 0 else { return nil }
            let count = recv(client, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[..<headEnd.lowerBound], as: UTF8.self)
        var lines = head.split(separator: "\r\n").map(String.init)
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = buffer[headEnd.upperBound..<(headEnd.upperBound + expected)]
        return Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: Data(body))
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 401: return "Unauthorized"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 529: return "Overloaded"
        default: return "Status"
        }
    }
}
