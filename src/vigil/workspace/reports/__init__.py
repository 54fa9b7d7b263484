"""One report: its page, workflow, overrides, grading and possible-match review."""
