// The libFuzzer executable for FuzzTarget "FuzzKeyDecoder"; its hooks are in FuzzEntryPoint.
import FuzzEntryPoint
