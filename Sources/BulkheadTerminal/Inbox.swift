import BulkheadConsole
import Synchronization

/// Messages posted by effect tasks from any thread, drained by the UI loop on its own thread.
final class Inbox<Item: Sendable>: Sendable {
    private let items = Mutex<[Item]>([])

    /// Queues a message.
    func post(_ item: Item) {
        items.withLock { $0.append(item) }
    }

    /// Takes every queued message, oldest first.
    func drain() -> [Item] {
        items.withLock { queue in
            let all = queue
            queue.removeAll()
            return all
        }
    }
}
