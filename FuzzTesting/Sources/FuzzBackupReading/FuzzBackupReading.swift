// The libFuzzer executable for FuzzTarget "FuzzBackupReading"; its hooks are in FuzzEntryPoint.
import FuzzEntryPoint
