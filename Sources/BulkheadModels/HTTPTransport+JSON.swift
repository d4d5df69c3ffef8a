import Foundation

extension HTTPTransport {
    /// POSTs `body` as JSON with `headers` and decodes a 2xx reply as `Reply`, returning it with
    /// the raw bytes (which the request log keeps). Any other status is refused with our own
    /// sentence, and an unreadable reply is `HTTPJSON.unreadable`: the service's text never leaks.
    func postJSON<Reply: Decodable>(_ url: URL, body: Data, headers: [String: String], provider: String,
                                    as: Reply.Type) async throws -> (reply: Reply, raw: Data) {
        let fields = headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) } + [(name: "content-type", value: "application/json")]
        let response = try await send(HTTPRequest(url: url, method: "POST", headers: fields, body: body), provider: provider)
        guard (200..<300).contains(response.status) else {
            throw HTTPTransport.refusalError(status: response.status)
        }
        guard let reply = try? JSONDecoder().decode(Reply.self, from: response.body) else {
            throw HTTPJSON.unreadable
        }
        return (reply, response.body)
    }
}
