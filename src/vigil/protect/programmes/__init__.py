"""Review programmes: one review per target, worked through its states to closed."""
