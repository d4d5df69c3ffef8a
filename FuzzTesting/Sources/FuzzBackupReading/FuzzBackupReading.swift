import BulkheadFuzzEntries

/// libFuzzer's entry point for `FuzzTarget.backupReading`: one input, then back to the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzTarget.backupReading.runBlocking(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}
