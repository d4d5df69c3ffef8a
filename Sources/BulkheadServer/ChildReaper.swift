import Dispatch
import Foundation
import Synchronization

/// Waits for the server's session processes and reports how each ended, so none stays a zombie.
///
/// It reaps only the pids it was given (`waitpid(pid, WNOHANG)`), never "any child", so it cannot
/// steal another part of the process's children. It looks on every SIGCHLD (a dispatch source;
/// the signal's disposition is left as it is) and, in case signals merge or are missed, every 250 ms.
final class ChildReaper: Sendable {
    private let waiting = Mutex<[pid_t: @Sendable (Int32) -> Void]>([:])
    /// The SIGCHLD source and the timer. Dispatch sources are thread-safe, but Dispatch does not
    /// mark them `Sendable`; they are only ever cancelled (in `deinit`) after being set up here.
    nonisolated(unsafe) private let sources: [any DispatchSourceProtocol]

    init() {
        let queue = DispatchQueue(label: "bulkhead.server.reaper")
        let signal = DispatchSource.makeSignalSource(signal: SIGCHLD, queue: queue)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        sources = [signal, timer]
        signal.setEventHandler { [weak self] in self?.reap() }
        timer.setEventHandler { [weak self] in self?.reap() }
        timer.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
        signal.resume()
        timer.resume()
    }

    deinit {
        sources.forEach { $0.cancel() }
    }

    /// Calls `ended` (on the reaper's queue) with the exit status once `pid` has ended.
    ///
    /// The status is the exit code, or 128 + the signal number for a process a signal ended.
    func watch(_ pid: pid_t, ended: @escaping @Sendable (Int32) -> Void) {
        waiting.withLock { $0[pid] = ended }
        reap()
    }

    /// How many processes are being waited for.
    var count: Int { waiting.withLock { $0.count } }

    private func reap() {
        let pids = waiting.withLock { Array($0.keys) }
        for pid in pids {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            guard result == pid || (result == -1 && errno == ECHILD) else { continue }
            let code: Int32
            if result == -1 {
                code = 255
            } else if status & 0x7f == 0 {
                code = (status >> 8) & 0xff
            } else {
                code = 128 + (status & 0x7f)
            }
            if let callback = waiting.withLock({ $0.removeValue(forKey: pid) }) { callback(code) }
        }
    }
}
