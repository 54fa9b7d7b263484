"""Append-only, hash-chained audit events (DPA 2018 s.62 logging)."""
