import Foundation
import BulkheadAssistant
import BulkheadAuth
import BulkheadBackend
import BulkheadCore
import BulkheadStore

/// What a command runs against: the home, its services, and the caller's session.
struct CommandEnvironment: Sendable {
    let workspace: Workspace
    let services: Services
    let environment: [String: String]

    /// Opens the home named by `--home`, `BULKHEAD_HOME` or the XDG data directory.
    init(_ global: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        let userHome = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory(), isDirectory: true)
        let root = Workspace.resolveRoot(option: global.home, environment: environment, userHome: userHome)
        workspace = try Workspace(root: root)
        let clock = SystemClock()
        let stores = try StoreBackend.resolve(option: global.store, environment: environment).open(workspace: workspace, clock: clock)
        services = try Services(workspace: workspace, stores: stores, clock: clock)
    }

    /// The session `login` keeps in the home (0600); `BULKHEAD_TOKEN` takes precedence.
    var session: SavedSession { SavedSession(workspace: workspace) }

    /// The verified caller, or `.notAuthenticated`.
    func principal() async throws -> Principal {
        guard let token = session.currentToken(environment: environment) else { throw BulkheadError.notAuthenticated }
        return try await services.verify(token: token)
    }

    /// What the caller presented: the session token, and the operator key when one was given.
    /// Nothing is verified here; the service call that acts decides who is asking.
    func credentials(_ operatorKey: OperatorKeyOption? = nil) throws -> CallerCredentials {
        CallerCredentials(sessionToken: session.currentToken(environment: environment),
                          operatorKey: try operatorKey?.text(environment: environment))
    }

    /// Where a login comes from, for lockout: this terminal's device, or a local process without one.
    static var loginClient: LoginClient {
        for fd in [STDIN_FILENO, STDERR_FILENO] where isatty(fd) == 1 {
            if let name = ttyname(fd) { return .terminal(String(cString: name)) }
        }
        return .local
    }
}
