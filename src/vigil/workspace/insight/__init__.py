"""The dashboard: counts, trends and time-to-first-action against SLA."""
