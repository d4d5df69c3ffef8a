/// A horizontal progress bar with a percentage.
public enum ProgressBar {
    /// Draws `fraction` (0...1) of `width` columns at (`x`, `y`), followed by the percentage.
    public static func render(into grid: inout CellGrid, x: Int, y: Int, width: Int, fraction: Double) {
        let label = " " + String(Int((min(1, max(0, fraction)) * 100).rounded())) + "%"
        let barWidth = max(1, width - DisplayWidth.of(label))
        let filled = Int((Double(barWidth) * min(1, max(0, fraction))).rounded())
        grid.put(String(repeating: "█", count: filled), x: x, y: y, style: Style(fg: .accent))
        grid.put(String(repeating: "░", count: barWidth - filled), x: x + filled, y: y, style: .border)
        grid.put(label, x: x + barWidth, y: y, style: .accent)
    }
}
