import NIOSSH

/// A request the audit client sends on a session channel.
enum AuditSSHRequest: Sendable {
    case pty
    case env(String, String)
    case shell
    case exec(String)
    case subsystem(String)

    /// The swift-nio-ssh event that carries it (every one wants a reply).
    var event: any Sendable {
        switch self {
        case .pty:
            return SSHChannelRequestEvent.PseudoTerminalRequest(wantReply: true, term: "xterm-256color", terminalCharacterWidth: 80,
                                                                terminalRowHeight: 24, terminalPixelWidth: 0, terminalPixelHeight: 0,
                                                                terminalModes: SSHTerminalModes([:]))
        case let .env(name, value): return SSHChannelRequestEvent.EnvironmentRequest(wantReply: true, name: name, value: value)
        case .shell: return SSHChannelRequestEvent.ShellRequest(wantReply: true)
        case let .exec(command): return SSHChannelRequestEvent.ExecRequest(command: command, wantReply: true)
        case let .subsystem(name): return SSHChannelRequestEvent.SubsystemRequest(subsystem: name, wantReply: true)
        }
    }
}
