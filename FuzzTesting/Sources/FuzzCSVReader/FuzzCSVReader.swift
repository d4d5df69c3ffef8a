import BulkheadFuzzEntries

/// libFuzzer's setup hook: builds what `FuzzTarget.csvReader` needs once, before the first input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzTarget.csvReader.prepare()
    return 0
}

/// libFuzzer's entry point for `FuzzTarget.csvReader`: one input, then back to the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzTarget.csvReader.runBlocking(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}
