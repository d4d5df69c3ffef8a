import BulkheadCore
import Synchronization

/// The live sessions of one server.
final class SessionRegistry: Sendable {
    private let sessions = Mutex<[SessionID: LiveSession]>([:])

    func add(_ session: LiveSession) { sessions.withLock { $0[session.id] = session } }

    func remove(_ id: SessionID) { _ = sessions.withLock { $0.removeValue(forKey: id) } }

    var all: [LiveSession] { sessions.withLock { Array($0.values) } }

    var count: Int { sessions.withLock { $0.count } }
}
