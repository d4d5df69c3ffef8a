import BulkheadFuzzEntries

/// libFuzzer's entry point for `FuzzTarget.csvReader`: one input, then back to the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzTarget.csvReader.runBlocking(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}
