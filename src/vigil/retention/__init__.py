"""Retention review and disposal (MoPI-style): review dates, a review queue, human decisions."""
