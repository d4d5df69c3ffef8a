import Foundation
import Testing

/// `query` and `ask` with `--format csv|json|table` and the unchanged `--json`.
@Suite(.serialized) struct ResultFormatCLITests {
    private static let sql = "select id, name, price, null as missing, '' as blank from products order by id limit 5"

    @Test func csvHasTheSameRowsAsTheJSONDocument() throws {
        let demo = try DemoWorkspace.shared.get()
        let json = try demo.run(as: "ada@acme.test", ["query", "retail", Self.sql, "--json"]).json()
        let rows = try #require(json["rows"] as? [[Any]])
        let csv = try demo.run(as: "ada@acme.test", ["query", "retail", Self.sql, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "id,name,price,missing,blank")
        #expect(lines.count == rows.count + 1)
        for (line, row) in zip(lines.dropFirst(), rows) {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields[0] == "\(row[0])")
            #expect(fields[1] == row[1] as? String)
            #expect(Double(fields[2]) == row[2] as? Double, "prices keep full precision")
            #expect(fields[3] == "", "NULL is an empty field")
            #expect(fields[4] == "\"\"", "an empty string is a quoted empty field")
        }
        let plain = try demo.run(as: "ada@acme.test", ["query", "retail", Self.sql, "--json"])
        let asJSON = try demo.run(as: "ada@acme.test", ["query", "retail", Self.sql, "--format", "json"])
        #expect(asJSON.stdout == plain.stdout, "--format json prints the --json document")
    }

    @Test func tableRightAlignsNumbersAndShowsNullApartFromEmpty() throws {
        let demo = try DemoWorkspace.shared.get()
        let table = try demo.run(as: "ada@acme.test", ["query", "retail", Self.sql, "--format", "table"])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("id"))
        #expect(lines[2].contains("∅"))
        // The price column's numbers end at the same column.
        let ends = lines[2...6].map { line -> Int in
            let price = line.split(separator: " ").first { $0.contains(".") }!
            return line.distance(from: line.startIndex, to: line.range(of: String(price))!.upperBound)
        }
        #expect(Set(ends).count == 1)
    }

    @Test func askStreamsEveryRowAsCSVAndRefusesTwoFormats() throws {
        let demo = try DemoWorkspace.shared.get()
        let csv = try demo.run(as: "gus@globex.test", ["ask", "list all patients", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let count = try demo.run(as: "gus@globex.test", ["query", "clinic", "select count(*) from patients", "--json"]).json()
        let total = try #require((count["rows"] as? [[Any]])?.first?.first as? Int)
        #expect(csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == total + 1)
        #expect(!csv.stdout.contains("ACME-CANARY"))
        let both = try demo.run(as: "gus@globex.test", ["ask", "list all patients", "--json", "--format", "csv"])
        #expect(both.status == 2)
        let bad = try demo.run(as: "gus@globex.test", ["query", "clinic", "select 1", "--format", "xml"])
        #expect(bad.status == 2)
    }

    @Test func versionIsPrinted() throws {
        let result = try CLI.freshHome("version").run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }
}
