"""Finding cases by the offender's name, their date of birth, or the crime reference.

One box takes all three, as an officer would type them: "31/01/1990" (or 31 1 1990,
31.1.90, 31 January 1990, 31st Jan 1990, 1990-01-31) is a date of birth; text with a digit
in it is part of a crime reference ("200003" finds 46/200003/24), in any case of letters;
other text is the offender's names (every word in their given or family name) or part of a
reference. Without `by_person` (a Victim Justice analyst's search: crs.cases.identities)
the box finds crime references only.

A part of a reference is matched as UPPER(reference) LIKE '%PART%', which PostgreSQL answers
from a trigram index on that expression (migration cases 0008); other databases scan.
"""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Q, QuerySet

from crs.cases.models import Case, Person

DAY_FIRST = re.compile(r"^(\d{1,2})[\s/.-]+(\d{1,2})[\s/.-]+(\d{4}|\d{2})$")
ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# "14 March 1992", "14th Mar 1992", "14 march, 92": a day, a month's name, a year.
DAY_MONTH_NAME = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?[\s/.-]*([a-z]+)\.?,?[\s/.-]*(\d{4}|\d{2})$", re.I
)
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")  # fmt: skip
MONTHS = {n: i for i, full in enumerate(_MONTH_NAMES, 1) for n in (full, full[:3])} | {"sept": 9}


def as_date_of_birth(text: str, *, today: date | None = None) -> date | None:
    """The date of birth `text` is, written any of the usual UK ways, or None. A two-digit
    year is the latest such year not after `today` (a date of birth is never in the future):
    92 is 1992, 09 is 2009."""
    text = text.strip()
    if m := ISO.match(text):
        year, month, day = m.groups()
    elif m := DAY_FIRST.match(text):
        day, month, year = m.groups()
    elif (m := DAY_MONTH_NAME.match(text)) and m.group(2).lower() in MONTHS:
        day, name, year = m.groups()
        month = MONTHS[name.lower()]
    else:
        return None
    if len(year) == 2:
        this_year = (today or date.today()).year
        year = this_year - (this_year - int(year)) % 100
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def search(cases: QuerySet, text: str, *, by_person: bool = True) -> QuerySet:
    text = " ".join(text.split())
    if not text:
        return cases
    reference = Q(crime_reference__icontains=text)
    if not by_person:
        return cases.filter(reference)
    # Subqueries of case ids rather than EXISTS per case: PostgreSQL hashes them once.
    offenders = Person.objects.filter(role=Person.Role.OFFENDER)
    born = as_date_of_birth(text)
    if born is not None:
        return cases.filter(pk__in=offenders.filter(date_of_birth=born).values("case_id"))
    if any(ch.isdigit() for ch in text):
        return cases.filter(reference)
    for word in text.split(" "):
        offenders = offenders.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
    # One list of ids from both indexes (the reference's, the names' trigram indexes on
    # PostgreSQL): "reference OR id IN (...)" would make the database read every case.
    by_reference = Case.objects.filter(reference).values("pk")
    return cases.filter(pk__in=by_reference.union(offenders.values("case_id")))
