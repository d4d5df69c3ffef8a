// The libFuzzer executable for FuzzTarget "FuzzOfflinePlanner"; its hooks are in FuzzEntryPoint.
import FuzzEntryPoint
