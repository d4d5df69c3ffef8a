import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "The Bulkhead home (default: BULKHEAD_HOME, else the XDG data directory).")
    var home: String?
    @Option(name: .long, help: ArgumentHelp("Where the data lives: sqlite (the home's files, the default) or postgres://USER@HOST:PORT/DB (default: BULKHEAD_STORE; the role's password from BULKHEAD_STORE_PASSWORD or BULKHEAD_STORE_PASSWORD_FILE).", valueName: "store"))
    var store: String?
}

/// The `--json` flag of commands that can print one JSON document.
struct JSONFlag: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document on stdout and nothing else.")
    var json = false
}
