import BulkheadCore

extension Source.Add {
    /// True when `location` names a PostgreSQL database rather than a file.
    static func isPostgresURL(_ location: String) -> Bool {
        let lower = location.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// `source add NAME postgres://USER@HOST:PORT/DB --password-stdin`: the password is read from
    /// standard input (or a no-echo prompt on a terminal), never taken from the URL or an argument.
    func addPostgres() async throws {
        if let kind, kind != "postgres" { throw BulkheadError.invalidInput("a postgres:// location is a PostgreSQL source") }
        let env = try CommandEnvironment(global)
        let principal = try await env.principal()
        guard let password = PasswordInput.read(prompt: "Password for \(path): "), !password.isEmpty else {
            throw BulkheadError.invalidInput("no password given; pass it on standard input with --password-stdin")
        }
        let added = try await env.services.addPostgresSource(principal, name: name, url: path, password: password)
        Output.line("added source \(added.source.name) (postgres)")
    }
}
