import Dispatch
import Foundation
import Synchronization

/// Turns SIGTERM, SIGHUP and SIGINT into a flag the UI loop checks, so the loop (not a signal
/// handler) restores the terminal with `endwin` on its way out.
///
/// Signal handlers may only call async-signal-safe functions, and `endwin` is not one; a
/// `DispatchSource` runs its handler on a queue as ordinary code, and the default action is
/// ignored while the watcher lives, so a dropped SSH connection (SIGHUP) ends the loop cleanly.
final class SignalWatcher {
    private let sources: [any DispatchSourceSignal]
    private let received = Flag()
    private let signals: [Int32]

    init(signals: [Int32] = [SIGTERM, SIGHUP, SIGINT]) {
        self.signals = signals
        let queue = DispatchQueue(label: "bulkhead.console.signals")
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            sources.append(source)
        }
        self.sources = sources
        for (number, source) in zip(signals, sources) {
            source.setEventHandler { [received] in received.set(number) }
            source.resume()
        }
    }

    /// The signal received, or nil.
    var receivedSignal: Int32? {
        let value = received.value
        return value == 0 ? nil : value
    }

    /// The signal received, cleared, so the next one is seen again (for signals that only inform).
    func take() -> Int32? {
        let value = received.take()
        return value == 0 ? nil : value
    }

    /// Stops watching and restores the default actions.
    func cancel() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}

/// The number of the last signal received, shared with the dispatch queue.
private final class Flag: Sendable {
    private let number = Atomic<Int32>(0)

    func set(_ value: Int32) { number.store(value, ordering: .sequentiallyConsistent) }

    var value: Int32 { number.load(ordering: .sequentiallyConsistent) }

    func take() -> Int32 { number.exchange(0, ordering: .sequentiallyConsistent) }
}
