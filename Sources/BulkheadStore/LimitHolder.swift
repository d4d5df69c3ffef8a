import Foundation

/// A running process as the holder of shared slots: its pid and the time it started.
///
/// The start time tells a live holder from a new process that was given a dead holder's pid, so a
/// crashed process's slots are freed even when its pid was reused. On Linux it is field 22 of
/// `/proc/<pid>/stat` (clock ticks since boot); elsewhere the pid alone is used.
public struct LimitHolder: Sendable, Hashable, CustomStringConvertible {
    /// The process id.
    public let pid: Int32
    /// The process's start time, or 0 where it cannot be read.
    public let startTime: UInt64

    /// The calling process.
    public static let current = LimitHolder(pid: getpid())

    /// The holder for a running process `pid` (its start time read now).
    public init(pid: Int32) {
        self.pid = pid
        self.startTime = Self.startTime(of: pid) ?? 0
    }

    public init(pid: Int32, startTime: UInt64) {
        self.pid = pid
        self.startTime = startTime
    }

    /// The stored form, `pid:start`.
    public var description: String { "\(pid):\(startTime)" }

    /// Reads the stored form back.
    public init?(stored: String) {
        let parts = stored.split(separator: ":")
        guard parts.count == 2, let pid = Int32(parts[0]), let start = UInt64(parts[1]) else { return nil }
        self.init(pid: pid, startTime: start)
    }

    /// True while the process this holder names is running (a zombie counts as gone).
    public var isRunning: Bool {
        #if os(Linux)
        guard let stat = Self.stat(of: pid) else { return false }
        if stat.state == "Z" || stat.state == "X" { return false }
        return startTime == 0 || stat.start == startTime
        #else
        return kill(pid, 0) == 0 || errno == EPERM
        #endif
    }

    private static func startTime(of pid: Int32) -> UInt64? {
        #if os(Linux)
        return stat(of: pid)?.start
        #else
        return nil
        #endif
    }

    /// The state letter and start time from `/proc/<pid>/stat`; the command name may hold spaces
    /// and parentheses, so fields are counted from the last `)`.
    private static func stat(of pid: Int32) -> (state: Character, start: UInt64)? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
              let text = String(data: data, encoding: .utf8), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the name: state is field 3 of the line, starttime field 22.
        guard fields.count > 19, let state = fields[0].first, let start = UInt64(fields[19]) else { return nil }
        return (state, start)
    }
}
