/// Namespace of the BulkheadAuth module; see ../shared/DESIGN.md for its one job.
public enum BulkheadAuthModule {}
