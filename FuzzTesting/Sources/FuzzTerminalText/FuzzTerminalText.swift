// The libFuzzer executable for FuzzTarget "FuzzTerminalText"; its hooks are in FuzzEntryPoint.
import FuzzEntryPoint
