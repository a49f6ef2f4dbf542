"""The form 1912 as a checklist: what the SOP asks this case's record to hold, and whether it
holds it.

    lines(case)    -> [Line("victim_views", "The victim's views", "4.3.3", "done"), ...]
    refusal(case)  -> None, or the sentence naming what is still to record

The lines are the records the current assessment lists (`records_required`, from
crs.policy.records), the signatures split by who signs (4.5.1), and the contacts with
the victim that 4.3.5 asks for. A few lines a case of another kind would need are
shown as not needed, with why, so the person sees they were thought of. Nothing here
writes; the services refuse review and approval while `refusal` says something.

The related records are read with `.all()`, so a page that prefetched them reads each
kind once (crs.web.pages.record).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist

from crs.policy.records import RECORDS

from .guards import requirement_key

DONE, NOT_DONE, NOT_NEEDED = "done", "not_done", "not_needed"

# What each line records, in words that can follow "Still to record:" (lower-cased first).
TEXTS = {
    "gravity_score_rationale": "How the gravity score was arrived at",
    "gravity_departure_rationale": "Why the outcome departs from the gravity matrix",
    "rationale": "The authority given, with its rationale",
    "authorisation_in_full": "The Inspector's authorisation, in full",
    "public_interest_rationale": "The rationale, including the public interest",
    "exceptional_circumstances": "The exceptional circumstances relied on",
    "previous_compliance": "How the offender complied with previous conditions",
    "parent_guardian_contact": "Contact with a parent or guardian",
    "appropriate_adult": "Who acted as appropriate adult",
    "capacity_assessment": "How the offender's capacity to understand was confirmed",
    "medical_professional": "Any medical professional who supported the capacity assessment",
    "victim_views": "The victim's views",
    "victim_views_in_full": "The victim's views, in full",
    "victim_told_voluntary": "That the victim was told the actions are voluntary",
    "victim_told_no_alternative_sanction": (
        "That the victim was told no caution can follow if the offender does not comply"
    ),
    "outcomes_and_timescales": "The actions and their timescales",
    "acceptance_of_responsibility": "How the offender accepted responsibility",
    "offender_consent": "The offender's consent",
    "dbs_disclosure_explained": "That the offender was told of enhanced DBS disclosure",
    "offender_told_named_on_crime_report": (
        "That the offender was told they will be named on the crime report"
    ),
    "signature_offender": "The offender's signature",
    "signature_parent_guardian": "A parent or guardian's signature",
    "signature_victim": "The victim's signature",
    "signature_officer": "The signature of the officer in the case",
    "victim_contact_after_delivery": "Contact with the victim after the delivery",
    "victim_contact_at_conclusion": "Telling the victim the outcomes concluded",
    "victim_told_non_compliance": "Telling the victim the offender did not comply",
    "restorative_checklist": "The restorative checklist",
    "supervisor_quality_assurance": "The supervisor's review and signature",
}

# Records kept as the officer's own words (crs.cases.models.Statement), one kind each.
STATEMENTS = (
    "gravity_departure_rationale",
    "public_interest_rationale",
    "exceptional_circumstances",
    "previous_compliance",
    "appropriate_adult",
    "capacity_assessment",
    "medical_professional",
    "acceptance_of_responsibility",
    "offender_consent",
    "dbs_disclosure_explained",
    "offender_told_named_on_crime_report",
)
# The statements that record the offender was told something: ticked, not written.
TOLD = ("dbs_disclosure_explained", "offender_told_named_on_crime_report")
# The 1912's order, roughly the order of the work.
ORDER = (
    "gravity_score_rationale",
    "gravity_departure_rationale",
    "rationale",
    "authorisation_in_full",
    "public_interest_rationale",
    "exceptional_circumstances",
    "previous_compliance",
    "parent_guardian_contact",
    "appropriate_adult",
    "capacity_assessment",
    "medical_professional",
    "victim_views",
    "victim_views_in_full",
    "victim_told_voluntary",
    "victim_told_no_alternative_sanction",
    "outcomes_and_timescales",
    "acceptance_of_responsibility",
    "offender_consent",
    "dbs_disclosure_explained",
    "offender_told_named_on_crime_report",
    "signatures",
    "victim_contacts",
    "restorative_checklist",
    "supervisor_quality_assurance",
)
# Done by the supervisor's approval itself: never asked for before it.
BY_REVIEW = ("supervisor_quality_assurance",)
SIGNERS = ("offender", "parent_guardian", "victim", "officer")


@dataclass(frozen=True)
class Line:
    key: str
    text: str
    paragraph: str
    status: str
    note: str = ""  # why a line is not needed

    @property
    def done(self) -> bool:
        return self.status == DONE

    @property
    def outstanding(self) -> bool:
        return self.status == NOT_DONE


def lines(case) -> list[Line]:
    """The checklist of the case's current assessment; empty before one."""
    assessment = case.current_assessment
    if assessment is None:
        return []
    found = _Found(case, assessment)
    required = set(assessment.result.get("records_required") or ())
    out: list[Line] = []
    for key in ORDER:
        if key == "signatures":
            if "signatures" in required:
                out += found.signatures()
        elif key == "victim_contacts":
            if assessment.identifiable_victim:
                out += found.victim_contacts()
        elif key in required:
            out.append(found.line(key))
        elif key in NOT_NEEDED_WHY:
            why = NOT_NEEDED_WHY[key](assessment)
            if why:
                out.append(_line(key, NOT_NEEDED, why))
    return out


def outstanding(case) -> list[Line]:
    """The lines still to do before the supervisor can sign."""
    return [line for line in lines(case) if line.outstanding and line.key not in BY_REVIEW]


def refusal(case) -> str | None:
    """Why the case cannot go to, or pass, supervisor review yet: what is still to record."""
    missing = outstanding(case)
    if not missing:
        return None
    items = "; ".join(_lower_first(line.text) for line in missing)
    return f"The record is not complete. Still to record: {items}."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _line(key: str, status: str, note: str = "") -> Line:
    paragraph = RECORDS[key][0] if key in RECORDS else _PARAGRAPHS.get(key, "")
    return Line(key, TEXTS[key], paragraph, status, note)


_PARAGRAPHS = {
    **{f"signature_{party}": "4.5.1" for party in SIGNERS},
    "victim_contact_after_delivery": "4.3.5",
    "victim_contact_at_conclusion": "4.3.5",
    "victim_told_non_compliance": "4.6.1",
}

# Lines shown as not needed when the assessment does not ask for them, and why.
NOT_NEEDED_WHY = {
    "rationale": lambda a: "No authority is needed for this case.",
    "parent_guardian_contact": lambda a: "The offender is 18 or over.",
    "victim_views": lambda a: "" if a.identifiable_victim else "There is no identifiable victim.",
}


def signing_parties(case, assessment=None) -> list[str]:
    """Who the 1912 is offered to for signature (4.5.1): the offender and the officer always;
    a parent or guardian for an offender under 18 (3.4.2); the victim when there is one to
    contact (4.3.5) or one is recorded."""
    assessment = assessment or case.current_assessment
    parties = ["offender"]
    if assessment is not None and assessment.juvenile:
        parties.append("parent_guardian")
    if (assessment is not None and assessment.identifiable_victim) or any(
        p.role == "victim" for p in case.people.all()
    ):
        parties.append("victim")
    parties.append("officer")
    return parties


# Why a line the assessment asks for needs nothing on this case.
_NONE_NEEDED = {
    "rationale": "No authority is needed for this case.",
    "authorisation_in_full": "No authority is needed for this case.",
    "restorative_checklist": "No restorative process is claimed.",
}


class _Found:
    """What the case's records hold, read once."""

    def __init__(self, case, assessment):
        self.case, self.assessment = case, assessment
        self.statements = {s.kind for s in case.statements.all() if s.text.strip()}
        self.views = list(case.victim_views.all())
        self.signed = {s.party for s in case.signatures.all()}
        self.contacts = list(case.contacts.all())

    def line(self, key: str) -> Line:
        check = getattr(self, f"_{key}", None)
        done = check() if check else key in self.statements
        if done is None:
            return _line(key, NOT_NEEDED, _NONE_NEEDED.get(key, ""))
        return _line(key, DONE if done else NOT_DONE)

    # One check per record that is not simply a statement of its kind: True, False, or
    # None for not needed.
    def _gravity_score_rationale(self):
        return bool(self.case.gravity_rationale.strip()) or "gravity_score_rationale" in (
            self.statements
        )

    def _rationale(self):
        entries = self.assessment.result.get("authorisations") or []
        if not entries:
            return None
        given = {
            (a.requirement, a.authority)
            for a in self.case.authorisations.all()
            if a.assessment_id == self.assessment.pk
            and a.decision == "given"
            and a.voided_at is None
        }
        return all(requirement_key(e) in given for e in entries)

    _authorisation_in_full = _rationale

    def _capacity_assessment(self):
        return "capacity_assessment" in self.statements or self._offender_has("capacity_notes")

    def _medical_professional(self):
        return "medical_professional" in self.statements or self._offender_has(
            "medical_professional"
        )

    def _offender_has(self, field: str) -> bool:
        return any(
            p.role == "offender" and (getattr(p, field) or "").strip()
            for p in self.case.people.all()
        )

    def _parent_guardian_contact(self):
        return any(c.party == "parent_guardian" for c in self.contacts)

    def _victim_views(self):
        return any(v.views.strip() for v in self.views)

    _victim_views_in_full = _victim_views

    def _victim_told_voluntary(self):
        return any(v.told_voluntary for v in self.views)

    def _victim_told_no_alternative_sanction(self):
        return any(v.told_no_alternative_sanction for v in self.views)

    def _outcomes_and_timescales(self):
        return bool(self.case.actions.all())

    def _restorative_checklist(self):
        try:
            restorative = self.case.restorative
        except ObjectDoesNotExist:
            restorative = None
        if restorative is None or restorative.delivery == "none":
            return None  # 4.5.3: only when a restorative process is claimed
        return True

    def _supervisor_quality_assurance(self):
        return "supervisor" in self.signed

    def signatures(self) -> list[Line]:
        out = []
        for party in signing_parties(self.case, self.assessment):
            key = f"signature_{party}"
            if party in self.signed:
                out.append(_line(key, DONE))
            elif party == "victim" and self._victim_declined():
                out.append(_line(key, NOT_NEEDED, "The victim declined to take part."))
            else:
                out.append(_line(key, NOT_DONE))
        return out

    def _victim_declined(self) -> bool:
        return any(c.party == "victim" and c.outcome == "declined" for c in self.contacts)

    def victim_contacts(self) -> list[Line]:
        def logged(purpose):
            return any(c.party == "victim" and c.purpose == purpose for c in self.contacts)

        after = _line(
            "victim_contact_after_delivery", DONE if logged("after_delivery") else NOT_DONE
        )
        if self.case.no_alternative_sanction:
            key, purpose = "victim_told_non_compliance", "non_compliance"
        else:
            key, purpose = "victim_contact_at_conclusion", "on_conclusion"
        return [after, _line(key, DONE if logged(purpose) else NOT_DONE)]
