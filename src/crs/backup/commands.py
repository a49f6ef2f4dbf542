"""The `crs` commands of crs.backup (argparse only; the work is imported when one runs)."""

from __future__ import annotations


def add_commands(sub, lazy) -> None:
    p = sub.add_parser(
        "backup",
        help="write the whole database to a file (gzipped JSON, portable between databases)",
    )
    p.add_argument("file", metavar="FILE", help="where to write, e.g. crs-2026-11-25.json.gz")
    p.add_argument(
        "--by",
        required=True,
        metavar="USERNAME",
        help="the administrator taking the backup (recorded in the access log)",
    )
    p.set_defaults(run=lazy("crs.backup.archive", "cmd_backup"))

    p = sub.add_parser(
        "restore",
        help="load a backup into an empty database, then verify the audit chains",
    )
    p.add_argument("file", metavar="FILE", help="a file written by crs backup")
    p.set_defaults(run=lazy("crs.backup.archive", "cmd_restore"))

    p = sub.add_parser(
        "subject-access",
        help="everything held about one person, as JSON (a subject access request)",
    )
    p.add_argument("--family-name", required=True, metavar="NAME")
    p.add_argument("--given-name", default="", metavar="NAME")
    p.add_argument("--dob", metavar="DATE", help="date of birth, YYYY-MM-DD")
    p.add_argument("--output", metavar="FILE", help="write here (default: standard output)")
    p.add_argument(
        "--person",
        action="append",
        metavar="KEY",
        help="which of the people the names match (the command lists them when several do); "
        "repeat only for records you have confirmed are the same person",
    )
    p.add_argument(
        "--requested-by",
        required=True,
        metavar="USERNAME",
        help="who is answering the request (the IMU or an administrator)",
    )
    p.set_defaults(run=lazy("crs.backup.subject", "cmd_subject_access"))
