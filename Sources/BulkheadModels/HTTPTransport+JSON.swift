import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension HTTPTransport {
    /// POSTs `body` as JSON with `headers` and decodes a 2xx reply as `Reply`, returning it with
    /// the raw bytes (which the request log keeps). Any other status is refused with our own
    /// sentence, and an unreadable reply is `HTTPJSON.unreadable`: the service's text never leaks.
    func postJSON<Reply: Decodable>(_ url: URL, body: Data, headers: [String: String], provider: String,
                                    as: Reply.Type) async throws -> (reply: Reply, raw: Data) {
        var http = URLRequest(url: url)
        http.httpMethod = "POST"
        for (field, value) in headers { http.setValue(value, forHTTPHeaderField: field) }
        http.setValue("application/json", forHTTPHeaderField: "content-type")
        http.httpBody = body
        let response = try await send(http, provider: provider)
        guard (200..<300).contains(response.status) else {
            throw HTTPTransport.refusalError(status: response.status)
        }
        guard let reply = try? JSONDecoder().decode(Reply.self, from: response.body) else {
            throw HTTPJSON.unreadable
        }
        return (reply, response.body)
    }
}
