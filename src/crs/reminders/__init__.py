"""Reminders and notifications: deadlines chased by background tasks (crs worker)."""
