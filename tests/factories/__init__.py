"""Factories, one module per domain."""
