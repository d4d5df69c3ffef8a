import ArgumentParser
import BulkheadCore

/// Ends a command with a safe message and the contract's exit code.
///
/// Every command body runs through `run(_:)`, so no raw error (a database error, a path) can
/// reach the terminal: anything that is not a `BulkheadError` is reported as an internal failure.
enum CommandFailure {
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as BulkheadError {
            Output.error(error)
            throw ExitCode(error.exitCode)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            let safe = BulkheadError.internalFailure(code: "cli")
            Output.error(safe)
            throw ExitCode(safe.exitCode)
        }
    }
}
