import Foundation

// Temporary wiring on the `vectors` branch so the vector benchmark can run; the lead reconciles main.swift.
let benchArguments = Array(CommandLine.arguments.dropFirst())
if benchArguments.first == "vectors" {
    do {
        try VectorBench.run(arguments: Array(benchArguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("bulkhead-bench: \(error)\n".utf8))
        exit(1)
    }
} else {
    print("{}")
}
