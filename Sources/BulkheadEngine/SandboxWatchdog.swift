import Dispatch
import GRDBSQLite
import Synchronization

/// Interrupts a sandboxed connection whose statement is still running a moment after its deadline.
///
/// The progress handler checks the time limit between virtual-machine instructions; a statement
/// that spends its time elsewhere (counting a huge table's b-tree, a long built-in call) does not
/// reach it. Each time a statement is armed, the watchdog schedules one timer on a global Dispatch
/// queue for the deadline plus `grace`; if the statement is still armed with the same generation
/// then, it calls `sqlite3_interrupt`, which SQLite allows from any thread. SQLite then stops at
/// its next check and the statement fails as "stopped at the time limit".
///
/// Safety: the timer and the connection meet under one lock. Disarming (and closing) takes the
/// lock and bumps the generation, so a timer that fires late never interrupts a later statement,
/// and never touches a closed handle. A stale interrupt that lands between two statements is
/// harmless: SQLite clears the flag when the next statement starts.
final class SandboxWatchdog: Sendable {
    /// How long after the deadline the watchdog steps in (the progress handler normally stops the statement first).
    static let grace: Double = 0.25

    /// The watched handle and its statement's generation; the handle only ever reaches `sqlite3_interrupt`.
    private struct Armed: @unchecked Sendable {
        var handle: OpaquePointer?
        var generation: UInt64 = 0
        var armed = false
    }

    /// The lock guards the handle's lifetime: no timer uses it after `close()`.
    private final class HandleBox: Sendable {
        let lock: Mutex<Armed>
        init(_ handle: OpaquePointer) { lock = Mutex(Armed(handle: handle)) }
    }

    private let box: HandleBox

    /// Watches the connection `handle`.
    init(handle: OpaquePointer) {
        box = HandleBox(handle)
    }

    /// Starts watching a statement that must end `seconds` from now; `seconds <= 0` means no limit.
    func arm(seconds: Double) {
        let generation = box.lock.withLock { state -> UInt64 in
            state.generation &+= 1
            state.armed = seconds > 0
            return state.generation
        }
        guard seconds > 0 else { return }
        let box = self.box
        DispatchQueue.global(qos: .userInitiated).asyncAfter(deadline: .now() + seconds + Self.grace) {
            box.lock.withLock { state in
                guard state.armed, state.generation == generation, let handle = state.handle else { return }
                sqlite3_interrupt(handle)
            }
        }
    }

    /// Stops watching the current statement.
    func disarm() {
        box.lock.withLock { state in
            state.generation &+= 1
            state.armed = false
        }
    }

    /// Forgets the handle before the connection closes; no timer touches it afterwards.
    func close() {
        box.lock.withLock { state in
            state.generation &+= 1
            state.armed = false
            state.handle = nil
        }
    }
}
