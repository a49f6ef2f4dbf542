"""Data minimisation: Victim Justice analysts see cases pseudonymised (issue 11, item 10).

The analysts monitor Community Resolutions across the force (SOP 8.1): numbers, timeliness,
outcomes, fairness. None of that needs to know who anyone is (UK GDPR art. 5(1)(c), DPA
2018 s.37), so every door (pages, PDFs, API) shows them each case with the people by their
role in it, no name, address, phone, email or date of birth, and the offender's age band at
the offence instead. Nor can they search by a name or a date of birth, only by crime
reference.

To see one case's identities an analyst records why (the page journeys:identities). The
reason goes into the access log (crs.audit.access), and that entry is the key: the case
stays open to them for OPEN_FOR after it, then closes again without anyone doing anything.
Keeping the grant in the log means there can be no opening the access report does not show.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta

from django.utils import timezone

from crs.accounts.models import Role
from crs.audit.access import record_access
from crs.audit.models import AccessEntry
from crs.policy import ages

from .errors import Invalid
from .models import PERSON_DETAILS, blank

# A working session: long enough to deal with one enquiry, short enough that a case is not
# left open for good. Ends early if the access entry is erased.
OPEN_FOR = timedelta(hours=4)
REASON_MIN = 10  # a sentence, not "x"
REASON_MAX = 500
OPENED = "identities opened"  # the access entry's `what` begins with this
WITHHELD = "Withheld"
# What identifies someone directly: hidden, not blurred (the date of birth becomes an age band).
PERSON_FIELDS = tuple(name for name, d in PERSON_DETAILS.items() if d.identifies)
# Whose signatures name a member of the public (an officer's name is no secret).
PUBLIC_SIGNERS = ("offender", "parent_guardian", "victim")
# In the case history: the audit entry's details that identify someone.
HISTORY_FIELDS = frozenset({*PERSON_FIELDS, "name"})


def now() -> datetime:
    """The clock an opening is measured by; tests move it here."""
    return timezone.now()


def pseudonymised(user) -> bool:
    """Whether this person's role sees cases pseudonymised: the Victim Justice analysts."""
    return getattr(user, "role", None) == Role.VICTIM_JUSTICE_ANALYST


def opened_cases(user) -> set[int]:
    """The cases whose identities this person opened with a reason in the last OPEN_FOR."""
    since = now() - OPEN_FOR
    entries = AccessEntry.objects.filter(actor=user, what__startswith=OPENED, at__gte=since)
    return set(entries.values_list("case_id", flat=True))


def open_until(user, case) -> datetime | None:
    """When this person's opening of the case ends, if it is open to them."""
    entry = (
        AccessEntry.objects.filter(
            actor=user,
            case_id=case.pk,
            what__startswith=OPENED,
            at__gte=now() - OPEN_FOR,
        )
        .order_by("-seq")
        .first()
    )
    return entry.at + OPEN_FOR if entry else None


def hidden_from(user, case) -> bool:
    """Whether this person sees this case pseudonymised now."""
    return pseudonymised(user) and open_until(user, case) is None


def check_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise Invalid("Enter why you need to see the names in this case")
    if len(reason) < REASON_MIN:
        raise Invalid(f"Give the reason in at least {REASON_MIN} characters")
    if len(reason) > REASON_MAX:
        raise Invalid(f"The reason must be {REASON_MAX} characters or fewer")
    return reason


def open_identities(user, case, reason: str):
    """Record why this analyst needs to see the case's identities; the entry opens them."""
    reason = check_reason(reason)
    return record_access(
        actor=user,
        case=case,
        action="view",
        what=f"{OPENED} for {OPEN_FOR.seconds // 3600} hours",
        why=f"{user.title}: {reason}",
    )


def offender_born(case, people=()) -> date | None:
    """The offender's date of birth: their person record, else the working facts."""
    for person in people:
        if person.role == "offender" and person.date_of_birth:
            return person.date_of_birth
    text = ((case.facts or {}).get("offender") or {}).get("date_of_birth")
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def masked_person(person, on: date | None, number: int = 1):
    """A copy of `person` to show: their role and age band, nothing that names them."""
    shown = copy.copy(person)
    for field in PERSON_FIELDS:
        setattr(shown, field, blank(field))
    shown.withheld = True
    shown.pseudonym = f"{person.get_role_display()} {number}"
    shown.age_band = ages.age_band_label(person.date_of_birth, on) if person.date_of_birth else ""
    return shown


def masked_people(people, on: date | None) -> list:
    """Each person masked and numbered within their role in the case (Offender 1, 2...)."""
    counts: dict[str, int] = {}
    shown = []
    for person in people:
        counts[person.role] = counts.get(person.role, 0) + 1
        shown.append(masked_person(person, on, counts[person.role]))
    return shown


def masked_facts(case, people=(), facts: dict | None = None) -> dict:
    """The working facts (or an assessment's, `facts`) with the offender's date of birth
    replaced by their age band."""
    facts = copy.deepcopy(case.facts if facts is None else facts) or {}
    offender = facts.get("offender")
    if isinstance(offender, dict) and offender.get("date_of_birth"):
        band = ages.age_band_label(offender_born(case, people), case.offence_date)
        offender["date_of_birth"] = f"{WITHHELD}: aged {band.lower()} at the offence"
    return facts


def masked_case(case):
    """A copy of the case to show, never to save: its working facts and its current
    assessment's facts without the offender's date of birth."""
    people = list(case.people.all())
    shown = copy.copy(case)
    assessment = case.current_assessment
    if assessment is not None:
        assessment = copy.copy(assessment)
        assessment.facts = masked_facts(case, people, assessment.facts)
    shown._current_assessment = assessment
    shown.facts = masked_facts(case, people)
    return shown


def masked_signature(signature):
    if signature.party not in PUBLIC_SIGNERS:
        return signature
    shown = copy.copy(signature)
    shown.name = WITHHELD
    return shown


def masked_details(details: dict) -> dict:
    """An audit entry's details about a person or signature, without what names them."""
    return {k: (WITHHELD if k in HISTORY_FIELDS and v else v) for k, v in details.items()}


def people_for(user, case, people) -> list:
    """The case's people as this person may see them."""
    people = list(people)
    return masked_people(people, case.offence_date) if hidden_from(user, case) else people


def signatures_for(user, case, signatures) -> list:
    signatures = list(signatures)
    if hidden_from(user, case):
        return [masked_signature(s) for s in signatures]
    return signatures
