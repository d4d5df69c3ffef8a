import BulkheadConsole

/// How many colors the terminal can show, and how a theme color becomes a terminal color number.
///
/// Truecolor when the terminfo entry is direct-color (`COLORS` ≥ 2^24, e.g. `TERM=xterm-direct`,
/// where a color number *is* `0xRRGGBB`); otherwise the nearest of the xterm 256-color palette;
/// otherwise the nearest of the 16 or 8 ANSI colors; otherwise (or with `NO_COLOR`) attributes only.
/// The palette of the terminal is never redefined, so nothing leaks into the shell after exit.
public enum ColorMode: Equatable, Sendable {
    /// 24-bit: color numbers are `0xRRGGBB` (terminfo with `RGB`, `COLORS` ≥ 2^24).
    case direct
    /// The xterm 256-color palette.
    case palette256
    /// The 16 ANSI colors.
    case ansi16
    /// The 8 ANSI colors.
    case ansi8
    /// No colors: bold, dim, underline and reverse only (also `NO_COLOR`).
    case mono

    /// The mode for a terminal reporting `colors` colors.
    public static func detect(colors: Int, hasColors: Bool, noColor: Bool) -> ColorMode {
        if noColor || !hasColors || colors < 8 { return .mono }
        if colors >= 0x1000000 { return .direct }
        if colors >= 256 { return .palette256 }
        if colors >= 16 { return .ansi16 }
        return .ansi8
    }

    /// The terminal color number for `rgb`.
    public func number(for rgb: RGB) -> Int {
        switch self {
        case .direct: return Int(rgb.r) << 16 | Int(rgb.g) << 8 | Int(rgb.b)
        case .palette256: return Self.nearest256(rgb)
        case .ansi16: return Self.nearestANSI(rgb, count: 16)
        case .ansi8: return Self.nearestANSI(rgb, count: 8)
        case .mono: return -1
        }
    }

    private static let ansi: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0), RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0), RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    private static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    static func nearestANSI(_ rgb: RGB, count: Int) -> Int {
        var best = 0
        for index in 0..<count where distance(ansi[index], rgb) < distance(ansi[best], rgb) { best = index }
        return best
    }

    static func nearest256(_ rgb: RGB) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func level(_ v: UInt8) -> Int {
            var best = 0
            for index in 0..<6 where abs(levels[index] - Int(v)) < abs(levels[best] - Int(v)) { best = index }
            return best
        }
        let r = level(rgb.r), g = level(rgb.g), b = level(rgb.b)
        let cube = RGB(UInt8(levels[r]), UInt8(levels[g]), UInt8(levels[b]))
        let cubeIndex = 16 + 36 * r + 6 * g + b
        let average = (Int(rgb.r) + Int(rgb.g) + Int(rgb.b)) / 3
        let grayStep = max(0, min(23, (average - 8 + 5) / 10))
        let grayValue = UInt8(8 + 10 * grayStep)
        let gray = RGB(grayValue, grayValue, grayValue)
        return distance(gray, rgb) < distance(cube, rgb) ? 232 + grayStep : cubeIndex
    }
}
