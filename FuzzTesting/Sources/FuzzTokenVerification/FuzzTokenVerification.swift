import BulkheadFuzzEntries

/// libFuzzer's setup hook: builds what `FuzzTarget.tokenVerification` needs once, before the first input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzTarget.tokenVerification.prepare()
    return 0
}

/// libFuzzer's entry point for `FuzzTarget.tokenVerification`: one input, then back to the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzTarget.tokenVerification.runBlocking(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}
