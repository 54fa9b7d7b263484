"""Organisations, users, roles, clearance, sessions, API tokens and the access rule."""
