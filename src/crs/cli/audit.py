"""`crs audit verify` and `crs audit access`: the audit trail's commands.

Django is set up by each command before anything of crs's apps is imported.
"""

from __future__ import annotations

import sys
from urllib.parse import unquote_plus

from crs.cli import date_option, setup_django


def cmd_verify(args) -> int:
    setup_django()
    # Django is set up just above: crs's apps can load only after it
    from crs.audit.verify import EXIT_ALTERED, EXIT_OK, verify_chain

    status = EXIT_OK
    for kind, plural in (("audit", "audit entries"), ("access", "access log entries")):
        result = verify_chain(kind)
        if result.ok:
            erased = f" ({result.erased} erased under retention)" if result.erased else ""
            sys.stdout.write(f"OK: {result.count} {plural} verified{erased}\n")
        else:
            sys.stdout.write(f"ALTERED: {result.problem}\n")
            status = EXIT_ALTERED
    return status


def cmd_access(args) -> int:
    dob = date_option("--dob", args.dob)
    if not (args.case or args.family_name):
        sys.stderr.write("crs: name a case (--case) or a person (--family-name)\n")
        return 2

    setup_django()
    # Django is set up just above: crs's apps can load only after it
    from crs.cases.access_report import accesses

    rows = accesses(
        case_ref=args.case or "",
        family_name=args.family_name or "",
        given_name=args.given_name or "",
        dob=dob,
    )
    out = sys.stdout
    count = 0
    for entry in rows.iterator(chunk_size=1000):
        ref = entry.case_ref or (entry.case.crime_reference if entry.case_id else "-")
        out.write(
            f"{entry.at:%Y-%m-%d %H:%M:%S}  {entry.actor_name:<16} {entry.action:<7} "
            f"{ref:<14} {unquote_plus(entry.what)}  ({entry.why})\n"
        )
        count += 1
    out.write(f"{count} access{'es' if count != 1 else ''}\n")
    return 0
