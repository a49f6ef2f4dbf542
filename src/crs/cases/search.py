"""Finding cases by the offender's name, their date of birth, or the crime reference.

One box takes all three, as an officer would type them: "31/01/1990" (or 31 1 1990,
1990-01-31) is a date of birth; text with a digit in it is the start of a crime
reference (as typed, or in capitals: the reference's own index answers that); other
text is the offender's names (every word in their given or family name) or the start of
a reference. Without `by_person` (a Victim Justice analyst's search: crs.cases.identities)
the box finds crime references only.
"""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Q, QuerySet

from crs.cases.models import Case, Person

DAY_FIRST = re.compile(r"^(\d{1,2})[\s/.-]+(\d{1,2})[\s/.-]+(\d{4})$")
ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def as_date_of_birth(text: str) -> date | None:
    text = text.strip()
    if m := ISO.match(text):
        year, month, day = m.groups()
    elif m := DAY_FIRST.match(text):
        day, month, year = m.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def search(cases: QuerySet, text: str, *, by_person: bool = True) -> QuerySet:
    text = " ".join(text.split())
    if not text:
        return cases
    reference = Q(crime_reference__startswith=text) | Q(crime_reference__startswith=text.upper())
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
