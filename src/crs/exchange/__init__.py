"""Data exchange: previous outcomes imported from a force's records system, and the
Home Office outcome 8 export."""
