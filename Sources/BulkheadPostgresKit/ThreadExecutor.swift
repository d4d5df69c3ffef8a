import NIOCore
import NIOPosix

/// A task executor on one event loop of its own, so postgres-nio's async work never needs the
/// cooperative pool that a blocked synchronous caller may be sitting on.
///
/// The loop is also the one the runtime's clients do their I/O on: a reply read from a
/// connection resumes the statement's task on the same thread, with no hand-off to another
/// thread (on a busy machine, each hand-off is a wake-up that costs more than the round trip
/// itself). Jobs run in arrival order. The loop lives as long as the process.
final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    /// The group of the one loop, given to the runtime's clients.
    let group: MultiThreadedEventLoopGroup
    private let loop: any EventLoop

    /// Starts the executor's loop.
    init() {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        loop = group.next()
    }

    /// True on the executor's own thread, where waiting for its jobs would wait forever.
    var isCurrent: Bool { loop.inEventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { unowned.runSynchronously(on: executor) }
    }
}
