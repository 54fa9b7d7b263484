"""Full-text search over reports and the POLE entity index."""
