/// Namespace of the BulkheadEngine module; see ../shared/DESIGN.md for its one job.
public enum BulkheadEngineModule {}
