import ArgumentParser
import BulkheadAssistant
import BulkheadCore
import BulkheadStore

extension Org {
    /// `bulkhead admin org limits ORG [--asks-per-second X] … | --reset`: an org's own limits (operator).
    struct Limits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or set an organization's rate and concurrency limits, shared by all its sessions (operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag
        @OptionGroup var operatorKey: OperatorKeyOption
        @Argument(help: "The organization's name or id.") var name: String
        @Option(help: "Queries refilled per second.") var queriesPerSecond: Double?
        @Option(help: "Queries that may run back to back.") var queryBurst: Int?
        @Option(help: "Asks refilled per second.") var asksPerSecond: Double?
        @Option(help: "Asks that may run back to back.") var askBurst: Int?
        @Option(help: "Statements running at once.") var maxStatements: Int?
        @Option(help: "Pooled connections open at once.") var maxConnections: Int?
        @Flag(help: "Give the organization the installation's defaults again.") var reset = false

        func validate() throws {
            let numbers = [queriesPerSecond, asksPerSecond].compactMap { $0 }
            let counts = [queryBurst, askBurst, maxStatements, maxConnections].compactMap { $0 }
            guard numbers.allSatisfy({ $0 >= 0 && $0.isFinite }), counts.allSatisfy({ $0 >= 0 && $0 <= 1_000_000 }) else {
                throw ValidationError("limits are zero or more")
            }
        }

        func run() async throws {
            try await CommandFailure.run {
                let env = try CommandEnvironment(global)
                let credentials = try env.credentials(operatorKey)
                let changes = [queriesPerSecond, asksPerSecond].contains { $0 != nil }
                    || [queryBurst, askBurst, maxStatements, maxConnections].contains { $0 != nil }
                var result = try await env.services.orgLimits(name, credentials: credentials)
                if reset {
                    result = try await env.services.setOrgLimits(name, nil, credentials: credentials)
                } else if changes {
                    var limits = result.1
                    if let queriesPerSecond { limits.queriesPerSecond = queriesPerSecond }
                    if let queryBurst { limits.queryBurst = queryBurst }
                    if let asksPerSecond { limits.asksPerSecond = asksPerSecond }
                    if let askBurst { limits.askBurst = askBurst }
                    if let maxStatements { limits.maxConcurrentStatements = maxStatements }
                    if let maxConnections { limits.maxOpenConnections = maxConnections }
                    result = try await env.services.setOrgLimits(name, limits, credentials: credentials)
                }
                let limits = result.1
                let fields: [String: Any] = [
                    "org_id": result.0.rawValue, "queries_per_second": limits.queriesPerSecond, "query_burst": limits.queryBurst,
                    "asks_per_second": limits.asksPerSecond, "ask_burst": limits.askBurst,
                    "max_statements": limits.maxConcurrentStatements, "max_connections": limits.maxOpenConnections,
                ]
                if output.json { Output.json(fields); return }
                for key in fields.keys.sorted() { Output.line("\(key)\t\(fields[key]!)") }
            }
        }
    }
}
