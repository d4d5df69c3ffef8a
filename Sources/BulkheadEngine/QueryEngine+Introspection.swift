import BulkheadCore
import Foundation

extension QueryEngine {
    /// Reads the schema of a file about to become a source, on a sandboxed connection of its own,
    /// within `introspectionTimeLimit`; returns it with the file's stamp for the schema cache.
    ///
    /// On failure the CSV cache just written is removed and nothing is recorded; a time-out reads
    /// as what it is, a schema too slow to read, so the person adding the file knows why.
    func introspect(_ path: String, kind: SourceKind, org: OrgID, id: SourceID) throws -> (SourceSchema, FileStamp) {
        do {
            let probe = try SandboxedConnection(path: path)
            let schema = try SchemaIntrospector.read(probe, timeLimit: introspectionTimeLimit)
            guard let stamp = FileStamp(path: path) else { throw SourcePathPolicy.refusal }
            return (schema, stamp)
        } catch {
            if kind == .csv { try? FileManager.default.removeItem(at: csvCacheURL(org: org, id: id)) }
            if case let .timeLimit(seconds) = error as? BulkheadError {
                throw BulkheadError.invalidInput(
                    "the source's tables could not be read within \(Self.seconds(seconds)) s (a view may be too slow), so it was not added")
            }
            throw error
        }
    }

    /// Seconds as a person writes them: "10", or "0.5".
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
