import BulkheadConsole
import BulkheadTerminal
import Foundation

/// Builds each screen the way a user reaches it, through the headless driver and the preview
/// services (real update, real effects, real view), so snapshots show what people will see.
enum Scenarios {
    static let sizes = [TerminalSize(width: 100, height: 30), TerminalSize(width: 40, height: 12)]
    static let tick = Date(timeIntervalSinceReferenceDate: 800_000_000)

    static let names = [
        "welcome", "welcome-accounts", "login", "login-error", "login-orgs", "sources", "sources-table", "sources-filter",
        "sources-samples", "ask-empty", "ask-running", "ask-result", "ask-big-result", "ask-cancelled", "inspector",
        "inspector-body", "inspector-diff", "audit", "audit-running", "audit-report", "help", "palette",
        "sources-preview-scrolled", "ask-sorted", "ask-searched", "ask-search-typing", "ask-cell", "ask-export",
        "ask-chart-bars", "ask-chart-line", "audit-replay", "audit-tour", "split", "split-broadcast", "split-help",
    ]

    static func loggedIn(_ size: TerminalSize, as email: String = "ada@acme.test") async -> HeadlessDriver {
        var driver = await HeadlessDriver.start(services: PreviewServices(), size: size)
        await driver.type(email)
        await driver.press(.tab)
        await driver.type(PreviewServices.password)
        await driver.press(.enter)
        return driver
    }

    /// Logged in, on the ask screen, with the answer to `question` (results focused).
    static func asked(_ question: String, size: TerminalSize) async -> HeadlessDriver {
        var driver = await loggedIn(size)
        await driver.press(.char("2"))
        await driver.type(question)
        await driver.press(.enter)
        return driver
    }

    /// Ada (Acme) on the left and Gus (Globex) on the right, each logged in on its own preview services.
    static func splitDesk(_ size: TerminalSize) async -> DeskState {
        let left = await loggedIn(size, as: "ada@acme.test")
        let right = await loggedIn(size, as: "gus@globex.test")
        return Desk.split(left.state, right.state, size: size)
    }

    /// The frame text of scenario `name` at `size`.
    static func render(_ name: String, size: TerminalSize) async -> String {
        switch name {
        case "welcome":
            return await HeadlessDriver.start(services: PreviewServices(homeIsEmpty: true), size: size).render()
        case "welcome-accounts":
            var driver = await HeadlessDriver.start(services: PreviewServices(homeIsEmpty: true), size: size)
            await driver.press(.char("d"))
            await driver.press(.down)
            return driver.render()
        case "login":
            var driver = await HeadlessDriver.start(services: PreviewServices(), size: size)
            await driver.type("ada@acme.test")
            await driver.press(.tab)
            await driver.type("secret")
            return driver.render()
        case "login-error":
            var driver = await HeadlessDriver.start(services: PreviewServices(), size: size)
            await driver.type("ada@acme.test")
            await driver.press(.tab)
            await driver.type("wrong password")
            await driver.press(.enter)
            return driver.render()
        case "login-orgs":
            var driver = await HeadlessDriver.start(services: PreviewServices(), size: size)
            await driver.type("multi@example.test")
            await driver.press(.tab)
            await driver.type(PreviewServices.password)
            await driver.press(.enter, .down)
            return driver.render()
        case "sources":
            return await loggedIn(size).render()
        case "sources-table":
            var driver = await loggedIn(size)
            await driver.press(.enter, .down, .enter, .down, .down)
            return driver.render()
        case "sources-filter":
            var driver = await loggedIn(size)
            await driver.press(.char("/"))
            await driver.type("ord")
            return driver.render()
        case "sources-samples":
            var driver = await loggedIn(size)
            await driver.press(.enter, .down, .tab, .down)
            return driver.render()
        case "ask-empty":
            var driver = await loggedIn(size)
            await driver.press(.char("2"))
            return driver.render()
        case "ask-running":
            var driver = await loggedIn(size)
            await driver.press(.char("2"))
            await driver.type("top 5 customers by total spent")
            var state = Console.update(driver.state, .key(.enter)).0
            state = Console.update(state, .tick(tick)).0
            state = Console.update(state, .tick(tick.addingTimeInterval(2.3))).0
            return Console.view(state, size: size).plainText()
        case "ask-result":
            var driver = await loggedIn(size)
            await driver.press(.char("2"))
            await driver.type("top 5 customers by total spent")
            await driver.press(.enter, .char("g"))
            return driver.render()
        case "ask-big-result":
            var driver = await loggedIn(size)
            await driver.press(.char("2"))
            await driver.type("all order items")
            await driver.press(.enter, .pageDown, .pageDown, .down, .char("l"))
            return driver.render()
        case "ask-cancelled":
            var driver = await loggedIn(size)
            await driver.press(.char("2"))
            await driver.type("all order items")
            var state = Console.update(driver.state, .key(.enter)).0
            state = Console.update(state, .tick(tick)).0
            state = Console.update(state, .tick(tick.addingTimeInterval(1.2))).0
            state = Console.update(state, .key(.ctrl("c"))).0
            return Console.view(state, size: size).plainText()
        case "inspector":
            var driver = await loggedIn(size)
            await driver.press(.char("3"))
            return driver.render()
        case "inspector-body":
            var driver = await loggedIn(size)
            await driver.press(.char("3"), .enter, .char("l"))
            return driver.render()
        case "inspector-diff":
            var driver = await loggedIn(size)
            await driver.press(.char("3"), .enter, .char("l"), .char("l"))
            return driver.render()
        case "audit":
            var driver = await loggedIn(size)
            await driver.press(.char("4"))
            return driver.render()
        case "audit-running":
            var driver = await loggedIn(size)
            await driver.press(.char("4"))
            var state = Console.update(driver.state, .key(.char("r"))).0
            state = Console.update(state, .tick(tick)).0
            state = Console.update(state, .auditProgress(AuditProgress(completed: 5, total: 13, current: "ATTACH another tenant's database"))).0
            return Console.view(state, size: size).plainText()
        case "audit-report":
            var driver = await loggedIn(size)
            await driver.press(.char("4"), .char("r"), .char("G"))
            return driver.render()
        case "help":
            var driver = await loggedIn(size)
            await driver.press(.char("?"))
            return driver.render()
        case "palette":
            var driver = await loggedIn(size)
            await driver.press(.char(":"))
            await driver.type("theme")
            await driver.press(.down)
            return driver.render()
        case "sources-preview-scrolled":
            var driver = await loggedIn(size)
            await driver.press(.enter, .down, .tab, .pageDown, .pageDown, .down)
            return driver.render()
        case "ask-sorted":
            var driver = await asked("all order items", size: size)
            await driver.press(.char("l"), .char("l"), .char("l"), .char("l"), .char("s"), .char("s"))
            return driver.render()
        case "ask-searched":
            var driver = await asked("top 5 customers by total spent", size: size)
            await driver.press(.char("/"))
            await driver.type("spain")
            await driver.press(.enter)
            return driver.render()
        case "ask-search-typing":
            var driver = await asked("all order items", size: size)
            await driver.press(.char("/"))
            await driver.type("129")
            return driver.render()
        case "ask-cell":
            var driver = await asked("top 5 customers by total spent", size: size)
            await driver.press(.down, .char("l"), .char("l"), .char("l"), .enter)
            return driver.render()
        case "ask-export":
            var driver = await asked("all order items", size: size)
            await driver.press(.char("e"), .down)
            return driver.render()
        case "ask-chart-bars":
            var driver = await asked("revenue by country", size: size)
            await driver.press(.char("c"), .down)
            return driver.render()
        case "ask-chart-line":
            var driver = await asked("orders per month", size: size)
            await driver.press(.char("c"))
            return driver.render()
        case "audit-replay":
            var driver = await loggedIn(size)
            await driver.press(.char("4"), .char("r"))
            await driver.press(.down, .down, .down, .down, .down, .down, .enter)
            return driver.render()
        case "audit-tour":
            var driver = await loggedIn(size)
            await driver.press(.char("4"), .char("r"), .char("t"), .right)
            return driver.render()
        case "split":
            return Desk.view(await splitDesk(size), size: size).plainText()
        case "split-broadcast":
            var desk = await splitDesk(size)
            desk = Desk.update(desk, .key(.ctrl("a"))).0
            for character in "how many customers" { desk = Desk.update(desk, .key(.char(character))).0 }
            return Desk.view(desk, size: size).plainText()
        case "split-help":
            var desk = await splitDesk(size)
            desk = Desk.update(desk, .key(.tab)).0
            desk = Desk.update(desk, .key(.char("?"))).0
            return Desk.view(desk, size: size).plainText()
        default:
            return "unknown scenario \(name)"
        }
    }
}
