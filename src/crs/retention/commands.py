"""The `crs retention` commands, added to the command line by crs.cli (argparse only)."""

from __future__ import annotations


def add_commands(sub, lazy) -> None:
    p = sub.add_parser("retention", help="retention review and disposal of closed cases")
    rsub = p.add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    q = rsub.add_parser(
        "review",
        help="list the cases whose retention period has ended, with counts by rule",
        description="List the closed, withdrawn or refused cases whose retention period "
        "(schedule: CRS_RETENTION_SCHEDULE, or crs's default with its sources) has ended "
        "by DATE, and count the access log entries about no one case (searches, exports "
        "of many) due for erasure under the schedule's access_log rule. Changes nothing.",
    )
    q.add_argument("--on", metavar="DATE", help="review as on this date, YYYY-MM-DD (today)")
    q.set_defaults(run=lazy("crs.retention.cli", "cmd_review"))
    q = rsub.add_parser(
        "dispose",
        help="erase the personal data of every case due, keeping statistics and a record",
        description="For each case due by DATE: keep a row of anonymised statistics, erase "
        "its personal data from every table and from the audit and access chains, and "
        "record the erasure (who, when, which case, what, under which rule). Each case is "
        "one transaction. Then erase the address and reason of the access log entries "
        "about no one case that are due, recording that too. `crs audit verify` still "
        "passes afterwards.",
    )
    q.add_argument("--on", metavar="DATE", required=True, help="the disposal date, YYYY-MM-DD")
    q.add_argument("--by", metavar="USERNAME", required=True, help="the user disposing")
    q.add_argument(
        "--dry-run", action="store_true", help="report what would be erased; change nothing"
    )
    q.set_defaults(run=lazy("crs.retention.cli", "cmd_dispose"))
