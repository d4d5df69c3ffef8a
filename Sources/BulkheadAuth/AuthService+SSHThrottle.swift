import BulkheadCore
import Foundation

/// Throttling of failed SSH authentications, per source address and per key.
///
/// Every refused key (unknown, removed, a user name that does not match it, a user no longer in
/// the org, a suspended org) counts once for its address (`*` from `ssh:<address>`) and once for
/// the key (its fingerprint, from any address). After ``LockoutPolicy/threshold`` failures in a
/// row the address, or the key, is locked for the policy's growing delay, and every attempt is
/// refused before the key is even looked up. A successful authentication clears the key's count,
/// never the address's, so one good key cannot wash out another key's guessing from that address.
extension AuthService {
    /// The two counts an SSH attempt is held to.
    struct SSHThrottleKeys {
        let address: (subject: String, client: String)
        let key: (subject: String, client: String)

        init(fingerprint: String, client: LoginClient) {
            address = ("*", client.description)
            key = (fingerprint, LoginClient.Kind.ssh.rawValue)
        }

        var all: [(subject: String, client: String)] { [address, key] }
    }

    /// Seconds until the address or the key may try again, or nil when neither is locked.
    func sshLock(_ keys: SSHThrottleKeys, now: Date) throws -> Int? {
        try read("auth-ssh-lock") { tx in
            var longest: Int?
            for (subject, client) in keys.all {
                if let until = try tx.sshLockedUntil(subject: subject, client: client), until > now {
                    longest = max(longest ?? 0, Self.retrySeconds(until: until, now: now))
                }
            }
            return longest
        }
    }

    /// Counts one failure for the address and the key; returns the lock it started, if any.
    func countSSHFailure(_ keys: SSHThrottleKeys, now: Date) throws -> TimeInterval? {
        let horizon = now.addingTimeInterval(-lockout.forgetAfter)
        return try write("auth-ssh-failure") { tx in
            try tx.purgeSSHFailures(before: horizon, now: now)
            var started: TimeInterval?
            for (subject, client) in keys.all {
                let count = try tx.sshFailureCount(subject: subject, client: client) + 1
                let lock = lockout.lockDuration(afterFailures: count)
                if let lock { started = max(started ?? 0, lock) }
                try tx.setSSHFailures(subject: subject, client: client, count: count, at: now, lockedUntil: lock.map { now.addingTimeInterval($0) })
            }
            return started
        }
    }

    /// Clears the key's count after it authenticated.
    func clearSSHFailures(_ keys: SSHThrottleKeys) throws {
        try write("auth-ssh-clear") { tx in try tx.clearSSHFailures(subject: keys.key.subject, client: keys.key.client) }
    }
}
