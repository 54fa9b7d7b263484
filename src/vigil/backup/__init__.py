"""Backup and restore: a consistent database snapshot, the attachment files and a manifest."""
