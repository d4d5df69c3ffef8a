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

/// The desk's inbox: effect results tagged with their pane.
final class DeskInbox: Sendable {
    private let messages = Mutex<[DeskMessage]>([])

    /// Queues a message.
    func post(_ message: DeskMessage) {
        messages.withLock { $0.append(message) }
    }

    /// Takes every queued message, oldest first.
    func drain() -> [DeskMessage] {
        messages.withLock { queue in
            let all = queue
            queue.removeAll()
            return all
        }
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
}
