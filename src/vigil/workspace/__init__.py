"""The analyst workspace: queue, report pages, grading, actions, operations, search, exports."""
