/// A centered dialog over the current screen: the palette, the help, the org picker.
public enum Modal {
    /// The dialog's frame, centered in `bounds`, at most `width`×`height`.
    public static func frame(in bounds: Rect, width: Int, height: Int) -> Rect {
        let w = min(width, bounds.width - 2)
        let h = min(height, bounds.height - 2)
        return Rect(x: bounds.x + (bounds.width - w) / 2, y: bounds.y + (bounds.height - h) / 2, width: w, height: h)
    }

    /// Clears the frame, draws a focused border with `title`, and returns the inside.
    @discardableResult
    public static func draw(into grid: inout CellGrid, frame: Rect, title: String, footer: String? = nil) -> Rect {
        grid.fill(frame, style: .panel)
        grid.box(frame, style: Style.focusBorder.on(.panel), title: title, titleStyle: Style.title.on(.panel))
        if let footer { grid.boxFooter(frame, text: footer, style: Style.muted.on(.panel)) }
        return frame.inset()
    }
}
