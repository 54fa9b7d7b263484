"""Protective security: registers of protected persons, premises and crowded places; review
programmes; the triage context the registers feed."""
