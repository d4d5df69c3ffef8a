import AsyncHTTPClient
import Foundation
import BulkheadCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// Sends one model request over HTTP with time limits, retries and cancellation, and turns
/// every failure into a safe `BulkheadError`.
///
/// The providers only build bodies and read replies; everything that can go wrong on the wire
/// is handled here once. Logs carry the provider name, attempt, status and duration, never a
/// header, a body or a URL query.
public struct HTTPTransport: Sendable {
    /// How patient to be.
    public let policy: RetryPolicy
    /// The client that carries the requests; nil means `HTTPClient.shared`, made on first use, so
    /// a process that never calls a remote model never starts its event loop threads.
    let client: HTTPClient?
    /// How to wait between attempts; tests pass one that records the delay and returns at once.
    let sleep: @Sendable (Double) async throws -> Void
    /// The clock `Retry-After` dates are measured against.
    let clock: any BulkheadCore.Clock
    /// Where ids, statuses and durations go.
    let logger: Logger

    /// Makes a transport. `sleep` and `clock` are injectable so tests of backoff do not wait.
    public init(
        policy: RetryPolicy = RetryPolicy(),
        client: HTTPClient? = nil,
        clock: any BulkheadCore.Clock = SystemClock(),
        logger: Logger = Logger(label: "bulkhead.models.http"),
        sleep: @escaping @Sendable (Double) async throws -> Void = { seconds in
            try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        }
    ) {
        self.policy = policy
        self.client = client
        self.clock = clock
        self.logger = logger
        self.sleep = sleep
    }

    /// What came back from a successful exchange.
    public struct Response: Sendable {
        /// The HTTP status (2xx here, or a non-retryable error the caller maps).
        public let status: Int
        /// The body as received.
        public let body: Data
    }

    /// Sends `request`, retrying 429, 5xx and lost connections as `policy` allows, and returns
    /// the first answer that is final: a 2xx, or an error that is not worth retrying (4xx).
    /// Throws `.cancelled` when the task is cancelled and `.unavailable` when attempts run out.
    public func send(_ request: HTTPRequest, provider: String) async throws -> Response {
        var attempt = 0
        while true {
            attempt += 1
            try checkCancellation()
            let started = clock.now()
            let outcome: Outcome
            do {
                outcome = try await exchange(request)
            } catch let error as BulkheadError {
                throw error
            } catch {
                throw Task.isCancelled ? BulkheadError.cancelled : Failure.other.error
            }
            let millis = Int(clock.now().timeIntervalSince(started) * 1000)
            switch outcome {
            case let .answer(status, body, retryAfterHeader):
                logger.info("model call", metadata: ["provider": "\(provider)", "attempt": "\(attempt)", "status": "\(status)", "ms": "\(millis)"])
                guard RetryPolicy.isRetryable(status: status) else {
                    return Response(status: status, body: body)
                }
                guard attempt < policy.maxAttempts else { throw Self.finalError(status: status) }
                var delay = policy.backoff(afterAttempt: attempt)
                if let asked = RetryPolicy.retryAfter(retryAfterHeader, now: clock.now()) {
                    guard asked <= policy.maxRetryAfter else { throw Self.finalError(status: status) }
                    delay = asked
                }
                try await pause(delay)
            case let .failed(reason):
                logger.info("model call failed", metadata: ["provider": "\(provider)", "attempt": "\(attempt)", "reason": "\(reason.code)", "ms": "\(millis)"])
                guard reason.isRetryable, attempt < policy.maxAttempts else { throw reason.error }
                try await pause(policy.backoff(afterAttempt: attempt))
            }
        }
    }

    /// The error after the last retryable answer.
    static func finalError(status: Int) -> BulkheadError {
        status == 429
            ? .unavailable("the model service is rate limiting this key; try again later (HTTP 429)")
            : .unavailable("the model service failed (HTTP \(status)); try again later")
    }

    /// The error for a final non-2xx answer that was not retried.
    public static func refusalError(status: Int) -> BulkheadError {
        switch status {
        case 401, 403: return .unavailable("the model service refused the API key (HTTP \(status)); check the key configured for your organization")
        case 404: return .unavailable("the model service does not know this model or endpoint (HTTP 404)")
        case 413: return .unavailable("the prompt is too large for the model service (HTTP 413)")
        default: return .unavailable("the model service rejected the request (HTTP \(status))")
        }
    }

    private func pause(_ seconds: Double) async throws {
        do {
            try await sleep(seconds)
        } catch {
            throw BulkheadError.cancelled
        }
        try checkCancellation()
    }

    private func checkCancellation() throws {
        if Task.isCancelled { throw BulkheadError.cancelled }
    }

    /// One attempt's result before the retry decision.
    enum Outcome: Sendable {
        case answer(status: Int, body: Data, retryAfter: String?)
        case failed(Failure)
    }

    /// Why an attempt got no answer.
    enum Failure: Sendable {
        case timedOut, unreachable, other

        var code: String {
            switch self {
            case .timedOut: return "timeout"
            case .unreachable: return "unreachable"
            case .other: return "transport"
            }
        }

        var isRetryable: Bool { self != .other }

        var error: BulkheadError {
            switch self {
            case .timedOut: return .unavailable("the model service did not answer in time")
            case .unreachable: return .unavailable("the model service could not be reached")
            case .other: return .unavailable("the connection to the model service failed")
            }
        }
    }

    /// One attempt, bounded by `policy.timeout` and stopped by task cancellation.
    private func exchange(_ request: HTTPRequest) async throws -> Outcome {
        let timeout = policy.timeout
        let client = self.client ?? HTTPClient.shared
        return try await withThrowingTaskGroup(of: Outcome?.self) { group in
            group.addTask { try await Self.perform(request, on: client, timeout: timeout) }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                return nil
            }
            defer { group.cancelAll() }
            let first = try await group.next() ?? nil
            guard let outcome = first else {
                if Task.isCancelled { throw BulkheadError.cancelled }
                return .failed(.timedOut)
            }
            return outcome
        }
    }

    /// The largest reply read (a model reply is a few kilobytes; this bounds a hostile server).
    static let maxReplyBytes = 16 << 20

    /// Runs one request; cancelling the calling task cancels it.
    private static func perform(_ request: HTTPRequest, on client: HTTPClient, timeout: Double) async throws -> Outcome {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        do {
            let response = try await client.execute(outgoing, timeout: .milliseconds(Int64(max(0.001, timeout) * 1_000)))
            let body = try await response.body.collect(upTo: maxReplyBytes)
            return .answer(status: Int(response.status.code), body: Data(body.readableBytesView),
                           retryAfter: response.headers.first(name: "retry-after"))
        } catch {
            if Task.isCancelled || error is CancellationError || (error as? HTTPClientError) == .cancelled {
                throw BulkheadError.cancelled
            }
            return .failed(classify(error))
        }
    }

    /// Sorts a transport error into the few kinds we report.
    static func classify(_ error: any Error) -> Failure {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .connectTimeout, .readTimeout, .writeTimeout, .getConnectionFromPoolTimeout: return .timedOut
            case .remoteConnectionClosed: return .unreachable
            default: return .other
            }
        }
        if error is NIOConnectionError || error is IOError { return .unreachable }
        if let error = error as? ChannelError, case .connectTimeout = error { return .timedOut }
        return .other
    }
}

/// One HTTP request as the providers build it: no FoundationNetworking type crosses this module.
public struct HTTPRequest: Sendable {
    /// Where it goes.
    public var url: URL
    /// `POST`, `GET`, …
    public var method: String
    /// Header fields, in order.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: Data

    /// Makes a request.
    public init(url: URL, method: String = "POST", headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }
}
