"""Optional machine-learning classifiers for triage (the `ml` extra: torch, the packaged
all-MiniLM-L6-v2 sentence encoder, model2vec). Nothing here is imported by default."""
