import Foundation

/// The themes the console can use: the built-in ones, overlaid by `*.toml` files found on disk.
///
/// Where files are looked for, in order (later wins for the same name):
/// 1. the compiled-in copies of the shipped themes (so nothing on disk is required);
/// 2. `themes/` of the package the executable was built from: the executable's directory and each
///    of its parents up to five levels (`.build/debug/bulkhead` → the checkout's `themes/`);
/// 3. `themes/` in the current directory;
/// 4. `$BULKHEAD_THEMES` if set (a folder of `.toml` files).
/// A file that does not parse is skipped and listed in `problems`, never fatal.
public struct ThemeCatalog: Sendable {
    /// Themes by name.
    public private(set) var themes: [String: Theme]
    /// Files that could not be read, as `file name: reason`.
    public private(set) var problems: [String]

    /// The default theme's name.
    public static let defaultName = "dark"

    /// Only the compiled-in themes.
    public static let builtIn: ThemeCatalog = {
        var catalog = ThemeCatalog(themes: [:], problems: [])
        for (name, toml) in BuiltInThemes.sources {
            if let theme = try? Theme.parse(toml, fallbackName: name) { catalog.themes[name] = theme }
        }
        return catalog
    }()

    /// The built-in themes overlaid by every readable file in `directories`.
    public static func load(directories: [URL]) -> ThemeCatalog {
        var catalog = builtIn
        let files = FileManager.default
        for directory in directories {
            guard let names = try? files.contentsOfDirectory(atPath: directory.path) else { continue }
            for file in names.sorted() where file.hasSuffix(".toml") {
                let url = directory.appendingPathComponent(file)
                let stem = String(file.dropLast(5))
                do {
                    let text = try String(contentsOf: url, encoding: .utf8)
                    let theme = try Theme.parse(text, fallbackName: stem)
                    catalog.themes[theme.name] = theme
                } catch let error as ThemeError {
                    catalog.problems.append("\(file): \(error.message)")
                } catch {
                    catalog.problems.append("\(file): not readable as UTF-8 text")
                }
            }
        }
        return catalog
    }

    /// The folders searched for theme files, as described on the type.
    public static func searchDirectories(executable: URL? = Bundle.main.executableURL,
                                         currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                         environment: [String: String] = ProcessInfo.processInfo.environment) -> [URL] {
        var result: [URL] = []
        if let executable {
            var directory = executable.resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<6 {
                let candidate = directory.appendingPathComponent("themes")
                if FileManager.default.fileExists(atPath: candidate.path) {
                    result.append(candidate)
                    break
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        let local = currentDirectory.appendingPathComponent("themes")
        if !result.contains(local) { result.append(local) }
        if let custom = environment["BULKHEAD_THEMES"], !custom.isEmpty {
            result.append(URL(fileURLWithPath: custom))
        }
        return result
    }

    /// Theme names, the shipped ones first in their usual order, then the rest sorted.
    public var names: [String] {
        let shipped = BuiltInThemes.sources.map(\.name)
        return shipped.filter { themes[$0] != nil } + themes.keys.filter { !shipped.contains($0) }.sorted()
    }

    /// The named theme, or the default one when the name is unknown.
    public func theme(named name: String) -> Theme {
        themes[name] ?? themes[Self.defaultName] ?? Theme(name: "dark", colors: [:], bold: [])
    }
}
