import BulkheadConsole
import BulkheadCore
import BulkheadTerminal
import Foundation
import Synchronization
import Testing

/// Collects what the runner sends, from any thread.
private final class Sent: Sendable {
    private let messages = Mutex<[Message]>([])
    func post(_ message: Message) { messages.withLock { $0.append(message) } }
    var all: [Message] { messages.withLock { $0 } }
}

@Suite("Effect runner")
struct EffectRunnerTests {
    @Test("a cancelled ask sends nothing late, so it cannot stop the next question")
    func cancelDropsLateAnswer() async throws {
        let services = PreviewServices(askDelay: .milliseconds(300))
        _ = try await services.login(email: "ada@acme.test", password: PreviewServices.password, org: nil)
        let sent = Sent()
        let runner = EffectRunner(services: services) { sent.post($0) }
        await runner.perform(.ask(question: "all order items", source: nil))
        await runner.perform(.cancel)
        await runner.waitForAsk()
        #expect(sent.all.isEmpty)
        await runner.perform(.ask(question: "top customers", source: nil))
        await runner.waitForAsk()
        let answers = sent.all.compactMap { message -> AskOutcome? in
            if case let .answered(outcome) = message { return outcome }
            return nil
        }
        #expect(answers.map(\.requestID) == ["req-0003"])
    }

    @Test("only errors written to be shown keep their text")
    func safeMessages() {
        #expect(EffectRunner.safeMessage(BulkheadError.lockedOut(retryAfterSeconds: 120)) == "too many failed logins; try again in 120 s")
        #expect(EffectRunner.safeMessage(ConsoleFailure("source 'x' is busy")) == "source 'x' is busy")
        let raw = NSError(domain: "SQLite", code: 14, userInfo: [NSLocalizedDescriptionKey: "unable to open /srv/bulkhead/tenants/globex.db"])
        let shown = EffectRunner.safeMessage(raw)
        #expect(shown == "internal error (code console)")
        #expect(!shown.contains("globex"))
    }

    @Test("login errors from the services reach the login screen; lockout after five failures")
    func lockout() async {
        var driver = await HeadlessDriver.start(services: PreviewServices(), size: TerminalSize(width: 100, height: 30))
        await driver.type("ADA@acme.test ")
        await driver.press(.tab)
        for _ in 0..<6 {
            await driver.type("wrong")
            await driver.press(.enter)
        }
        #expect(driver.render().contains("too many failed logins; try again in 60 s"))
        #expect(driver.state.screen == .login)
    }
}
