import BulkheadCore
import Foundation
import Testing

@Suite("Terminal text")
struct TerminalTextTests {
    @Test("every C0 control but newline and tab, DEL, every C1 control and the bidi controls are shown, never kept")
    func everyControl() {
        var controls: [Unicode.Scalar] = (0x00...0x1F).compactMap(Unicode.Scalar.init)
        controls += [Unicode.Scalar(0x7F)!]
        controls += (0x80...0x9F).compactMap(Unicode.Scalar.init)
        controls += (0x202A...0x202E).compactMap(Unicode.Scalar.init) + (0x2066...0x2069).compactMap(Unicode.Scalar.init)
        for scalar in controls where scalar != "\n" && scalar != "\t" {
            let text = "a" + String(Character(scalar)) + "b"
            let shown = TerminalText.escaped(text)
            #expect(!shown.unicodeScalars.contains(scalar), "U+\(String(scalar.value, radix: 16)) survived")
            #expect(shown != "ab", "U+\(String(scalar.value, radix: 16)) was dropped, not shown")
            #expect(shown.hasPrefix("a") && shown.hasSuffix("b"))
        }
    }

    @Test("the examples of the attack look like what they are")
    func examples() {
        #expect(TerminalText.escaped("\u{1B}[2J") == "␛[2J")
        #expect(TerminalText.escaped("\u{1B}]52;c;SGVsbG8=\u{07}") == "␛]52;c;SGVsbG8=␇")
        #expect(TerminalText.escaped("\u{1B}]0;title\u{07}") == "␛]0;title␇")
        #expect(TerminalText.escaped("a\u{0}b") == "a␀b")
        #expect(TerminalText.escaped("\u{9B}31m") == "<U+009B>31m")
        #expect(TerminalText.escaped("abc\u{202E}def") == "abc<U+202E>def")
        #expect(TerminalText.escaped("x\u{2067}y\u{2069}") == "x<U+2067>y<U+2069>")
        #expect(TerminalText.escaped("del\u{7F}") == "del␡")
    }

    @Test("newline and tab stay in lines and are shown in single-line cells; plain text is returned as it is")
    func newlinesAndPlainText() {
        #expect(TerminalText.escaped("a\nb\tc") == "a\nb\tc")
        #expect(TerminalText.escaped("a\nb\tc", singleLine: true) == "a␊b␉c")
        let plain = "Zoë 山田 🙂 café"
        #expect(TerminalText.escaped(plain) == plain)
        #expect(TerminalText.escaped(plain, singleLine: true) == plain)
    }

    @Test("a value with an escape never looks like the same value without it")
    func distinct() {
        let pairs = [("\u{1B}[2J", "[2J"), ("a\u{0}", "a"), ("\u{202E}x", "x"), ("\u{85}", "")]
        for (with, without) in pairs {
            #expect(TerminalText.escaped(with) != TerminalText.escaped(without))
        }
    }
}
