import Foundation

/// `bulkhead-bench query|vectors DATA_DIR|context|ask|console|ssh`: benchmarks that print JSON.
let arguments = Array(CommandLine.arguments.dropFirst())
let rest = Array(arguments.dropFirst())
do {
    switch arguments.first {
    case "query":
        print(try QueryBench.run(arguments: rest))
    case "vectors":
        try VectorBench.run(arguments: rest)
    case "context":
        print(try await ContextBench.run(arguments: rest))
    case "ask":
        print(try await AskBench.run(arguments: rest))
    case "console":
        print(try await ConsoleBench.run(arguments: rest))
    case "ssh":
        print(try await SSHBench.run(arguments: rest))
    default:
        FileHandle.standardError.write(Data("usage: bulkhead-bench query [--chinook PATH] | vectors DATA_DIR [--reopen] | context | ask [--chinook PATH] | console | ssh\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("bulkhead-bench: \(error)\n".utf8))
    exit(1)
}
