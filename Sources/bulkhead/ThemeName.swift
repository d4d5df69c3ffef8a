import ArgumentParser
import BulkheadConsole

/// The value of `--theme`: the name of a theme the console can load, checked while the
/// arguments are parsed, so an unknown one is a usage error (exit 2) and is never remembered.
///
/// The set is closed but not fixed: it is the built-in themes plus the `*.toml` files the
/// console finds (`ThemeCatalog.searchDirectories()`), so a theme file someone added is valid too.
struct ThemeName: ExpressibleByArgument, Sendable {
    /// The theme's name, as the catalog knows it.
    let name: String

    init?(argument: String) {
        guard ThemeCatalog.load(directories: ThemeCatalog.searchDirectories()).themes[argument] != nil else { return nil }
        name = argument
    }

    /// The built-in names, for `--help` and for the usage error.
    static var allValueStrings: [String] { ThemeCatalog.builtIn.names }
}
