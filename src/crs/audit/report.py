"""Who looked at a person's record: the access log read back (DPA 2018 s.62, and a subject's
right to know who has seen their data). `crs audit access` and the page /audit/access/."""

from __future__ import annotations

import sys
from datetime import date

from .models import AccessEntry


def cases_of_person(family_name: str, given_name: str = "", date_of_birth: date | None = None):
    """The cases a person appears in (any role), by name and, if given, date of birth."""
    from crs.cases.models import Person
    from crs.cases.services.cases import named

    people = named(Person.objects, family_name, given_name, date_of_birth)
    return people.values_list("case_id", flat=True).distinct()


def accesses(*, case_ref: str = "", family_name: str = "", given_name: str = "", dob=None):
    entries = AccessEntry.objects.select_related("case").order_by("-seq")
    if case_ref:
        from crs.cases.models import Case

        entries = entries.filter(case__in=Case.objects.filter(crime_reference=case_ref.strip()))
    elif family_name:
        entries = entries.filter(case_id__in=cases_of_person(family_name, given_name, dob))
    else:
        raise ValueError("name a case (crime reference) or a person (family name)")
    return entries


def cmd_access(args) -> int:
    import os
    import secrets

    from crs.web import setup

    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    setup()
    dob = None
    if args.dob:
        try:
            dob = date.fromisoformat(args.dob)
        except ValueError:
            sys.stderr.write(f"crs: --dob: must be a date YYYY-MM-DD, got {args.dob!r}\n")
            return 2
    if not (args.case or args.family_name):
        sys.stderr.write("crs: name a case (--case) or a person (--family-name)\n")
        return 2
    rows = accesses(
        case_ref=args.case or "",
        family_name=args.family_name or "",
        given_name=args.given_name or "",
        dob=dob,
    )
    out = sys.stdout
    count = 0
    for entry in rows.iterator(chunk_size=1000):
        ref = entry.case.crime_reference if entry.case_id else "-"
        out.write(
            f"{entry.at:%Y-%m-%d %H:%M:%S}  {entry.actor_name:<16} {entry.action:<7} "
            f"{ref:<14} {entry.what}  ({entry.why})\n"
        )
        count += 1
    out.write(f"{count} access{'es' if count != 1 else ''}\n")
    return 0
