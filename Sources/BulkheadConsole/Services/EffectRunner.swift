import BulkheadCore

/// Performs effects off the UI thread and reports their results as messages.
///
/// The driver hands every effect to `perform` and keeps drawing; results come back through
/// `send`, which the driver drains on its own thread. The running ask is kept so `.cancel`
/// cancels its task (the services turn task cancellation into the engine's cancel).
public actor EffectRunner {
    private let services: any ConsoleServices
    private let send: @Sendable (Message) -> Void
    private var askTask: Task<Void, Never>?
    private var askGeneration = 0

    /// Makes a runner over `services`; `send` must be safe to call from any thread.
    public init(services: any ConsoleServices, send: @escaping @Sendable (Message) -> Void) {
        self.services = services
        self.send = send
    }

    /// Starts `effect` and returns at once; `.quit` is the driver's to handle and is ignored here.
    public nonisolated func submit(_ effect: Effect) {
        Task { await self.perform(effect) }
    }

    /// Performs one effect and sends its result; returns when the result was sent (asks return at once).
    public func perform(_ effect: Effect) async {
        let services = self.services
        switch effect {
        case .quit, .copy, .toggleSplit:
            return
        case .cancel:
            // The console already shows "cancelled"; the task's late answer is dropped.
            askGeneration += 1
            askTask?.cancel()
            askTask = nil
        case let .ask(question, source):
            askTask?.cancel()
            askGeneration += 1
            let generation = askGeneration
            askTask = Task {
                let message: Message
                do {
                    let outcome = try await services.ask(question: question, source: source)
                    message = Task.isCancelled ? .failed(.ask, BulkheadError.cancelled.message) : .answered(outcome)
                } catch {
                    message = .failed(.ask, Task.isCancelled ? BulkheadError.cancelled.message : Self.safeMessage(error))
                }
                self.deliver(message, generation: generation)
            }
        default:
            await run(effect, services: services)
        }
    }

    private func run(_ effect: Effect, services: any ConsoleServices) async {
        do {
            switch effect {
            case .loadStartup:
                send(.started(try await services.startup()))
            case .createDemo:
                send(.demoCreated(try await services.createDemo()))
            case let .login(email, password, org):
                switch try await services.login(email: email, password: password, org: org) {
                case let .success(session): send(.loggedIn(session))
                case let .chooseOrg(names): send(.chooseOrg(names))
                }
            case .logout:
                try await services.logout()
                send(.loggedOut)
            case .listSources:
                send(.sourcesLoaded(try await services.listSources()))
            case let .showSource(name):
                send(.sourceLoaded(try await services.showSource(name: name)))
            case let .loadRows(requestID, offset, limit, order):
                let rows = try await services.rows(requestID: requestID, offset: offset, limit: limit, order: order)
                send(.rowsLoaded(requestID: requestID, order: order, offset: offset, rows: rows))
            case let .searchRows(requestID, order, text, from, forward):
                let index = try await services.search(requestID: requestID, order: order, text: text, from: from, forward: forward)
                send(.searchFinished(requestID: requestID, text: text, index: index))
            case let .export(requestID, order, format, folder):
                send(.exported(try await services.export(requestID: requestID, order: order, format: format, folder: folder)))
            case let .loadTableRows(source, table, offset, limit):
                let rows = try await services.tableRows(source: source, table: table, offset: offset, limit: limit)
                send(.tableRowsLoaded(source: source, table: table, offset: offset, rows: rows))
            case let .feedback(requestID, good):
                try await services.feedback(requestID: requestID, good: good)
                send(.feedbackSaved(requestID: requestID, good: good))
            case .loadRequests:
                send(.requestsLoaded(try await services.requests()))
            case let .loadRequest(id):
                send(.requestLoaded(try await services.request(id: id)))
            case .runAudit:
                let send = self.send
                let report = try await services.runAudit { send(.auditProgress($0)) }
                send(.auditFinished(report))
            case let .saveTheme(name):
                try await services.saveTheme(name: name)
                send(.themeSaved(name))
            case let .useModel(provider):
                send(.modelChanged(try await services.useModel(provider: provider)))
            case let .reviewExample(id, approve):
                try await services.reviewExample(id: id, approve: approve)
                send(.exampleReviewed(id: id, approved: approve))
            case .checkSession:
                send(.sessionChecked(await services.checkSession()))
            case .quit, .cancel, .ask, .copy, .toggleSplit:
                return
            }
        } catch {
            send(.failed(Self.kind(of: effect), Self.safeMessage(error)))
        }
    }

    /// Sends an ask's result only if no newer ask or cancel came after it.
    private func deliver(_ message: Message, generation: Int) {
        if generation == askGeneration { send(message) }
    }

    /// Waits until the running ask (if any) has sent its result; the headless driver uses it.
    public func waitForAsk() async {
        await askTask?.value
    }

    private static func kind(of effect: Effect) -> EffectKind {
        switch effect {
        case .loadStartup: return .startup
        case .createDemo: return .demo
        case .login: return .login
        case .logout: return .logout
        case .listSources: return .sources
        case .showSource: return .source
        case .ask, .cancel: return .ask
        case .loadRows: return .rows
        case .searchRows: return .search
        case .export: return .export
        case .loadTableRows: return .tableRows
        case .feedback: return .feedback
        case .loadRequests: return .requests
        case .loadRequest: return .request
        case .runAudit: return .audit
        case .saveTheme, .quit, .copy, .toggleSplit: return .theme
        case .useModel, .reviewExample: return .model
        case .checkSession: return .session
        }
    }

    /// The sentence shown for an error: only errors that were written to be shown keep their text.
    public static func safeMessage(_ error: any Error) -> String {
        if let error = error as? BulkheadError { return error.message }
        if let error = error as? ConsoleFailure { return error.message }
        if error is CancellationError { return BulkheadError.cancelled.message }
        return BulkheadError.internalFailure(code: "console").message
    }
}
