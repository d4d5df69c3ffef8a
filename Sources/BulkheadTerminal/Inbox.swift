import BulkheadConsole
import Synchronization

/// Messages posted by effect tasks from any thread, drained by the UI loop on its own thread.
final class Inbox: Sendable {
    private let messages = Mutex<[Message]>([])

    /// Queues a message.
    func post(_ message: Message) {
        messages.withLock { $0.append(message) }
    }

    /// Takes every queued message, oldest first.
    func drain() -> [Message] {
        messages.withLock { queue in
            let all = queue
            queue.removeAll()
            return all
        }
    }
}
