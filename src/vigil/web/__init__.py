"""Shared web plumbing: security middleware, templates, dependencies, static assets."""
