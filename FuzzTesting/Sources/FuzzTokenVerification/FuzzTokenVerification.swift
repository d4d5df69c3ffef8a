// The libFuzzer executable for FuzzTarget "FuzzTokenVerification"; its hooks are in FuzzEntryPoint.
import FuzzEntryPoint
