import BulkheadConsole
import BulkheadTerminal
import Foundation

/// Key codes through the console's key decoder, as `get_wch` would return them, and every decoded
/// key through the console's `update`, with the frame drawn once the keys are in.
///
/// Input: records of five bytes, a kind (even: a character read with OK; odd: a function key read
/// with KEY_CODE_YES) and a 32-bit little-endian value.
/// Properties: decoding never traps; the console's state survives any key sequence; the frame
/// has the terminal's size and no raw control character. (One frame per input, not per key: a
/// frame costs far more than a key under the sanitizers, and the fuzzer needs the executions.)
enum KeyDecoderFuzz {
    static let size = TerminalSize(width: 80, height: 24)

    static func run(_ data: Data) {
        var (state, _) = Console.start(size: size, themeName: "dark", themeNames: ["dark", "light", "high-contrast"])
        let bytes = [UInt8](data)
        var index = 0
        while index + 5 <= bytes.count {
            let value = UInt32(bytes[index + 1]) | UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3]) << 16 | UInt32(bytes[index + 4]) << 24
            let key = bytes[index] % 2 == 0 ? KeyDecoder.character(value) : KeyDecoder.function(Int32(bitPattern: value))
            index += 5
            guard let key else { continue }
            state = Console.update(state, .key(key)).0
        }
        let frame = Console.view(state, size: size)
        precondition(frame.width == size.width && frame.height == size.height, "a frame of the wrong size")
        for cell in frame.cells {
            precondition(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                         "a raw control character reached the grid")
        }
    }
}
