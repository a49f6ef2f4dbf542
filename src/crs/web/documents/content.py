"""What each document holds, read from the case.

Form 1912 prints what the case page shows of the record (crs.web.pages.record, so the
two cannot disagree), with blank lines for the parties who have not signed yet. The
acceptance form is what the offender (and, under 18, a parent or guardian) signs: the
offence, the actions and their dates, and the SOP's statements (statements.py).
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from crs.cases.models import Person, Signature
from crs.web.journeys.signatures import expected
from crs.web.pages.record import case_page

from . import statements


def _name(person: Person | None) -> str:
    if person is None:
        return ""
    name = f"{person.given_name} {person.family_name}".strip() or person.organisation
    return name or getattr(person, "pseudonym", "")


def _by_role(people, role) -> list[Person]:
    return [p for p in people if p.role == role]


def form_1912(case, user, *, now: datetime) -> dict:
    context = case_page(case, user, now=now)
    people = context["people"]
    signed = {s.party for s in context["signatures"]}
    assessment = context["panel"]["assessment"] if context["panel"] else None
    context.update(
        {
            "title": f"Community Resolution record (form 1912): {case.crime_reference}",
            "generated_at": timezone.localtime(now),
            "generated_by": user.get_full_name() or user.get_username(),
            "offender": next(iter(context["offenders"]), None),
            "parents": _by_role(people, Person.Role.PARENT_GUARDIAN),
            "appropriate_adults": _by_role(people, Person.Role.APPROPRIATE_ADULT),
            "victims": _by_role(people, Person.Role.VICTIM),
            "assessment": assessment,
            "quality": [e for e in context["history"] if e.action in QUALITY_ACTIONS][::-1],
            "to_sign": [Signature.Party(p).label for p in expected(case) if p not in signed],
        }
    )
    return context


QUALITY_ACTIONS = ("submit_for_review", "approve_review", "imu_accept", "imu_return")


def acceptance(case, user, *, now: datetime) -> dict:
    page = case_page(case, user, now=now)  # its people are pseudonymised for an analyst
    people = page["people"]
    offender = next(iter(_by_role(people, Person.Role.OFFENDER)), None)
    assessment = case.current_assessment
    juvenile = bool(assessment and assessment.juvenile)
    return {
        "title": f"Community Resolution: acceptance ({case.crime_reference})",
        "case": case,
        "offender": offender,
        "offender_name": _name(offender),
        "parent_name": _name(next(iter(_by_role(people, Person.Role.PARENT_GUARDIAN)), None)),
        "juvenile": juvenile,
        "actions": page["actions"],
        "agreed": statements.AGREED,
        "told": statements.TOLD,
        "parent_statement": statements.PARENT,
        "officer_name": case.owner.get_full_name() or case.owner.get_username(),
        "officer_title": case.owner.title,
        "generated_at": timezone.localtime(now),
    }
