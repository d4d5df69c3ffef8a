import BulkheadConsole
import Dispatch
import Foundation

/// The console's entry point for the `bulkhead` executable.
public enum ConsoleApp {
    /// Runs the console until the user quits or a signal arrives; returns the process exit code.
    ///
    /// `panes` holds one session's services, or two for a split screen (left, right), each with
    /// its own principal. Call it from a synchronous context on the main thread. Effects run on
    /// Swift's concurrency pool through one `EffectRunner` per pane; the UI loop reads input
    /// with a 50 ms timeout, so results and ticks are shown while a query runs. The first frame
    /// is drawn before any service is asked anything. The terminal is restored on every way
    /// out: `q`, Ctrl+C at the top level, SIGTERM, SIGHUP, SIGINT, and a thrown error (`endwin`
    /// in a `defer`). Exit codes: 0 after a normal quit, 128 + the signal number after a signal.
    public static func run(panes: [any ConsoleServices], options: ConsoleOptions = ConsoleOptions()) throws -> Int32 {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw ConsoleAppError.noTerminal }
        guard let first = panes.first else { return 0 }
        let catalog = ThemeCatalog.load(directories: options.themeDirectories ?? ThemeCatalog.searchDirectories())
        let themeName = options.themeName.flatMap { catalog.themes[$0] != nil ? $0 : nil } ?? ThemeCatalog.defaultName
        let inbox = Inbox<DeskMessage>()
        var runners: [Int: EffectRunner] = [0: EffectRunner(services: first) { inbox.post(.pane(0, $0)) }]
        var waiting = Array(panes.dropFirst())
        let signals = SignalWatcher()
        defer { signals.cancel() }
        // `bulkhead serve` sends SIGUSR1 to a session's console before it shuts down.
        let announcements = SignalWatcher(signals: [SIGUSR1])
        defer { announcements.cancel() }
        let driver = try NCursesDriver(theme: catalog.theme(named: themeName), noColor: options.noColor, mouse: options.mouse)
        defer { driver.shutdown() }

        var (desk, effects) = Desk.start(size: driver.size, themeName: themeName, themeNames: catalog.names,
                                         split: panes.count > 1, canSplit: options.makeSession != nil)
        if let problem = catalog.problems.first { desk.panes[0].state.notice = Notice("theme file skipped: " + problem, isError: true) }
        var shownTheme = themeName
        // The first frame goes out before any effect runs: nothing the services do delays it.
        driver.draw(Desk.view(desk, size: desk.size))
        var dirty = false
        var lastTick = Date.distantPast

        func perform(_ effects: [DeskEffect]) {
            for effect in effects {
                switch effect {
                case let .pane(id, effect):
                    runners[id]?.submit(effect)
                case let .openPane(id):
                    let services = waiting.isEmpty ? options.makeSession?() : waiting.removeFirst()
                    if let services { runners[id] = EffectRunner(services: services) { inbox.post(.pane(id, $0)) } }
                case let .closePane(id):
                    runners[id] = nil
                case let .copy(text):
                    driver.copyToClipboard(text)
                case .quit:
                    break
                }
            }
        }
        perform(effects)

        while !desk.quitRequested {
            if let number = signals.receivedSignal { return 128 + number }
            if dirty {
                let wanted = desk.focused.themeName
                if wanted != shownTheme {
                    shownTheme = wanted
                    driver.setTheme(catalog.theme(named: shownTheme))
                }
                driver.draw(Desk.view(desk, size: desk.size))
                dirty = false
            }
            var messages: [DeskMessage] = []
            if let input = driver.read() {
                if case .resize = input { driver.invalidate() }
                messages.append(deskMessage(input))
            }
            messages += inbox.drain()
            if announcements.take() != nil {
                for pane in desk.panes {
                    messages.append(.pane(pane.id, .announcement("the server is shutting down: this session ends in a few seconds")))
                }
            }
            let now = Date()
            if let interval = desk.tickInterval, now.timeIntervalSince(lastTick) >= interval {
                lastTick = now
                messages.append(.tick(now))
            }
            for message in messages {
                let result = Desk.update(desk, message)
                desk = result.0
                perform(result.1)
                dirty = true
            }
        }
        return 0
    }

    /// Terminal input as a desk message.
    static func deskMessage(_ input: Message) -> DeskMessage {
        switch input {
        case let .key(key): return .key(key)
        case let .resize(size): return .resize(size)
        case let .mouse(event): return .mouse(event)
        case let .tick(date): return .tick(date)
        default: return .pane(0, input)
        }
    }

    /// Runs one session's console (see `run(panes:options:)`).
    public static func run(services: any ConsoleServices, options: ConsoleOptions = ConsoleOptions()) throws -> Int32 {
        try run(panes: [services], options: options)
    }

    /// Runs the console on a thread of its own and waits for it without blocking a thread of the
    /// concurrency pool: for callers that are already async (an `AsyncParsableCommand`), where
    /// calling the blocking `run` would take a pool thread away from the effects for the whole session.
    public static func runOnOwnThread(panes: [any ConsoleServices], options: ConsoleOptions = ConsoleOptions()) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try run(panes: panes, options: options))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "bulkhead.console.ui"
            thread.start()
        }
    }
}
