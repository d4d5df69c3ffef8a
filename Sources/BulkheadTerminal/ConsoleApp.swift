import BulkheadConsole
import Dispatch
import Foundation

/// The console's entry point for the `bulkhead` executable.
public enum ConsoleApp {
    /// Runs the console until the user quits or a signal arrives; returns the process exit code.
    ///
    /// Call it from a synchronous context on the main thread. Effects run on Swift's concurrency
    /// pool through `EffectRunner`; the UI loop reads input with a 50 ms timeout, so results and
    /// ticks are shown while a query runs. The terminal is restored on every way out: `q`, Ctrl+C
    /// at the top level, SIGTERM, SIGHUP, SIGINT, and a thrown error (`endwin` in a `defer`).
    /// Exit codes: 0 after a normal quit, 128 + the signal number after a signal.
    public static func run(services: any ConsoleServices, options: ConsoleOptions = ConsoleOptions()) throws -> Int32 {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw ConsoleAppError.noTerminal }
        let catalog = ThemeCatalog.load(directories: options.themeDirectories ?? ThemeCatalog.searchDirectories())
        let themeName = options.themeName.flatMap { catalog.themes[$0] != nil ? $0 : nil } ?? ThemeCatalog.defaultName
        let inbox = Inbox()
        let runner = EffectRunner(services: services) { inbox.post($0) }
        let signals = SignalWatcher()
        defer { signals.cancel() }
        // `bulkhead serve` sends SIGUSR1 to a session's console before it shuts down.
        let announcements = SignalWatcher(signals: [SIGUSR1])
        defer { announcements.cancel() }
        let driver = try NCursesDriver(theme: catalog.theme(named: themeName), noColor: options.noColor, mouse: options.mouse)
        defer { driver.shutdown() }

        var (state, effects) = Console.start(size: driver.size, themeName: themeName, themeNames: catalog.names)
        if let problem = catalog.problems.first { state.notice = Notice("theme file skipped: " + problem, isError: true) }
        effects.forEach(runner.submit)
        var dirty = true
        var lastTick = Date.distantPast
        var shownTheme = themeName

        while !state.quitRequested {
            if let number = signals.receivedSignal { return 128 + number }
            if dirty {
                if state.themeName != shownTheme {
                    shownTheme = state.themeName
                    driver.setTheme(catalog.theme(named: shownTheme))
                }
                driver.draw(Console.view(state, size: state.size))
                dirty = false
            }
            var messages: [Message] = []
            if let input = driver.read() {
                if case .resize = input { driver.invalidate() }
                messages.append(input)
            }
            messages += inbox.drain()
            if announcements.take() != nil {
                messages.append(.announcement("the server is shutting down: this session ends in a few seconds"))
            }
            let now = Date()
            if let interval = state.tickInterval, now.timeIntervalSince(lastTick) >= interval {
                lastTick = now
                messages.append(.tick(now))
            }
            for message in messages {
                let result = Console.update(state, message)
                state = result.0
                for effect in result.1 where effect != .quit { runner.submit(effect) }
                dirty = true
            }
        }
        return 0
    }

    /// Runs the console on a thread of its own and waits for it without blocking a thread of the
    /// concurrency pool: for callers that are already async (an `AsyncParsableCommand`), where
    /// calling the blocking `run` would take a pool thread away from the effects for the whole session.
    public static func runOnOwnThread(services: any ConsoleServices, options: ConsoleOptions = ConsoleOptions()) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try run(services: services, options: options))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "bulkhead.console.ui"
            thread.start()
        }
    }
}
