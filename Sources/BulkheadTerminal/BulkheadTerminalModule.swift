/// Namespace of the BulkheadTerminal module; see ../shared/DESIGN.md for its one job.
public enum BulkheadTerminalModule {}
