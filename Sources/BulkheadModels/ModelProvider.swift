import Foundation

/// A model that turns a `ModelRequest` into proposed SQL.
///
/// The two steps are split on purpose: the context layer first asks for `requestBody(for:)`,
/// runs the context firewall over the request and stores those exact bytes in the request log,
/// and only then calls `complete(_:body:)`, which sends the very same bytes. Nothing reaches a
/// model service that the inspector cannot show.
///
/// Cancellation is Swift task cancellation: cancelling the task that awaits `complete` stops
/// the network call, and the call throws `BulkheadError.cancelled`. Every other failure is a
/// `BulkheadError.unavailable` with a sentence of our own (never the key, the prompt or the
/// service's own message).
public protocol ModelProvider: Sendable {
    /// The provider's name as an org chooses it: `offline`, `anthropic` or `openai`.
    var name: String { get }
    /// The model asked for (for example `claude-sonnet-4-5`, `gpt-4o-mini`, `offline`).
    var model: String { get }
    /// The exact bytes that `complete` will send for this request.
    func requestBody(for request: ModelRequest) throws -> Data
    /// Sends `body` (which must come from `requestBody(for: request)`) and reads the reply.
    func complete(_ request: ModelRequest, body: Data) async throws -> ModelReply
}
