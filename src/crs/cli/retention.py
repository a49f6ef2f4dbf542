"""`crs retention review` and `crs retention dispose`."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date

from crs.cli import setup_django


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
    q.set_defaults(run=lazy("crs.cli.retention", "cmd_review"))
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
    q.set_defaults(run=lazy("crs.cli.retention", "cmd_dispose"))


def _date(text: str | None) -> date | None:
    # Not at the top: building the parser imports this module, and must not load Django
    from django.utils import timezone

    if text is None:
        return timezone.localdate()
    try:
        return date.fromisoformat(text)
    except ValueError:
        sys.stderr.write(f"crs: --on: must be a date YYYY-MM-DD, got {text!r}\n")
        return None


def cmd_review(args) -> int:
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.retention import access_log
    from crs.retention.dispose import review
    from crs.retention.schedule import ScheduleError

    on = _date(args.on)
    if on is None:
        return 2
    try:
        due, kept = review(on)
        entries, rule = access_log.review(on)
    except ScheduleError as exc:
        sys.stderr.write(f"crs: {exc}\n")
        return 2
    out = sys.stdout
    for item in due:
        out.write(
            f"{item.case_ref:<14} {item.state:<10} closed {item.closed}  "
            f"due {item.due_on}  rule {item.rule.key} ({item.rule.years} years)\n"
        )
    by_rule = Counter(item.rule.key for item in due)
    counts = ", ".join(f"{n} {key}" for key, n in sorted(by_rule.items()))
    out.write(f"{len(due)} due for disposal on {on}{f' ({counts})' if counts else ''}; ")
    out.write(f"{kept} closed case{'s' if kept != 1 else ''} still within their period\n")
    out.write(f"{_entries(entries)} about no one case due for erasure on {on}")
    out.write(f" (rule {rule.key}, {rule.years} years)\n")
    return 0


def _entries(n: int) -> str:
    return f"{n} access log entr{'ies' if n != 1 else 'y'}"


def cmd_dispose(args) -> int:
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from django.contrib.auth import get_user_model

    from crs.retention.dispose import DisposalError, dispose_due
    from crs.retention.schedule import ScheduleError

    on = _date(args.on)
    if on is None:
        return 2
    user = get_user_model().objects.filter(username=args.by).first()
    if user is None:
        sys.stderr.write(f"crs: --by: no user named {args.by!r}\n")
        return 2
    try:
        disposal = dispose_due(on=on, by=user, dry_run=args.dry_run)
    except (DisposalError, ScheduleError) as exc:
        sys.stderr.write(f"crs: {exc}\n")
        return 2
    out = sys.stdout
    verb = "would erase" if args.dry_run else "erased"
    done, rule = disposal.cases, disposal.access_rule
    for erasure in done:
        rows = sum(erasure.erased.values())
        out.write(
            f"{erasure.case_ref:<14} rule {erasure.rule}: {verb} {_rows(rows)} "
            f"({_what(erasure.erased)})\n"
        )
    out.write(f"access log     rule {rule.key}: {verb} the content of ")
    out.write(f"{_entries(disposal.access_entries)} about no one case\n")
    cases = f"{len(done)} case{'s' if len(done) != 1 else ''}"
    if args.dry_run:
        out.write(f"Dry run: nothing changed; {cases} would be disposed of on {on}\n")
    else:
        out.write(f"{cases} disposed of\n")
    return 0


def _rows(n: int) -> str:
    return f"{n} row{'s' if n != 1 else ''}"


def _what(erased: dict[str, int]) -> str:
    """'2 people, 14 audit entries': what the rows of an erasure are, in the records' names."""
    # Not at the top: building the parser imports this module, and must not load Django
    from django.apps import apps

    parts = []
    for label, n in sorted(erased.items()):
        if not n:
            continue
        meta = apps.get_model(label)._meta
        name = meta.verbose_name if n == 1 else meta.verbose_name_plural
        parts.append(f"{n} {name}")
    return ", ".join(parts) or "nothing"
