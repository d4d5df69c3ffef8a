import BulkheadAuth
import BulkheadCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSH

extension SessionChannelHandler {
    /// What a session runs.
    enum Program {
        /// The console, on the session's terminal.
        case console
        /// One allowed command, on pipes.
        case exec(ExecCommand)
    }

    /// The outcome of opening a session off the event loop.
    enum Opening: Sendable {
        case opened(SSHSessionGrant)
        case refused(ServerRefusal)
    }

    /// Takes the caps' slots and opens the control-plane session, then starts the child.
    func start(_ program: Program) {
        guard let channel else { return }
        phase = .starting
        guard let identity = connection.identity else {
            refuse(.notOpened, closing: true)
            return
        }
        guard let org = identity.orgID else {
            refuse(.severalOrgs(identity.orgChoices, email: identity.email), closing: true, exitCode: 2)
            return
        }
        let server = self.server, client = connection.client
        let loop = channel.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        server.blocking.runIfActive(eventLoop: loop) { () -> ServerRefusal? in
            server.acquireSessionSlots(user: identity.userID, org: org)
        }.flatMap { refusal -> EventLoopFuture<Opening> in
            if let refusal { return loop.makeSucceededFuture(.refused(refusal)) }
            return loop.makeFutureWithTask {
                do {
                    return .opened(try await server.auth.openSSHSession(identity, client: client,
                                                                        lifetime: server.configuration.maxSessionLength,
                                                                        server: server.credential))
                } catch {
                    server.releaseSessionSlots(user: identity.userID, org: org)
                    return .refused(.notOpened)
                }
            }
        }.assumeIsolated().whenComplete { result in
            let handler = bound.value
            switch result {
            case let .success(.opened(grant)):
                handler.capsHeld = (identity.userID, org)
                handler.launch(program, grant: grant, fingerprint: identity.fingerprint)
            case let .success(.refused(refusal)):
                handler.refuse(refusal, closing: true, exitCode: 1)
            case .failure:
                handler.refuse(.notOpened, closing: true)
            }
        }
    }

    /// Starts the child for an opened session and wires its streams to the channel.
    func launch(_ program: Program, grant: SSHSessionGrant, fingerprint: String) {
        principal = grant.principal
        guard phase == .starting, let channel else {
            // The client left while the session was being opened.
            cleanUp()
            return
        }
        let configuration = server.configuration
        let spawned: ChildProcess
        do {
            switch program {
            case .console:
                let terminal = self.terminal ?? ("xterm-256color", WindowSize(columns: 80, rows: 24))
                spawned = try ChildProcess.spawnOnTerminal(
                    executable: configuration.executable, arguments: [],
                    environment: environment.entries(home: configuration.home, token: grant.token, term: terminal.term,
                                                      store: configuration.storeEnvironment),
                    size: terminal.size)
            case let .exec(command):
                spawned = try ChildProcess.spawnOnPipes(
                    executable: configuration.executable, arguments: command.arguments,
                    environment: environment.entries(home: configuration.home, token: grant.token, term: nil, store: configuration.storeEnvironment))
            }
        } catch {
            refuse(.notOpened, closing: true)
            return
        }
        child = spawned
        phase = .running
        let loop = channel.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        let kind: LiveSession.Kind
        if case .console = program { kind = .console } else { kind = .exec }
        let session = LiveSession(principal: grant.principal, fingerprint: fingerprint, kind: kind, pid: spawned.pid,
                                  startedAt: grant.issuedAt,
                                  stop: { reason in loop.execute { bound.value.stop(reason) } },
                                  announce: { loop.execute { bound.value.announceShutdown() } })
        live = session
        server.registry.add(session)
        server.log.opened(session)
        server.reaper.watch(spawned.pid) { code in loop.execute { bound.value.childExited(code) } }
        attachStreams(spawned.io, channel: channel, bound: bound)
    }

    /// Makes pipe channels of the child's streams: output goes to the SSH channel, input comes from it.
    private func attachStreams(_ io: ChildProcess.IO, channel: any Channel, bound: NIOLoopBound<SessionChannelHandler>) {
        let loop = channel.eventLoop
        func bridge(_ type: SSHChannelData.DataType) -> NIOPipeBootstrap {
            NIOPipeBootstrap(group: loop)
                .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
                .channelInitializer { pipe in
                    pipe.eventLoop.makeCompletedFuture {
                        try pipe.pipeline.syncOperations.addHandler(PipeBridge(owner: bound, type: type))
                    }
                }
        }
        switch io {
        case let .terminal(master, _):
            openOutputs = 1
            bridge(.channel).takingOwnershipOfDescriptor(inputOutput: master).assumeIsolated().whenComplete { result in
                bound.value.streamReady(result, carriesInput: true, fallback: [master])
            }
        case let .pipes(stdin, stdout, stderr):
            openOutputs = 2
            bridge(.channel).takingOwnershipOfDescriptors(input: stdout, output: stdin).assumeIsolated().whenComplete { result in
                bound.value.streamReady(result, carriesInput: true, fallback: [stdout, stdin])
            }
            bridge(.stdErr).takingOwnershipOfDescriptor(input: stderr).assumeIsolated().whenComplete { result in
                bound.value.streamReady(result, carriesInput: false, fallback: [stderr])
            }
        }
    }

    /// A stream's pipe channel is ready (or failed: its descriptors are closed and it counts as ended).
    func streamReady(_ result: Result<any Channel, any Error>, carriesInput: Bool, fallback: [Int32]) {
        switch result {
        case let .success(pipe):
            guard carriesInput else { return }
            input = pipe
            for bytes in pendingInput { pipe.write(bytes, promise: nil) }
            pipe.flush()
            pendingInput.removeAll()
            pendingBytes = 0
            if phase == .closed { pipe.close(promise: nil) }
        case .failure:
            fallback.forEach { close($0) }
            outputEnded()
        }
    }

    /// Output from the child, to the client.
    func forward(_ bytes: ByteBuffer, as type: SSHChannelData.DataType) {
        guard phase != .closed, let channel else { return }
        live?.sent(bytes.readableBytes)
        channel.writeAndFlush(SSHChannelData(type: type, data: .byteBuffer(bytes)), promise: nil)
    }
}

extension ServerContext {
    /// Takes one of the user's and one of the org's session slots, or says which cap is full.
    func acquireSessionSlots(user: UserID, org: OrgID) -> ServerRefusal? {
        let now = clock.now()
        let perUser = configuration.maxSessionsPerUser, perOrg = configuration.maxSessionsPerOrg
        guard (try? limits.acquire(.sshSessions, scope: .user(user), limit: perUser, now: now)) == true else { return .userCap(perUser) }
        guard (try? limits.acquire(.sshSessions, scope: .org(org), limit: perOrg, now: now)) == true else {
            limits.release(.sshSessions, scope: .user(user))
            return .orgCap(perOrg)
        }
        return nil
    }

    /// Gives back the slots of ``acquireSessionSlots(user:org:)``.
    func releaseSessionSlots(user: UserID, org: OrgID) {
        limits.release(.sshSessions, scope: .user(user))
        limits.release(.sshSessions, scope: .org(org))
    }
}
