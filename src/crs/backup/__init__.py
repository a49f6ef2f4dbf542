"""Backup, restore and a subject's own data: `crs backup`, `crs restore`, `crs subject-access`.

A backup is the whole database as Django's portable JSON (gzip), so a backup taken on SQLite
restores on PostgreSQL and the other way round, with the audit trail and access log intact
(their hash chains are re-verified after every restore). For a large PostgreSQL database a
force should also keep the server's own backups (pg_dump, or continuous archiving): see
docs/deploy.md.
"""
