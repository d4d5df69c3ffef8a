import Foundation

/// The terminal's clipboard, reached with OSC 52 (xterm, tmux, kitty, iTerm2, WezTerm and most
/// terminals over SSH).
public enum Clipboard {
    /// The largest text copied (terminals drop longer sequences).
    public static let maxBytes = 65_536

    /// The OSC 52 sequence that copies `text`: `ESC ] 52 ; c ; <base64> BEL`, or nil when it is
    /// longer than `maxBytes`. Only base64 goes to the terminal, never the text's own bytes, so a
    /// tenant's value holding escape sequences cannot steer the terminal.
    public static func osc52(_ text: String) -> String? {
        let data = Data(text.utf8)
        guard data.count <= maxBytes else { return nil }
        return "\u{1B}]52;c;" + data.base64EncodedString() + "\u{07}"
    }
}
