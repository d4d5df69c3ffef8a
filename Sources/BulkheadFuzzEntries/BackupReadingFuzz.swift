import BulkheadCore
import BulkheadStore
import Foundation

/// Backup files through `TenantBackup.inspect`, the reading half of restore: a header line, then
/// the payload opened as a SQLite database and held to the restore invariants.
///
/// Property: any bytes end in a header that was accepted or in one of our safe errors.
enum BackupReadingFuzz {
    /// Records nothing: the fuzz target's refusals need no security events.
    struct NoEvents: SecurityEventRecorder {
        func record(_ event: SecurityEvent) {}
    }

    static let backups: TenantBackup? = {
        guard let workspace = try? Workspace(root: FuzzScratch.folder.appendingPathComponent("home", isDirectory: true)) else { return nil }
        let clock = ManualClock()
        guard let stores = try? Stores.sqlite(workspace: workspace, clock: clock) else { return nil }
        return try? TenantBackup(archive: stores.archive, workspace: workspace, events: NoEvents(), clock: clock)
    }()

    static func run(_ data: Data) {
        guard let backups else { preconditionFailure("the fuzz workspace could not be made") }
        do {
            _ = try backups.inspect(data)
        } catch is BulkheadError {
            // Refused safely.
        } catch {
            preconditionFailure("backup reading threw something that is not a BulkheadError: \(type(of: error))")
        }
    }
}
