// The libFuzzer executable for FuzzTarget "FuzzSandbox"; its hooks are in FuzzEntryPoint.
import FuzzEntryPoint
