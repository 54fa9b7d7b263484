"""Database side of triage (job glue): the SQL link index, the context, storing results.

Like ``tasks.py`` and ``models.py``, this sub-package is glue; the engine never imports it.
"""
