"""Durable jobs: a table written with the data it concerns, claimed by workers under a lease."""
