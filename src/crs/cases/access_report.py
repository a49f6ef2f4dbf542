"""Who looked at a person's record: the access log read back (DPA 2018 s.62, and a subject's
right to know who has seen their data). `crs audit access`.

A person's report holds every entry about a case they appear in — views, exports, and the
searches whose results showed that case — and every search that named them, by family name
or date of birth, whatever it found (crs.cases.search reads the same words).
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

from django.db.models import Q

from crs.audit.models import AccessEntry
from crs.cases.models import Case, Person
from crs.cases.search import as_date_of_birth
from crs.cases.services.cases import named


def cases_of_person(family_name: str, given_name: str = "", date_of_birth: date | None = None):
    """The cases a person appears in (any role), by name and, if given, date of birth."""
    people = named(Person.objects, family_name, given_name, date_of_birth)
    return people.values_list("case_id", flat=True).distinct()


def search_text(what: str) -> str:
    """The words a search entry's request searched for (its `q`), "" if none."""
    return " ".join(parse_qs(urlsplit(what).query).get("q", []))


def names(text: str, family_name: str, date_of_birth: date | None) -> bool:
    """Whether search words name this person: their family name as a word, or their date of
    birth as the search box reads a date."""
    if family_name and re.search(rf"(?<!\w){re.escape(family_name)}(?!\w)", text, re.I):
        return True
    return date_of_birth is not None and as_date_of_birth(text) == date_of_birth


def _searches_naming(entries, family_name: str, date_of_birth: date | None) -> list[int]:
    searches = entries.filter(action=AccessEntry.Action.SEARCH, what__contains="q=")
    hints = re.findall(r"\w+", family_name)[:1]  # an encoded URL keeps words
    if date_of_birth is not None:
        hints.append(str(date_of_birth.year))
    seqs = []
    for hint in hints:
        for seq, what in searches.filter(what__icontains=hint).values_list("seq", "what"):
            if names(search_text(what), family_name, date_of_birth):
                seqs.append(seq)
    return seqs


def accesses(*, case_ref: str = "", family_name: str = "", given_name: str = "", dob=None):
    entries = AccessEntry.objects.select_related("case").order_by("-seq")
    if case_ref:
        return entries.filter(case__in=Case.objects.filter(crime_reference=case_ref.strip()))
    if not family_name:
        raise ValueError("name a case (crime reference) or a person (family name)")
    family_name = family_name.strip()
    named_them = _searches_naming(entries, family_name, dob)
    return entries.filter(
        Q(case_id__in=cases_of_person(family_name, given_name, dob)) | Q(seq__in=named_them)
    )
