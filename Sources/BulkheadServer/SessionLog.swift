import Foundation

/// The operator's record of sessions: one line when a session opens and one when it closes, with
/// ids only (session, user, org, key fingerprint, process), its duration and the bytes each way.
/// Never a command line, a question or anything the session showed.
public struct SessionLog: Sendable {
    private let write: @Sendable (String) -> Void

    /// A log that hands each line to `write` (the serve command prints them on stdout).
    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    func opened(_ session: LiveSession) {
        write("session opened sid=\(session.id) user=\(session.userID) org=\(session.orgID) key=\(session.fingerprint)"
              + " kind=\(session.kind) pid=\(session.pid)")
    }

    func closed(_ session: LiveSession, reason: String, now: Date) {
        let usage = session.usage
        let seconds = String(format: "%.1f", now.timeIntervalSince(session.startedAt))
        write("session closed sid=\(session.id) user=\(session.userID) org=\(session.orgID) key=\(session.fingerprint)"
              + " kind=\(session.kind) pid=\(session.pid) duration_s=\(seconds) bytes_in=\(usage.bytesIn) bytes_out=\(usage.bytesOut)"
              + " reason=\(reason)")
    }

    /// Any other line of the server (start, drain, stop).
    func note(_ line: String) {
        write(line)
    }
}
