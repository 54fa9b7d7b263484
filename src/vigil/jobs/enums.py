from __future__ import annotations

from enum import StrEnum


class JobState(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    dead = "dead"  # failed max_attempts times; needs a human (manual triage)
