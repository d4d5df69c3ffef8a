import BulkheadFuzzEntries

/// libFuzzer's two hooks, shared by every target: the executable's own name (`FuzzSandbox`, …)
/// picks the `FuzzTarget`, so each target is an executable of one import and nothing else.
enum FuzzEntryPoint {
    /// The target this process fuzzes, chosen once in `LLVMFuzzerInitialize`.
    nonisolated(unsafe) static var target: FuzzTarget?
}

/// Picks the target from the executable's name and builds its fixtures once, before the first input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    guard let program = argv?.pointee?.pointee.map({ String(cString: $0) }),
          let name = program.split(separator: "/").last,
          let target = FuzzTarget(rawValue: String(name)) else {
        preconditionFailure("the fuzz executable's name is not a FuzzTarget")
    }
    FuzzEntryPoint.target = target
    target.prepare()
    return 0
}

/// Runs one input through the chosen target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzEntryPoint.target?.runBlocking(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}
