import Foundation

/// A task executor with one thread of its own, so postgres-nio's async work never needs the
/// cooperative pool that a blocked synchronous caller may be sitting on.
///
/// Jobs run in arrival order on the executor's thread. The thread lives as long as the executor
/// object is reachable from its queue; `PostgresRuntime` keeps one per process-wide runtime.
final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    // Guarded by `condition`: the pending jobs and the thread that drains them.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var thread: Thread?

    /// Starts the executor's thread, named `name` for debuggers.
    init(name: String) {
        let thread = Thread { [unowned self] in self.drain() }
        thread.name = name
        self.thread = thread
        thread.start()
    }

    /// True on the executor's own thread, where waiting for its jobs would wait forever.
    var isCurrent: Bool {
        condition.lock()
        defer { condition.unlock() }
        return thread === Thread.current
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    private func drain() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
