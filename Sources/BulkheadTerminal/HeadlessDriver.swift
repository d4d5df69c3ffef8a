import BulkheadConsole

/// A driver without a terminal: feeds messages through `update`, performs the effects against
/// real `ConsoleServices` and waits for them, and renders frames as plain text. Tests and the
/// benchmark use it; snapshots are its `render()` output.
public struct HeadlessDriver: Sendable {
    /// The current state.
    public private(set) var state: ConsoleState
    /// The terminal size frames are drawn at.
    public var size: TerminalSize
    /// Every effect `update` asked for, in order (tests check them).
    public private(set) var effects: [Effect] = []
    private let services: any ConsoleServices

    /// Starts a console over `services` at `size` and runs the startup effect.
    public static func start(services: any ConsoleServices, size: TerminalSize, themeName: String = ThemeCatalog.defaultName) async -> HeadlessDriver {
        let (state, effects) = Console.start(size: size, themeName: themeName, themeNames: ThemeCatalog.builtIn.names)
        var driver = HeadlessDriver(state: state, size: size, services: services)
        await driver.perform(effects)
        return driver
    }

    /// Renders the current state as text, one line per row.
    public func render() -> String {
        Console.view(state, size: size).plainText()
    }

    /// The current frame.
    public func frame() -> CellGrid {
        Console.view(state, size: size)
    }

    /// Sends one message, then performs every effect it caused (and those their results caused).
    public mutating func send(_ message: Message) async {
        let (next, effects) = Console.update(state, message)
        state = next
        await perform(effects)
    }

    /// Types each character of `text` as a key.
    public mutating func type(_ text: String) async {
        for character in text { await send(.key(.char(character))) }
    }

    /// Sends keys one after another.
    public mutating func press(_ keys: Key...) async {
        for key in keys { await send(.key(key)) }
    }

    /// Changes the size (and tells the console, as a terminal resize would).
    public mutating func resize(_ size: TerminalSize) async {
        self.size = size
        await send(.resize(size))
    }

    private mutating func perform(_ effects: [Effect]) async {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            self.effects.append(effect)
            if effect == .quit || effect == .cancel { continue }
            let collector = Collector()
            let runner = EffectRunner(services: services) { collector.post($0) }
            await runner.perform(effect)
            await runner.waitForAsk()
            for message in collector.drain() {
                let (next, more) = Console.update(state, message)
                state = next
                queue += more
            }
        }
    }
}

private typealias Collector = Inbox<Message>
