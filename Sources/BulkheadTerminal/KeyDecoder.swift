import BulkheadConsole
import CNCursesW

/// Turns what `get_wch` returned into a `Key`.
package enum KeyDecoder {
    /// A character read with `OK`.
    package static func character(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A function key read with `KEY_CODE_YES`.
    package static func function(_ code: Int32) -> Key? {
        switch code {
        case bh_key_up(): return .up
        case bh_key_down(): return .down
        case bh_key_left(): return .left
        case bh_key_right(): return .right
        case bh_key_home(): return .home
        case bh_key_end(): return .end
        case bh_key_npage(): return .pageDown
        case bh_key_ppage(): return .pageUp
        case bh_key_backspace(): return .backspace
        case bh_key_dc(): return .delete
        case bh_key_btab(): return .backTab
        case bh_key_enter(): return .enter
        default:
            for n in 1...12 where code == bh_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }
}
