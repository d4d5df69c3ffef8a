import ArgumentParser
import Foundation
import BulkheadAuth
import BulkheadBackend
import BulkheadCore
import BulkheadServer
import BulkheadStore

/// `bulkhead serve [--ssh HOST:PORT]`: the SSH server, one console per session.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the console over SSH: each user's key decides who they are (operator).",
        discussion: """
            Users add their public key with `bulkhead key add`, then connect with `ssh -p PORT HOST`. The SSH user name is \
            ignored unless it contains @: then it must be the key owner's email, optionally followed by /ORG to choose one of \
            their organizations. A session needs a terminal (ssh -t); without one, only these commands run, as JSON: \
            \(ExecCommand.allowed). No operator command is reachable over SSH.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("ssh"), help: "Where to listen, HOST:PORT.") var address = "127.0.0.1:2222"
    @Flag(name: .customLong("print-host-key"), help: "Print the host key's fingerprint and exit (the key is made on first use).")
    var printHostKey = false
    @Option(help: "End a session after this many seconds without input.") var idleTimeout: Double = 1800
    @Option(help: "End a session after this many seconds in any case.") var maxSession: Double = 8 * 3600
    @Option(help: "Live sessions one user may have at once.") var maxSessionsPerUser = 5
    @Option(help: "Live sessions one organization may have at once.") var maxSessionsPerOrg = 100
    @Option(help: "On SIGTERM, how many seconds sessions get to end before they are closed.") var drain: Double = 10
    @Option(help: "How often live sessions are checked (revoked, key removed, idle), in seconds.") var checkInterval: Double = 2

    func validate() throws {
        guard idleTimeout > 0, maxSession > 0, maxSessionsPerUser > 0, maxSessionsPerOrg > 0, drain >= 0,
              checkInterval >= 0.2, checkInterval <= 60 else {
            throw ValidationError("times and caps must be positive (the check interval 0.2 to 60 s)")
        }
    }

    func run() async throws {
        try await CommandFailure.run {
            let env = try CommandEnvironment(global)
            let credential = try env.services.auth.sshServer()
            if printHostKey {
                Output.line("256 \(credential.hostKey.fingerprint) bulkhead (ED25519)")
                return
            }
            signal(SIGPIPE, SIG_IGN)
            var configuration = SSHServerConfiguration(address: try ServerAddress(parsing: address), executable: Self.executable,
                                                       home: env.workspace.root)
            configuration.idleTimeout = idleTimeout
            configuration.maxSessionLength = maxSession
            configuration.maxSessionsPerUser = maxSessionsPerUser
            configuration.maxSessionsPerOrg = maxSessionsPerOrg
            configuration.checkInterval = checkInterval
            let environment = ProcessInfo.processInfo.environment
            configuration.storeEnvironment = try StoreBackend.resolve(option: global.store, environment: environment)
                .childEnvironment(from: environment)
            let server = SSHServer(configuration: configuration, auth: env.services.auth, credential: credential,
                                   events: env.services.control, limits: env.services.stores.limits,
                                   log: SessionLog(write: Self.write))
            let port = try await server.start()
            Self.write("listening on \(ServerAddress(host: configuration.address.host, port: port))")
            Self.write("ED25519 host key fingerprint is \(server.hostKeyFingerprint)")
            let signal = await Self.termination()
            Self.write("received \(signal == SIGTERM ? "SIGTERM" : "SIGINT"): draining")
            await server.drain(within: drain)
            await server.shutdown()
            Self.write("stopped")
        }
    }

    /// The running `bulkhead` binary, which each session runs.
    static var executable: URL {
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: link)
    }

    /// Writes one line of the server's log on stdout at once (unbuffered, ids only).
    @Sendable static func write(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Waits for SIGTERM or SIGINT and returns which.
    static func termination() async -> Int32 {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }
        for await number in stream { return number }
        return SIGTERM
    }
}
