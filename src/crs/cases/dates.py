"""When a record of the 1912 can be dated: the one wording of each date rule, for every door.

A contact, a victim's views, a signature and an action all belong to an offence
that has happened: none can be dated before it (nor, while the offence date is
not yet known, before the offender was born). Those that record something done
cannot be dated in the future. The web, the API and the command line all reach
these checks through the services, so each rule reads the same wherever it is
broken, and the refusal names the field it is about. What can be told of a date
alone (a date of birth, a row of an import) every door asks `in_future` and
`EARLIEST`, in its own words.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from .errors import Invalid, NotAllowed
from .models import Person

# No one the record names was born before it, and nothing it holds happened before it.
EARLIEST = date(1900, 1, 1)


def in_future(when: date | datetime, today: date | None = None) -> bool:
    """After now (a moment) or after today (a day: the door's today when it fixes one)."""
    if isinstance(when, datetime):
        return when > timezone.now()
    return when > (today or timezone.localdate())


def earliest(case) -> tuple[date, str] | None:
    """The first day anything on this case can be dated, and what that day is."""
    if case.offence_date is not None:
        return case.offence_date, "the date of the offence"
    born = _offender_born(case)
    if born is not None:
        return born, "the offender's date of birth"
    return None


def check_done(case, when: datetime, *, what: str, field: str) -> None:
    """Something done (`what`: "the contact") is dated neither in the future nor before the
    offence (or birth)."""
    if in_future(when):
        raise Invalid(f"The date and time of {what} must be in the past", field=field)
    _not_before(case, timezone.localdate(when), f"The date of {what}", field)


def check_due(case, due: date, *, field: str = "due_date") -> None:
    """An action is due on or after the offence (4.4.4's 16 weeks run from it)."""
    _not_before(case, due, "The due date", field)


def _not_before(case, day: date, subject: str, field: str) -> None:
    first = earliest(case)
    if first is not None and day < first[0]:
        start, what = first
        # The offence's date is the case's, not the request's: not allowed on this case, where
        # a date in the future is invalid on any (decision 0012).
        raise NotAllowed(
            f"{subject} must be the same as or after {what}, {start:%-d %B %Y}", field=field
        )


def _offender_born(case) -> date | None:
    person = (
        case.people.filter(role=Person.Role.OFFENDER, date_of_birth__isnull=False)
        .order_by("pk")
        .first()
    )
    if person is not None:
        return person.date_of_birth
    written = ((case.facts or {}).get("offender") or {}).get("date_of_birth")
    try:
        return date.fromisoformat(written) if isinstance(written, str) else None
    except ValueError:
        return None
