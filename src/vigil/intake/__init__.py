"""Intake: every channel's reports arrive here, stored with their triage job in one transaction."""
