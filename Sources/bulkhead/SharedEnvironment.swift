import Foundation
import Synchronization

/// The home's services, opened on first use and then shared by every console session of the
/// process (both halves of a split screen use the same service objects, as a server would).
///
/// Opening is deferred so the console's first frame does not wait for the control database,
/// the signing key or the engine: the console draws, then its first effect opens them off the
/// UI thread.
final class SharedEnvironment: Sendable {
    private let global: GlobalOptions
    private let opened = Mutex<CommandEnvironment?>(nil)

    init(_ global: GlobalOptions) {
        self.global = global
    }

    /// The environment, opened now if it was not yet.
    func get() throws -> CommandEnvironment {
        try opened.withLock { opened in
            if let opened { return opened }
            let made = try CommandEnvironment(global)
            opened = made
            return made
        }
    }
}
