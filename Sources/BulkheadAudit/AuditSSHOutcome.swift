import Foundation
import NIOCore
import NIOSSH
import Synchronization

/// What one SSH session channel of the audit client saw: the replies to its requests, its stdout
/// and stderr, its exit status, and whether it closed.
struct AuditSSHOutcome: Sendable {
    var replies: [Bool] = []
    var stdout = ""
    var stderr = ""
    var exitStatus: Int?
    var closed = false
}
