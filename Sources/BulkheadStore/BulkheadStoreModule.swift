/// Namespace of the BulkheadStore module; see ../shared/DESIGN.md for its one job.
public enum BulkheadStoreModule {}
