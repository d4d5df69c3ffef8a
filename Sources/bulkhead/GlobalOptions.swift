import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "The Bulkhead home (default: BULKHEAD_HOME, else the XDG data directory).")
    var home: String?
}

/// The `--json` flag of commands that can print one JSON document.
struct JSONFlag: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document on stdout and nothing else.")
    var json = false
}
