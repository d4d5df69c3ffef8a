import TOMLKit

/// A 24-bit color.
public struct RGB: Hashable, Sendable {
    /// Red, green and blue, 0...255.
    public var r: UInt8, g: UInt8, b: UInt8

    /// Makes a color.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses `#rrggbb`; nil for anything else.
    public init?(hex: String) {
        var text = Substring(hex)
        guard text.first == "#" else { return nil }
        text = text.dropFirst()
        guard text.count == 6, let value = UInt32(text, radix: 16) else { return nil }
        self.init(UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }

    /// `#rrggbb`.
    public var hex: String {
        func two(_ v: UInt8) -> String { v < 16 ? "0" + String(v, radix: 16) : String(v, radix: 16) }
        return "#" + two(r) + two(g) + two(b)
    }
}

/// A color theme: one color per slot, and which slots are drawn bold.
///
/// Themes are data (`themes/*.toml`), so a user can add one without rebuilding; the three shipped
/// themes are also compiled in, so a missing folder never leaves the console without colors.
public struct Theme: Equatable, Sendable {
    /// The name shown in the status bar and used by `--theme`.
    public var name: String
    /// The color of each slot; a slot left out falls back to `text` or `background`.
    public var colors: [ColorSlot: RGB]
    /// Slots whose text is bold in addition to the style's own bold.
    public var bold: Set<ColorSlot>

    /// Makes a theme.
    public init(name: String, colors: [ColorSlot: RGB], bold: Set<ColorSlot>) {
        self.name = name
        self.colors = colors
        self.bold = bold
    }

    /// The color of a slot, falling back to the text or background color.
    public func color(_ slot: ColorSlot) -> RGB {
        if let color = colors[slot] { return color }
        switch slot {
        case .background, .selection, .status, .badge, .panel:
            return colors[.background] ?? RGB(0, 0, 0)
        default:
            return colors[.text] ?? RGB(255, 255, 255)
        }
    }

    /// Reads a theme from a TOML file of `themes/*.toml` (parsed by TOMLKit).
    ///
    /// `name = "..."`, then `[colors]` with `slot = "#rrggbb"` and `[bold]` with `slot = true`.
    /// Unknown slots are ignored so older builds can read newer themes; a wrong type is an error
    /// that names the key, and a syntax error names the line.
    public static func parse(_ text: String, fallbackName: String) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError(message: "line \(error.source.begin.line): \(error.description)")
        } catch {
            throw ThemeError(message: "not a TOML document")
        }
        var colors: [ColorSlot: RGB] = [:]
        var bold: Set<ColorSlot> = []
        if let section = table["colors"] {
            guard let colorTable = section.table else { throw ThemeError(message: "colors must be a table") }
            for key in colorTable.keys {
                guard let slot = ColorSlot(rawValue: key) else { continue }
                guard let hex = colorTable[key]?.string, let rgb = RGB(hex: hex) else {
                    throw ThemeError(message: "colors.\(key) must be a color like \"#1a2b3c\"")
                }
                colors[slot] = rgb
            }
        }
        if let section = table["bold"] {
            guard let boldTable = section.table else { throw ThemeError(message: "bold must be a table") }
            for key in boldTable.keys {
                guard let slot = ColorSlot(rawValue: key) else { continue }
                guard let flag = boldTable[key]?.bool else { throw ThemeError(message: "bold.\(key) must be true or false") }
                if flag { bold.insert(slot) }
            }
        }
        var name = fallbackName
        if let given = table["name"] {
            guard let string = given.string else { throw ThemeError(message: "name must be a string") }
            name = string
        }
        guard colors[.background] != nil, colors[.text] != nil else {
            throw ThemeError(message: "a theme needs at least colors.background and colors.text")
        }
        return Theme(name: name, colors: colors, bold: bold)
    }
}

/// A theme file that could not be read; the message names the key, never a path.
public struct ThemeError: Error, Equatable, Sendable {
    /// What is wrong.
    public let message: String
}
