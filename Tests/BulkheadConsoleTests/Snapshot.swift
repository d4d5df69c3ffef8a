import Foundation
import Testing

/// Compares rendered text with `__Snapshots__/<name>.txt` next to this file.
///
/// A missing or different snapshot fails, unless `BULKHEAD_RECORD_SNAPSHOTS=1` is set, in which
/// case the file is (re)written; review the files before committing them.
func assertSnapshot(_ text: String, named name: String, filePath: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["BULKHEAD_RECORD_SNAPSHOTS"] == "1"
    guard let stored = try? String(contentsOf: file, encoding: .utf8) else {
        if record {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        Issue.record("missing snapshot \(name).txt; run with BULKHEAD_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    if stored != text {
        if record {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let old = stored.split(separator: "\n", omittingEmptySubsequences: false)
        let new = text.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = (0..<min(old.count, new.count)).first { old[$0] != new[$0] } ?? min(old.count, new.count)
        let expected = firstDifference < old.count ? String(old[firstDifference]) : "<end>"
        let actual = firstDifference < new.count ? String(new[firstDifference]) : "<end>"
        Issue.record("snapshot \(name).txt differs at line \(firstDifference + 1):\n  stored: \(expected)\n  now:    \(actual)",
                     sourceLocation: sourceLocation)
    }
}
