/// Namespace of the BulkheadVectors module; see ../shared/DESIGN.md for its one job.
public enum BulkheadVectorsModule {}
