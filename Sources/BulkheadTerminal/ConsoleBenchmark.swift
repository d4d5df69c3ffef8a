import BulkheadConsole
import Foundation

/// Measurements for `bulkhead-bench console`: what one keypress costs on a big result.
///
/// The figures cover the console's own work per keypress: `update`, `view` (the whole frame),
/// and the frame diff the ncurses driver does before writing the changed cells.
public enum ConsoleBenchmark {
    /// Milliseconds per keypress (Down, then PgDn, alternating) on a 100,000-row answer of the
    /// preview services at `size`, over `samples` presses, sorted ascending.
    public static func keypressRedraw(samples: Int = 500, size: TerminalSize = TerminalSize(width: 120, height: 40)) async -> [Double] {
        var driver = await HeadlessDriver.start(services: PreviewServices(), size: size)
        await driver.type("ada@acme.test")
        await driver.press(.tab)
        await driver.type(PreviewServices.password)
        await driver.press(.enter, .char("2"))
        await driver.type("all order items")
        await driver.press(.enter)
        var state = driver.state
        var previous = Console.view(state, size: size)
        var timings: [Double] = []
        timings.reserveCapacity(samples)
        let clock = ContinuousClock()
        for index in 0..<samples {
            let key: Key = index % 10 == 9 ? .pageDown : .down
            let elapsed = clock.measure {
                state = Console.update(state, .key(key)).0
                let frame = Console.view(state, size: size)
                var changed = 0
                for y in 0..<frame.height {
                    for x in 0..<frame.width where frame[x, y] != previous[x, y] { changed += 1 }
                }
                previous = frame
                _ = changed
            }
            // Pages that a real run would fetch arrive between keypresses.
            if let outcome = state.ask.outcome {
                for offset in state.ask.pending.sorted() {
                    let rows = try? await PreviewServices().rowsForBenchmark(requestID: outcome.requestID, offset: offset)
                    state = Console.update(state, .rowsLoaded(requestID: outcome.requestID, order: nil, offset: offset, rows: rows ?? [])).0
                }
            }
            timings.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        return timings.sorted()
    }
}
