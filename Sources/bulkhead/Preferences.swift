import Foundation
import BulkheadStore

/// What the console remembers between runs (the theme), in the home, 0600.
struct Preferences {
    let workspace: Workspace

    private var url: URL { workspace.privateFileURL("preferences.json") }

    /// The remembered theme, if any.
    func theme() -> String? {
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["theme"] as? String
    }

    /// Remembers the theme.
    func save(theme: String) throws {
        let data = try JSONSerialization.data(withJSONObject: ["theme": theme], options: [.sortedKeys])
        try workspace.writePrivateFile(data, to: url)
    }
}
