import BulkheadCore
import Foundation

/// What a settings update does: keys to delete, then entries to put (replacing equal keys).
public struct SettingsChange: Sendable, Hashable {
    public var delete: [String]
    public var put: [String: String]

    public init(delete: [String] = [], put: [String: String] = [:]) {
        self.delete = delete
        self.put = put
    }
}

/// The org's settings (model and embedder choices, sealed keys), as keys and values.
public protocol SettingsStore: Sendable {
    /// The settings whose keys start with `prefix`.
    func settings(_ principal: Principal, prefix: String) throws -> [String: String]
    /// In one transaction: reads the settings with `prefix`, lets `change` decide (it may throw
    /// to refuse), and applies the change.
    func updateSettings(_ principal: Principal, prefix: String,
                        _ change: @escaping @Sendable ([String: String]) throws -> SettingsChange) throws
}
