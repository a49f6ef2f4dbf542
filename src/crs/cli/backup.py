"""`crs backup`, `crs restore` and `crs subject-access`: the backup app's commands.

Django is set up by each command before anything of crs's apps is imported.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crs.cli import date_option, setup_django
from crs.private_files import open_private


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
    p.set_defaults(run=lazy("crs.cli.backup", "cmd_backup"))

    p = sub.add_parser(
        "restore",
        help="load a backup into an empty database, then verify the audit chains",
    )
    p.add_argument("file", metavar="FILE", help="a file written by crs backup")
    p.set_defaults(run=lazy("crs.cli.backup", "cmd_restore"))

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
    p.set_defaults(run=lazy("crs.cli.backup", "cmd_subject_access"))


def cmd_backup(args) -> int:
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.audit.access import record_access
    from crs.backup.archive import EXIT_INVALID, EXIT_OK, administrator, backup

    path = Path(args.file)
    try:
        by = administrator(args.by)
        backup(path)
    except (ValueError, OSError) as exc:
        sys.stderr.write(f"crs: {exc}\n")
        return EXIT_INVALID
    record_access(
        actor=by,
        action="export",
        what=f"backup of the whole database to {path}",
        why="backup (crs backup)",
    )
    size = path.stat().st_size
    sys.stdout.write(f"crs: backup written to {path} ({size:,} bytes)\n")
    return EXIT_OK


def cmd_restore(args) -> int:
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.backup.archive import EXIT_BROKEN, EXIT_INVALID, EXIT_OK, restore

    try:
        counts = restore(Path(args.file))
    except ValueError as exc:
        sys.stderr.write(f"crs: {exc}\n")
        return EXIT_INVALID
    except RuntimeError as exc:
        sys.stderr.write(f"crs: {exc}\n")
        return EXIT_BROKEN
    sys.stdout.write(
        f"crs: restored from {args.file}; audit trail {counts['audit']} entries and access "
        f"log {counts['access']} entries verified\n"
    )
    return EXIT_OK


def cmd_subject_access(args) -> int:
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from django.core.serializers.json import DjangoJSONEncoder

    from crs.accounts.models import User
    from crs.audit.access import record_access
    from crs.backup.subject import candidates, may_answer, subject_access

    dob = date_option("--dob", args.dob)
    answerer = User.objects.filter(username=args.requested_by).first()
    if answerer is None:
        sys.stderr.write(f"crs: --requested-by: no user {args.requested_by!r}\n")
        return 2
    refusal = may_answer(answerer)
    if refusal:
        sys.stderr.write(f"crs: --requested-by: {refusal}\n")
        return 2
    found = candidates(args.family_name, args.given_name, dob)
    chosen = _choose(found, args.person or [])
    if chosen is None:
        return 2
    answer = subject_access(chosen)
    text = json.dumps(answer, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    keys = " + ".join(c.key for c in chosen) or "no one matched"
    record_access(
        actor=answerer,
        action="export",
        what=f"subject access: {args.family_name}, {args.given_name} {args.dob or ''}".strip()
        + f" ({keys})",
        why="subject access request (DPA 2018 s.45)"
        + ("; the answerer confirmed these are one person" if len(chosen) > 1 else ""),
    )
    if args.output:
        with open_private(args.output, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        sys.stdout.write(
            f"crs: {len(answer['cases'])} case(s) and "
            f"{len(answer['previous_outcomes_imported'])} imported outcome(s) written to "
            f"{args.output}\n"
        )
    else:
        sys.stdout.write(text + "\n")
    return 0


def _choose(found: list, keys: list[str]) -> list | None:
    """The candidates the answer is about: the only one, or those named by --person. None
    (with the reason on standard error) when the answerer must choose or chose wrongly."""
    by_key = {c.key: c for c in found}
    if keys:
        unknown = [k for k in keys if k not in by_key]
        if unknown:
            sys.stderr.write(
                f"crs: --person: {', '.join(unknown)} is not one of the people these names "
                "match\n" + "".join(f"  {c.summary}\n" for c in found)
            )
            return None
        return [by_key[k] for k in dict.fromkeys(keys)]
    if len(found) > 1:
        sys.stderr.write(
            f"crs: {len(found)} people match: answer for one at a time, chosen with "
            "--person KEY (name a second KEY only if you have confirmed it is the same "
            "person)\n" + "".join(f"  {c.summary}\n" for c in found)
        )
        return None
    return found
