import BulkheadCore
import Foundation
import Testing

/// The one formatter every display surface uses, and the streaming formats of exports.
@Suite("Value formatter")
struct ValueFormatterTests {
    @Test("money keeps its cents, long decimals round to two (four below one), huge and tiny use an exponent")
    func reals() {
        #expect(ValueFormatter.text(.real(3.99)) == "3.99")
        #expect(ValueFormatter.text(.real(0.1 + 0.2)) == "0.3", "float noise is not a decimal")
        #expect(ValueFormatter.text(.real(0.123456)) == "0.1235")
        #expect(ValueFormatter.text(.real(1234.5600000001)) == "1234.56")
        #expect(ValueFormatter.text(.real(41.666666)) == "41.67")
        #expect(ValueFormatter.text(.real(12.0)) == "12")
        #expect(ValueFormatter.text(.real(12_345_678.5)) == "12,345,678.5")
        #expect(ValueFormatter.text(.real(-7.125)) == "-7.13")
        #expect(ValueFormatter.text(.real(0.000012345)) == "1.23e-5")
        #expect(ValueFormatter.text(.real(6.02e23)) == "6.02e23")
        #expect(ValueFormatter.text(.real(.nan)) == "NaN")
        #expect(ValueFormatter.text(.integer(2024)) == "2024", "years and ids are never grouped")
    }

    @Test("NULL is ∅ and an empty string stays blank; bytes show their size; plain is exact")
    func nullAndText() {
        #expect(ValueFormatter.text(.null) == "∅")
        #expect(ValueFormatter.text(.text("")) == "")
        #expect(ValueFormatter.text(.blob(Data([1, 2, 3]))) == "<3 bytes>")
        #expect(ValueFormatter.plain(.null) == "")
        #expect(ValueFormatter.plain(.real(0.1 + 0.2)) == "0.30000000000000004")
        #expect(ValueFormatter.plain(.blob(Data([1, 2, 3]))) == "AQID")
    }

    @Test("a column of numbers right-aligns with one number of decimals; any text makes it a text column")
    func columns() {
        let money = ValueFormatter.column(of: [.real(10), .real(3.5), .real(2.25), .null, .integer(4)])
        #expect(money == ValueFormatter.Column(numeric: true, decimals: 2))
        #expect(ValueFormatter.text(.real(10), in: money) == "10.00")
        #expect(ValueFormatter.text(.real(3.5), in: money) == "3.50")
        #expect(ValueFormatter.column(of: [.integer(1), .text("x")]) == .text)
        #expect(ValueFormatter.column(of: [.null, .null]).numeric == false)
        #expect(DisplayValue.integer(2) < .real(2.5) && DisplayValue.null < .integer(0) && DisplayValue.real(9) < .text("a"))
    }

    @Test("CSV: RFC 4180 quoting, NULL as an empty field, an empty string as \"\", exact numbers")
    func csv() {
        let encoder = ResultEncoder(format: .csv, columns: ["name", "note, with comma", "n"])
        #expect(encoder.header() == "name,\"note, with comma\",n\r\n")
        #expect(encoder.line([.text("say \"hi\""), .null, .real(0.1 + 0.2)]) == "\"say \"\"hi\"\"\",,0.30000000000000004\r\n")
        #expect(encoder.line([.text(""), .text("two\r\nlines"), .integer(-3)]) == "\"\",\"two\r\nlines\",-3\r\n")
        #expect(encoder.line([.text(" padded"), .text("plain"), .integer(1)]) == "\" padded\",plain,1\r\n")
    }

    @Test("JSON lines: one object per row keyed by column (repeated names numbered), numbers as numbers, NULL as null")
    func jsonLines() throws {
        let encoder = ResultEncoder(format: .jsonLines, columns: ["id", "id", "v"])
        let line = encoder.line([.integer(1), .integer(2), .null])
        #expect(line.hasSuffix("\n") && !line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["id"] as? Int == 1 && object["id:2"] as? Int == 2 && object["v"] is NSNull)
    }

    @Test("Markdown: pipes escaped, line breaks as <br>, numeric columns right-aligned and formatted")
    func markdown() {
        let sample: [[DisplayValue]] = [[.text("a|b"), .real(2.5)], [.text("x\ny"), .null]]
        let encoder = ResultEncoder(format: .markdown, columns: ["name", "amount"], sample: sample)
        #expect(encoder.header() == "| name | amount |\n| --- | ---: |\n")
        #expect(encoder.line(sample[0]) == "| a\\|b | 2.5 |\n")
        #expect(encoder.line(sample[1]) == "| x<br>y | ∅ |\n")
    }
}
