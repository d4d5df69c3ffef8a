import ArgumentParser
import Foundation
import BulkheadAssistant
import BulkheadConsole
import BulkheadCore
import BulkheadStore
import BulkheadTerminal

/// Starts the console: one session, or the split screen's two.
///
/// Only the home's folder is resolved before the first frame (for the remembered theme); the
/// services open on the console's first effect, off the UI thread.
enum ConsoleLauncher {
    /// Runs the console on the home of `global` and returns when the user quits.
    ///
    /// `split` opens two sessions side by side; `logins` (email, password, org) logs each half in
    /// before the first frame, as the demo does on a fresh home with the passwords it just made.
    static func run(_ global: GlobalOptions, theme: String?, split: Bool, logins: [(String, String, String)] = [],
                    shared: SharedEnvironment? = nil) async throws {
        let environment = ProcessInfo.processInfo.environment
        let userHome = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory(), isDirectory: true)
        let workspace = try Workspace(root: Workspace.resolveRoot(option: global.home, environment: environment, userHome: userHome))
        let preferences = Preferences(workspace: workspace)
        if let theme { try? preferences.save(theme: theme) }
        let shared = shared ?? SharedEnvironment(global)
        var panes: [LiveConsoleServices] = []
        if split {
            panes = [LiveConsoleServices(shared: shared, persistent: false), LiveConsoleServices(shared: shared, persistent: false)]
            for (pane, login) in zip(panes, logins) {
                try await pane.preLogin(email: login.0, password: login.1, org: login.2)
            }
        } else {
            panes = [LiveConsoleServices(shared: shared)]
        }
        let options = ConsoleOptions(themeName: theme ?? preferences.theme(),
                                     makeSession: { LiveConsoleServices(shared: shared, persistent: false) })
        let status: Int32
        do {
            status = try await ConsoleApp.runOnOwnThread(panes: panes, options: options)
        } catch let error as ConsoleAppError {
            throw BulkheadError.invalidInput(error.message)
        }
        // The split's sessions were never kept in the home: end them with the console.
        if split {
            for pane in panes { try? await pane.logout() }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
