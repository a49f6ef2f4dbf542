"""`crs subject-access`: everything crs holds about one person, for a subject access request
(Data Protection Act 2018 s.45). The answer is JSON a disclosure officer reviews before it
goes out.

One person at a time. A name can belong to several people (two Morgan Coldharbours, born
2011 and 1972), and crs holds no date of birth for most victims, so the records are first
grouped into candidates (same names, same date of birth, or none held); when more than one
candidate matches, the command lists them and the answerer chooses with `--person`. It never
merges two candidates by itself: choosing several is the answerer's confirmation that they
are one person, and is recorded as such.

Other people in the person's cases appear by role only: their names are redacted from
shared free text (the words of the case's other records), and their contact details are
never included. Answering is itself recorded in the access log (an export, with who
answered), and only the roles that answer requests may run it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from crs.accounts.models import Role
from crs.cases.models import PERSON_DETAILS, Person
from crs.cases.services.cases import named
from crs.exchange.models import RecordedOutcome
from crs.scrutiny.models import Finding

ANOTHER = "[another person]"


@dataclass
class Candidate:
    """Records that may be one person: the same names and date of birth (or none held)."""

    key: str  # P<id> of its first record in a case, else R<id> of its first imported outcome
    family_name: str
    given_name: str
    date_of_birth: date | None
    people: list = field(default_factory=list)  # cases.Person rows
    recorded: list = field(default_factory=list)  # exchange.RecordedOutcome rows

    @property
    def summary(self) -> str:
        born = f"born {self.date_of_birth:%-d %B %Y}" if self.date_of_birth else "no date of birth"
        roles = sorted({p.get_role_display().lower() for p in self.people})
        where = ", ".join(sorted({p.case.crime_reference for p in self.people}))
        held = [f"{len(self.people)} record(s) in cases ({', '.join(roles)}: {where})"]
        if self.recorded:
            held.append(f"{len(self.recorded)} imported outcome(s)")
        name = f"{self.given_name} {self.family_name}".strip()
        return f"{self.key}  {name}, {born}; " + "; ".join(held)


def may_answer(user) -> str | None:
    """Who answers a subject access request: the force's records staff (the Information
    Management Unit) and administrators. None, or the sentence that refuses."""
    if user.is_active and user.role in (Role.IMU_QUALITY_ASSURER, Role.ADMINISTRATOR):
        return None
    return "only the IMU or an administrator can answer a subject access request"


def candidates(family_name: str, given_name: str = "", dob: date | None = None) -> list[Candidate]:
    """Everyone crs holds under these names, one candidate per distinct person it can tell
    apart. With a date of birth, records that hold none (most victims) stay candidates: they
    may be the person, and only the answerer can say."""
    people = named(Person.objects, family_name, given_name).select_related("case")
    if dob is not None:
        people = [p for p in people if p.date_of_birth in (dob, None)]
    groups: dict[tuple, Candidate] = {}
    for person in sorted(people, key=lambda p: p.pk):
        key = _identity(person.family_name, person.given_name, person.date_of_birth)
        if key not in groups:
            groups[key] = Candidate(
                f"P{person.pk}", person.family_name, person.given_name, person.date_of_birth
            )
        groups[key].people.append(person)
    for row in named(RecordedOutcome.objects, family_name, given_name, dob).order_by("pk"):
        key = _identity(row.family_name, row.given_name, row.date_of_birth)
        if key not in groups:
            groups[key] = Candidate(
                f"R{row.pk}", row.family_name, row.given_name, row.date_of_birth
            )
        groups[key].recorded.append(row)
    return sorted(
        groups.values(), key=lambda c: (c.family_name.casefold(), c.given_name.casefold(), c.key)
    )


def _identity(family: str, given: str, dob: date | None) -> tuple:
    return (" ".join(family.split()).casefold(), " ".join(given.split()).casefold(), dob)


def subject_access(chosen: list[Candidate]) -> dict:
    """The answer for one person: the candidates chosen (the answerer's word that they are
    one person), every record about them, nothing about anyone else."""
    people = [p for c in chosen for p in c.people]
    recorded = [r for c in chosen for r in c.recorded]
    return {
        "subject": [
            {
                "key": c.key,
                "family_name": c.family_name,
                "given_name": c.given_name,
                "date_of_birth": c.date_of_birth,
            }
            for c in chosen
        ],
        "records_about_them": [
            {"crime_reference": p.case.crime_reference, **{f: getattr(p, f) for f in _fields()}}
            for p in people
        ],
        "cases": [_case_record(p.case, p) for p in people],
        "previous_outcomes_imported": [
            {
                "outcome": r.outcome,
                "date": r.outcome_date,
                "category": r.category,
                "source_reference": r.source_reference,
            }
            for r in sorted(recorded, key=lambda r: (r.outcome_date, r.pk))
        ],
    }


def _fields() -> tuple[str, ...]:
    """The subject's own details as the case holds them; the medical professional consulted
    (3.4.5) is another person, so not theirs to receive."""
    return ("role", *sorted(name for name, d in PERSON_DETAILS.items() if d.theirs))


def _redactor(case, subject):
    """Replaces the names of the case's other people (and the medical professional the
    subject's record names) in free text, whole words only, longest first."""
    names = set()
    for other in case.people.exclude(pk=subject.pk):
        full = f"{other.given_name} {other.family_name}".strip()
        names.update(n for n in (full, other.given_name, other.family_name, other.organisation))
    names.add(subject.medical_professional)
    own = {subject.given_name.casefold(), subject.family_name.casefold()}
    words = sorted((n.strip() for n in names if n and n.strip().casefold() not in own), key=len)
    if not words:
        return lambda text: text
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in reversed(words)) + r")\b", re.IGNORECASE
    )
    return lambda text: pattern.sub(ANOTHER, text or "")


def _case_record(case, subject) -> dict:
    clean = _redactor(case, subject)
    current = case.current_assessment
    offender = subject.role == Person.Role.OFFENDER
    return {
        "crime_reference": case.crime_reference,
        "their_role": subject.get_role_display(),
        "offence": {
            "date": case.offence_date,
            "category": case.get_offence_category_display() if case.offence_category else "",
            "description": clean(case.offence_description),
        },
        "state": case.get_state_display(),
        "opened": case.created_at,
        "agreed": case.agreed_at,
        "closed": case.closed_at,
        "outcome_reason": clean(case.outcome_reason),
        "decision": None
        if current is None
        else {
            "decision": current.decision,
            "assessed_on": current.assessed_on,
            "policy_version": current.policy_version,
            "reasons": current.result.get("reasons", []),
            # The facts the decision read are about the offender: theirs, and no one
            # else's, to receive.
            **({"facts_assessed": current.facts} if offender else {}),
        },
        "authorisations": [
            {
                "decision": a.decision,
                "by": a.given_by_title,
                "rationale": clean(a.rationale),
                "at": a.given_at,
                "voided": a.voided_at,
            }
            for a in case.authorisations.order_by("given_at")
        ],
        "actions": [
            {
                "kind": a.kind,
                "description": clean(a.description),
                "due": a.due_date,
                "status": a.status,
            }
            for a in case.actions.order_by("pk")
        ]
        if offender
        else [],
        "contacts_with_them": [
            {"purpose": c.purpose, "method": c.method, "outcome": c.outcome, "at": c.at}
            for c in case.contacts.filter(person=subject).order_by("at")
        ],
        "their_views": [
            {"asked_at": v.asked_at, "views": v.views, "wishes": v.wishes, "consents": v.consents}
            for v in case.victim_views.filter(victim=subject).order_by("asked_at")
        ],
        "history": [
            {"at": e.at, "what": e.action.replace("_", " "), "why": clean(e.why)}
            for e in case.audit_entries.order_by("seq")
        ],
        "panel_findings": [
            {"finding": f.get_finding_display(), "comments": clean(f.comments), "at": f.at}
            for f in Finding.objects.filter(sample_case__case=case).order_by("at")
        ],
        "other_people": [p.get_role_display() for p in case.people.exclude(pk=subject.pk)],
        "viewed_by": [
            {"at": e.at, "who": e.actor_name, "action": e.action}
            for e in case.access_entries.order_by("seq")
        ],
    }
