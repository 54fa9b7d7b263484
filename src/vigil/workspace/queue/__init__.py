"""The triage queue: filters, live counts, SLA clocks, supervisor notifications."""
