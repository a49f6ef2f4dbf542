"""crs.retention: review and disposal of cases whose retention period has ended.

    crs retention review [--on DATE]                     what is due, by rule
    crs retention dispose --on DATE --by USER [--dry-run]

The schedule (schedule.toml, or the file CRS_RETENTION_SCHEDULE names) gives each rule
its period and its source. Disposal erases the case's personal data from every table and
from the audit and access chains (docs/decisions/0009), keeps a row of anonymised
statistics, and writes an erasure record that names the case reference but no person.
It also erases the access log's entries about no one case (searches, exports of many)
once the schedule's [access_log] period has passed (crs.retention.access_log).
"""
