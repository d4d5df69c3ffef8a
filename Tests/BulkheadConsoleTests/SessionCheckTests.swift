import BulkheadConsole
import Foundation
import Synchronization
import Testing

/// The console's periodic re-check of who is logged in: an effect on a timer, and the way back to
/// the login screen with the reason when the session ended.
@Suite("Session re-check")
struct SessionCheckTests {
    private func loggedIn() -> ConsoleState {
        let (state, _) = Console.start(size: TerminalSize(width: 100, height: 30), themeName: "dark", themeNames: ["dark"])
        let login = Console.update(state, .started(ConsoleStartup(homeIsEmpty: false, session: nil))).0
        return Console.update(login, .loggedIn(ConsoleSession(email: "ada@acme.test", orgName: "Acme", role: "admin"))).0
    }

    @Test("ticks ask for a re-check every two seconds while logged in, one at a time, and never before login")
    func schedule() {
        let start = Date(timeIntervalSince1970: 1_000)
        var state = loggedIn()
        #expect(state.tickInterval == 1, "a logged-in console gets slow ticks even when idle")
        var (next, effects) = Console.update(state, .tick(start))
        #expect(effects == [.checkSession])
        (next, effects) = Console.update(next, .tick(start.addingTimeInterval(3)))
        #expect(effects.isEmpty, "no second check while one is in flight")
        (next, effects) = Console.update(next, .sessionChecked(.valid))
        #expect(next.screen == .sources && next.session != nil)
        (next, effects) = Console.update(next, .tick(start.addingTimeInterval(3.5)))
        #expect(effects == [.checkSession])
        (next, effects) = Console.update(next, .failed(.session, "internal error"))
        (next, effects) = Console.update(next, .tick(start.addingTimeInterval(4)))
        #expect(effects.isEmpty, "at most one check every two seconds")
        state = Console.start(size: TerminalSize(width: 100, height: 30), themeName: "dark", themeNames: ["dark"]).0
        state = Console.update(state, .started(ConsoleStartup(homeIsEmpty: false, session: nil))).0
        #expect(Console.update(state, .tick(start)).1.isEmpty)
        #expect(state.tickInterval == nil)
    }

    @Test("an ended session returns to the login screen with the reason, keeping the email")
    func ended() {
        var (state, _) = Console.update(loggedIn(), .tick(Date()))
        state = Console.update(state, .sessionChecked(.ended("your session was ended (revoked)"))).0
        #expect(state.screen == .login)
        #expect(state.session == nil)
        #expect(state.login.error == "your session was ended (revoked)")
        #expect(state.login.email.text == "ada@acme.test")
        #expect(state.notice == Notice("your session was ended (revoked)", isError: true))
        let screen = Console.view(state, size: state.size).plainText()
        #expect(screen.contains("your session was ended (revoked)"))
        #expect(screen.contains("not logged in"))
    }

    @Test("the runner turns the services' answer into a message")
    func runner() async throws {
        let services = PreviewServices()
        _ = try await services.login(email: "ada@acme.test", password: PreviewServices.password, org: nil)
        let sent = Mutex<[Message]>([])
        let runner = EffectRunner(services: services) { message in sent.withLock { $0.append(message) } }
        await runner.perform(.checkSession)
        services.endSession(reason: "your role in this organization changed")
        await runner.perform(.checkSession)
        let checks = sent.withLock { $0 }.compactMap { message -> SessionCheck? in
            if case let .sessionChecked(check) = message { return check }
            return nil
        }
        #expect(checks == [.valid, .ended("your role in this organization changed")])
    }
}
