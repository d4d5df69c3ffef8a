/// Reads the widths and precisions of a SQL `printf`/`format` format string, the way SQLite does.
///
/// SQLite's `%c` repeats its character once per unit of precision in a loop that neither
/// allocates nor checks the clock, so `printf('%.*c', 2000000000, 'x')` spends seconds in one
/// call however small the length limit is. `SandboxFunctions` asks this reader first and refuses
/// a width or precision that would build more than the length limit (SQLite would fail on such a
/// result anyway, only later). It does not format anything: SQLite still does that.
///
/// `%c` gets a tighter bound: its repeats may fill at most half the limit. SQLite's string
/// builder doubles its buffer only while the doubled size fits the limit; past half of it, it
/// grows by the few bytes of each append, one reallocation per character, which is quadratic
/// wherever `realloc` copies (the fuzzer found this under AddressSanitizer's allocator: eight
/// million repeats ran past ten seconds). Below half, the growth stays geometric everywhere.
///
/// The grammar follows SQLite's `sqlite3_str_vappendf` for SQL functions: flags `-+ #!0,`, a
/// width (digits or `*`), a precision (`.` then digits or `*`), an optional `l` or `ll`, and a
/// conversion. `%%` and `%n` take no argument; an unknown conversion ends the format, as it does
/// in SQLite.
enum FormatWidths {
    /// Conversions whose precision is a maximum (of characters taken), so it never builds output.
    static let cuttingConversions: Set<UInt8> = Set("sqQwz".utf8)
    /// The bytes SQLite's `%c` takes from a text: a lead byte and the continuation bytes after it, at most four.
    static func characterBytes(_ text: UnsafeBufferPointer<UInt8>) -> Int64 {
        guard let lead = text.first, lead & 0xC0 == 0xC0 else { return 1 }
        var length: Int64 = 1
        while length < 4, Int(length) < text.count, text[Int(length)] & 0xC0 == 0x80 { length += 1 }
        return length
    }

    /// Conversions SQLite's SQL functions understand.
    static let knownConversions: Set<UInt8> = Set("dsgzqQwcouxXfeEGinpr%".utf8)

    /// True when no width, and no building precision, in `format` exceeds `limit`, and no `%c`
    /// repeats its character into more than half of it.
    ///
    /// `argument(i)` reads the i-th argument after the format as an integer, for `*`;
    /// `characterBytes(i)` is the size of the character `%c` would take from it (1 to 4).
    static func fit(_ format: some Collection<UInt8>, limit: Int64, argument: (Int) -> Int64,
                    characterBytes: (Int) -> Int64 = { _ in 1 }) -> Bool {
        let bytes = Array(format)
        var index = 0
        var nextArgument = 0
        func take() -> Int64 {
            defer { nextArgument += 1 }
            return argument(nextArgument)
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "%") else {
                index += 1
                continue
            }
            index += 1
            var precision: Int64 = -1
            // Flags, then the width, then the precision.
            while index < bytes.count, "-+ #!0,".utf8.contains(bytes[index]) { index += 1 }
            let width = number(bytes, &index, take)
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                precision = number(bytes, &index, take)
            }
            // Length modifier.
            while index < bytes.count, bytes[index] == UInt8(ascii: "l") { index += 1 }
            guard index < bytes.count else { return width <= limit }
            let conversion = bytes[index]
            index += 1
            guard knownConversions.contains(conversion) else { return width <= limit }
            if width > limit { return false }
            if precision > limit, !cuttingConversions.contains(conversion) { return false }
            if conversion == UInt8(ascii: "c"), precision > 1,
               precision.multipliedReportingOverflow(by: characterBytes(nextArgument)).partialValue > limit / 2 { return false }
            if conversion != UInt8(ascii: "%"), conversion != UInt8(ascii: "n") { nextArgument += 1 }
        }
        return true
    }

    /// Reads a width or precision: `*` takes the next argument (its size: SQLite turns a negative
    /// one around), otherwise decimal digits.
    private static func number(_ bytes: [UInt8], _ index: inout Int, _ take: () -> Int64) -> Int64 {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "*") else { return digits(bytes, &index) }
        index += 1
        let value = take()
        return value == Int64.min ? Int64.max : abs(value)
    }

    /// Reads decimal digits as SQLite does (wrapping, then keeping 31 bits).
    private static func digits(_ bytes: [UInt8], _ index: inout Int) -> Int64 {
        var value: UInt32 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value &* 10 &+ UInt32(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return Int64(value & 0x7fff_ffff)
    }
}
