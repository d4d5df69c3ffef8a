// The libFuzzer executable for FuzzTarget "FuzzCSVReader"; its hooks are in FuzzEntryPoint.
import FuzzEntryPoint
