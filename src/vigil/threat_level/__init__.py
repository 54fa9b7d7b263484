"""Threat levels with history, and the posture playbooks a change triggers."""
