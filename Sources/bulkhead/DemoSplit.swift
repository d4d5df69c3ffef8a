import Foundation
import BulkheadAssistant
import BulkheadCore

/// `bulkhead demo --split`: the split screen for showing isolation.
///
/// On a fresh home it creates the demo and logs the left half in as Acme's admin and the right
/// half as Globex's, with the one-time passwords it just made (printed again after the console
/// closes). On a home where the demo exists it does not touch the demo: each half starts at its
/// own login screen.
enum DemoSplit {
    static let help = """
        Both halves are separate sessions (two principals, each logged in on its own) served by the \
        same in-process services, so the split screen is also a standing test that in-process \
        services keep two tenants apart: nothing of one org may ever show in the other's half. \
        Tab moves between halves, ^A types one question into both, < and > move the divider.
        """

    static func run(_ global: GlobalOptions) async throws {
        let shared = SharedEnvironment(global)
        let services = try shared.get().services
        var made: [DemoBuilder.Account] = []
        if try services.control.organizationIDs().isEmpty {
            // A fresh installation: making the demo needs no operator key (see `Services.createDemo`).
            made = try await services.createDemo(force: false, credentials: CallerCredentials()).accounts
        }
        let admins = ["Acme", "Globex"].compactMap { org in
            made.first { $0.org == org && $0.role == .admin }.flatMap { account in
                account.password.map { (account.email, $0, org) }
            }
        }
        try await ConsoleLauncher.run(global, theme: nil, split: true, logins: admins.count == 2 ? admins : [], shared: shared)
        if !made.isEmpty {
            Output.line("Demo workspace created. Passwords are shown only now:")
            for account in made {
                Output.line("  \(account.email)  \(account.org)  \(account.role.rawValue)  \(account.password ?? "(unchanged)")")
            }
        }
    }
}
