"""The panel's pseudonymised view of a case, on its pages and in the PDF pack.

Personal data is left out, not hidden: no one's name (offender, victim, others,
the officers: they appear by rank or role), no date of birth (an age band at
the offence), no address, phone or email, and no crime reference (the case is
S<sample>-<position>). Dates are given as month and year. Free text (the
offence's description, rationales, the victim's views, actions, notes) is
passed through `Redactor`, which removes the names of the case's own people and
officers, the crime reference, email addresses, phone numbers and postcodes.
Redaction of free text can only remove what it knows: the panel's guidance
still asks members to report anything identifying that is left.
"""

from __future__ import annotations

import re
from datetime import date

from crs.cases.models import Person
from crs.cases.workflow import STATE_LABELS
from crs.policy import ages

REDACTED = "[redacted]"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)\+?\d[\d ()-]{7,}\d(?!\w)")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
DATE_LIKE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")


def age_band(born: date | None, on: date | None) -> str:
    """The age band in words, lower case: the dashboard's bands (crs.policy.ages)."""
    return ages.AGE_LABELS[ages.age_band(born, on)].lower()


class Redactor:
    """Removes known names and anything shaped like contact details from free text."""

    def __init__(self, names: list[str]):
        words = {w for name in names for w in re.split(r"[\s,]+", name or "") if len(w) > 1}
        words |= {n.strip() for n in names if n and n.strip()}
        # Longest first, so "Avery Ashdown" goes before "Avery".
        alternatives = sorted(words, key=len, reverse=True)
        self._names = (
            re.compile(
                r"(?<!\w)(" + "|".join(re.escape(a) for a in alternatives) + r")(?!\w)",
                re.IGNORECASE,
            )
            if alternatives
            else None
        )

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        text = EMAIL.sub(REDACTED, text)
        text = POSTCODE.sub(REDACTED, text)
        text = DATE_LIKE.sub(REDACTED, text)
        text = PHONE.sub(REDACTED, text)
        if self._names is not None:
            text = self._names.sub(REDACTED, text)
        return text


def _known_names(case, people) -> list[str]:
    names = [case.crime_reference]
    for p in people:
        names += [p.given_name, p.family_name, p.organisation, p.address, p.email, p.phone]
        names.append(f"{p.given_name} {p.family_name}")
    users = [case.owner]
    users += [a.given_by for a in case.authorisations.all()]
    for u in users:
        names += [u.first_name, u.last_name, u.username, u.get_full_name()]
    return [n for n in names if n]


def _month(day) -> str:
    return f"{day:%B %Y}" if day else "not recorded"


def _label(code: str | None) -> str:
    return (code or "").replace("_", " ")


def pseudonymised(sample_case) -> dict:
    """Everything the panel sees of one case, with the personal data taken out."""
    case = sample_case.case
    people = list(case.people.all())
    redact = Redactor(_known_names(case, people))
    assessment = case.current_assessment
    result = assessment.result if assessment else {}
    offenders = [p for p in people if p.role == Person.Role.OFFENDER]
    victims = [p for p in people if p.role == Person.Role.VICTIM]
    facts = case.facts or {}
    born = next((p.date_of_birth for p in offenders if p.date_of_birth), None)
    victim_kind = (facts.get("victim") or {}).get("kind", "")
    authorisations = [
        {
            "requirement": _label(a.requirement),
            "paragraph": a.paragraph,
            "authority": _label(a.authority),
            "decision": a.get_decision_display(),
            "by": a.given_by_title,
            "rationale": redact(a.rationale),
            "when": _month(a.given_at),
            "voided": bool(a.voided_at),
        }
        for a in case.authorisations.select_related("given_by").order_by("given_at", "pk")
    ]
    return {
        "pseudonym": sample_case.pseudonym,
        "category": _label(case.offence_category) or "not recorded",
        "offence_month": _month(case.offence_date),
        "description": redact(case.offence_description),
        "gravity": {
            "matrix": case.gravity_matrix or "not recorded",
            "base": case.gravity_base_score,
            "final": case.gravity_final_score,
            "rationale": redact(case.gravity_rationale),
        },
        "offender_age": age_band(born, case.offence_date),
        "victim": _label(victim_kind) or ("a person" if victims else "not recorded"),
        "decision": _label(result.get("decision")) or "not assessed",
        "policy": f"{result.get('policy', '')} {result.get('policy_version', '')}".strip(),
        "reasons": [
            {"paragraph": r.get("paragraph", ""), "text": redact(r.get("text", ""))}
            for r in result.get("reasons", [])
        ],
        "authorities_required": [_label(a) for a in result.get("authorities_required", [])],
        "authorisations": authorisations,
        "victim_views": [
            {
                "when": _month(v.asked_at),
                "method": _label(v.method),
                "views": redact(v.views),
                "wishes": redact(v.wishes),
                "consents": {True: "Yes", False: "No", None: "Not yet decided"}[v.consents],
                "satisfaction": v.get_satisfaction_display(),
            }
            for v in case.victim_views.order_by("asked_at", "pk")
        ],
        "actions": [
            {
                "kind": _label(a.kind),
                "description": redact(a.description),
                "instant": a.instant,
                "status": a.get_status_display(),
                "notes": redact(a.notes),
            }
            for a in case.actions.order_by("pk")
        ],
        "outcome": STATE_LABELS.get(case.state, case.state),
        "outcome_reason": redact(case.outcome_reason),
        "no_alternative_sanction": case.no_alternative_sanction,
        "closed_month": _month(case.closed_at),
    }


def pack_document(sample):
    """The sample's pack, laid out by WeasyPrint (a Document: its pages, then its PDF)."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    cases = [
        pseudonymised(sc)
        for sc in sample.cases.select_related("case", "case__owner", "sample").order_by("position")
    ]
    html = render_to_string("print/scrutiny_pack.html", {"sample": sample, "cases": cases})
    return HTML(string=html).render()


def pack_pdf(sample) -> bytes:
    return pack_document(sample).write_pdf()
