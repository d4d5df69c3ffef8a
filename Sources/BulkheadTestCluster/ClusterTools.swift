import BulkheadCore
import Foundation

/// The PostgreSQL server programs (initdb, pg_ctl) and how to run them, as the `postgres` user when this process is root.
struct ClusterTools: Sendable {
    /// The folder holding initdb and pg_ctl.
    let binaries: String
    /// The user and group to run as, when this process is root.
    let owner: (uid: uid_t, gid: gid_t)?

    /// Finds the programs on PATH, else in the newest /usr/lib/postgresql/N/bin.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ClusterTools {
        let fm = FileManager.default
        var candidates = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        candidates += versions
        guard let binaries = candidates.first(where: { fm.isExecutableFile(atPath: $0 + "/initdb") && fm.isExecutableFile(atPath: $0 + "/pg_ctl") }) else {
            throw BulkheadError.unavailable("PostgreSQL's initdb and pg_ctl were not found; install the postgresql package")
        }
        var owner: (uid_t, gid_t)?
        if geteuid() == 0 {
            guard let entry = getpwnam("postgres") else {
                throw BulkheadError.unavailable("running as root needs the postgres system user (from the postgresql package)")
            }
            owner = (entry.pointee.pw_uid, entry.pointee.pw_gid)
        }
        return ClusterTools(binaries: binaries, owner: owner)
    }

    /// A new private folder for one cluster, owned by whoever runs the server.
    func makeFolder() throws -> String {
        var template = Array((NSTemporaryDirectory() + "bulkhead-pg-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BulkheadError.internalFailure(code: "cluster-folder") }
        let folder = String(cString: made)
        if let owner { chown(folder, owner.uid, owner.gid) }
        chmod(folder, 0o700)
        return folder
    }

    /// Writes `text` to a 0600 file the server's user owns.
    func writeOwned(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw BulkheadError.internalFailure(code: "cluster-file")
        }
        if let owner { chown(path, owner.uid, owner.gid) }
    }

    /// Runs one of the programs to its end; throws with its exit status when it fails.
    func run(_ program: String, _ arguments: [String]) throws {
        let path = binaries + "/" + program
        let status = owner != nil
            ? try Spawn.run("/usr/sbin/runuser", ["-u", "postgres", "--", path] + arguments)
            : try Spawn.run(path, arguments)
        guard status == 0 else { throw BulkheadError.unavailable("\(program) failed with status \(status)") }
    }

    /// Starts a detached shell that stops the cluster and deletes `folder` once process `parent` is gone.
    func watch(data: String, folder: String, parent: pid_t) throws {
        let stop = (owner != nil ? "/usr/sbin/runuser -u postgres -- " : "") + "'\(binaries)/pg_ctl' -D '\(data)' -m immediate -w stop"
        let script = "while kill -0 \(parent) 2>/dev/null; do sleep 1; done; \(stop) >/dev/null 2>&1; rm -rf '\(folder)'"
        _ = try Spawn.start("/bin/sh", ["-c", script])
    }
}
