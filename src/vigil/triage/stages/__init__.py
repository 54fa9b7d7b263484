"""The ordered stages of the triage pipeline; see docs/triage.md for each stage's contract."""
