import BulkheadCore
import Foundation

extension TenantBackup {
    /// Reads a backup file's bytes the way `restore` does, and changes nothing: the header line
    /// (`parse`), then the payload opened as a database and held to the restore invariants
    /// (`verifyInvariants`: integrity, the org's stamp, an org column on every table, no row of
    /// another org), for the org the header names.
    ///
    /// It skips only the checks that need the installation's key or compare the file with the
    /// reader's own org (the MAC, the org, the checksum), so that the fuzz target (`FuzzTesting`,
    /// target `FuzzBackupReading`) and its regression tests reach the parsing code with any bytes.
    /// This is the function to re-point when the backup format changes.
    package func inspect(_ contents: Data) throws -> Header {
        let (header, payload) = try Self.parse(contents)
        guard let org = OrgID(rawValue: header.orgID) else {
            throw BulkheadError.integrity("the backup names no valid organization")
        }
        let staged = scratchURL(for: org, suffix: "inspect")
        defer { removeDatabaseFiles(at: staged) }
        do {
            try DatabaseFiles.ensurePrivateFile(at: staged)
            try payload.write(to: staged)
            try verifyInvariants(of: staged, org: org)
        } catch let error as BulkheadError {
            throw error
        } catch {
            throw BulkheadError.integrity("the backup does not hold a valid database")
        }
        return header
    }
}
