"""The oversight dashboard: volumes, timeliness, quality and fairness."""
