/// Namespace of the BulkheadConsole module; see ../shared/DESIGN.md for its one job.
public enum BulkheadConsoleModule {}
