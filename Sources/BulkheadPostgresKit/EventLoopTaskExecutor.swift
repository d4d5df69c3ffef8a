import NIOCore

/// A task executor that runs a task's jobs on one NIO event loop.
///
/// A task that only awaits statements on a connection of that loop then resumes on the thread
/// that read the reply, without handing each reply to another thread first: a statement of a
/// pinned connection costs one hand-over from the waiting caller and one back, not three.
/// Nothing that blocks may run on it (the loop serves every connection on it).
final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop the jobs run on.
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
