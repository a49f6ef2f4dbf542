"""The panel's pseudonymised view of a case, on its pages and in the PDF pack, in plain words.

Personal data is left out, not hidden: no one's name (offender, victim, others,
the officers: they appear by rank or role), no date of birth (an age band at
the offence), no address, phone or email, and no crime reference (the case is
S<sample>-<position>). Dates are given as month and year. Free text (the
offence's description, rationales, the victim's views, actions, notes) is what a
person approved (crs.scrutiny.review) from the redactor's suggestion
(crs.scrutiny.redaction); the pack is refused until every field is reviewed.

The panel is lay: codes are written as words, from the labels the rest of crs
uses (crs.policy.questions.LABELS, crs.policy.labels, the rules' own text,
the policy pack's Community Remedy names, the models' choices).
"""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string

from crs.cases.models import Contact, Person
from crs.cases.workflow import STATE_LABELS
from crs.policy import PackError, ages, pack_for
from crs.policy.authorities import REQUIREMENTS
from crs.policy.engine import templates
from crs.policy.labels import DECISION_LABELS, humanise
from crs.policy.questions import LABELS, LIST_FIELD

from .redaction import redactor_for
from .review import outstanding, reviewed_texts, reviewers

NOT_REVIEWED = "[not yet reviewed]"
METHOD_WORDS = {k: v.lower() for k, v in Contact.Method.choices}
# The people the panel needs to know were contacted (not who they are): 3.4.2, 4.3.5.
CONTACT_PARTIES = (Contact.Party.PARENT_GUARDIAN, Contact.Party.VICTIM)


def age_band(born: date | None, on: date | None) -> str:
    """The age band in words, lower case: the dashboard's bands (crs.policy.ages)."""
    return ages.age_band_label(born, on).lower()


def _month(day) -> str:
    return f"{day:%B %Y}" if day else "not recorded"


def a_or_an(words: str) -> str:
    """ "an Inspector", "a Sergeant": the article for a title."""
    return ("an " if words[:1].lower() in "aeiou" else "a ") + words


def sentence(text: str | None) -> str:
    """The text ending in one full stop (or its own ? or !), however it was written."""
    text = (text or "").strip()
    return text if not text or text[-1] in ".?!" else text + "."


def _words(code: str | None) -> str:
    return humanise(code or "")


def _pack(assessment):
    """The policy pack the case was assessed under, or None when it cannot be found."""
    if assessment is None:
        return None
    try:
        return pack_for(assessment.assessed_on, assessment.policy)
    except PackError:
        return None


def _remedies(pack) -> dict[str, str]:
    return {r.id: r.label for r in pack.community_remedy} if pack else {}


def _rule_texts(pack) -> dict[str, str]:
    """Each rule's text, its periods those of the pack the case was assessed under."""
    return {code: t["text"] for code, t in templates(pack).items()} if pack else {}


def consent_sentence(views: list, facts: dict) -> str:
    """What the victim said about a Community Resolution, from the views recorded (the last
    one counts); when none were recorded, says so and what the assessment was told."""
    victim = facts.get("victim") or {}
    if views:
        return {
            True: "The victim agreed to a Community Resolution.",
            False: "The victim did not agree to a Community Resolution.",
            None: "The victim had not decided whether they agreed to a Community Resolution.",
        }[views[-1].consents]
    if victim.get("kind") not in ("person", "organisation"):
        return "There is no individual victim, so no victim's views were asked for."
    told = {
        True: " The assessment was told the victim agreed.",
        False: " The assessment was told the victim did not agree.",
    }.get(victim.get("consents"), "")
    return "No victim's views were recorded." + told


def pseudonymised(sample_case, texts: dict[str, str | None] | None = None) -> dict:
    """Everything the panel sees of one case, with the personal data taken out.

    `texts` is the reviewed free text (review.reviewed_texts): a field not yet reviewed
    reads NOT_REVIEWED. Without it (the panel's own pages, before review) each field is
    the redactor's suggestion, marked as not yet reviewed.
    """
    case = sample_case.case
    if texts is None:
        redact = redactor_for(case)
        suggested = {k: v for k, v in reviewed_texts(sample_case).items() if v is not None}

        def free(key: str, original: str) -> str:
            if not (original or "").strip():
                return ""
            if key in suggested:
                return sentence(suggested[key])
            return f"{sentence(redact(original))} {NOT_REVIEWED}"

    else:

        def free(key: str, original: str) -> str:
            if not (original or "").strip():
                return ""
            found = texts.get(key)
            return NOT_REVIEWED if found is None else sentence(found)

    machine = redactor_for(case)  # for the engine's sentences: no person reviews those
    people = list(case.people.all())
    assessment = case.current_assessment
    result = assessment.result if assessment else {}
    offenders = [p for p in people if p.role == Person.Role.OFFENDER]
    facts = case.facts or {}
    born = next((p.date_of_birth for p in offenders if p.date_of_birth), None)
    victim_kind = (facts.get("victim") or {}).get("kind", "")
    pack = _pack(assessment)
    remedies = _remedies(pack)
    rule_texts = _rule_texts(pack)
    authorisations = [
        {
            "requirement": rule_texts.get(a.requirement, _words(a.requirement)),
            "paragraph": a.paragraph,
            "authority": REQUIREMENTS.get(a.authority, _words(a.authority)),
            "sentence": f"{a.get_decision_display()} by {a_or_an(a.given_by_title)}",
            "rationale": free(f"authorisation.{a.pk}.rationale", a.rationale),
            "when": _month(a.given_at),
            "voided": bool(a.voided_at),
        }
        for a in case.authorisations.order_by("given_at", "pk")
    ]
    views = list(case.victim_views.order_by("asked_at", "pk"))
    contacts = [
        {
            "who": c.get_party_display(),
            "when": _month(c.at),
            "how": METHOD_WORDS.get(c.method, _words(c.method)),
            "why": c.get_purpose_display(),
            "outcome": c.get_outcome_display(),
        }
        for c in case.contacts.filter(party__in=CONTACT_PARTIES).order_by("at", "pk")
    ]
    recommended = result.get("recommended_disposal") or ""
    if recommended == "community_resolution":
        recommended = ""  # not "instead" of anything: it is what was decided on
    return {
        "pseudonym": sample_case.pseudonym,
        "category": LABELS["offence.category"].get(case.offence_category, "")
        or _words(case.offence_category)
        or "Not recorded",
        "offence_month": _month(case.offence_date),
        "description": free("description", case.offence_description),
        "gravity": {
            "matrix": LABELS["offence.gravity.matrix"].get(case.gravity_matrix, "")
            or "not recorded",
            "base": case.gravity_base_score,
            "final": case.gravity_final_score,
            "rationale": free("gravity_rationale", case.gravity_rationale),
        },
        "offender_age": age_band(born, case.offence_date),
        "victim": LABELS["victim.kind"].get(victim_kind, "Not recorded"),
        "juvenile": case.juvenile,
        "decision": DECISION_LABELS.get(result.get("decision"), "Not assessed"),
        "recommended": LABELS[LIST_FIELD + ".*.outcome"].get(recommended, _words(recommended)),
        "policy": f"{result.get('policy', '')} {result.get('policy_version', '')}".strip(),
        "reasons": [
            {
                "paragraph": r.get("paragraph", ""),
                "text": sentence(machine(humanise(r.get("text", "")))),
            }
            for r in result.get("reasons", [])
        ],
        "authorities_required": [
            REQUIREMENTS.get(a, _words(a)) for a in result.get("authorities_required", [])
        ],
        "authorisations": authorisations,
        "victim_views": [
            {
                "when": _month(v.asked_at),
                "method": METHOD_WORDS.get(v.method, _words(v.method)),
                "views": free(f"victim_view.{v.pk}.views", v.views),
                "wishes": free(f"victim_view.{v.pk}.wishes", v.wishes),
                "satisfaction": v.get_satisfaction_display(),
            }
            for v in views
        ],
        "consent": consent_sentence(views, facts),
        "contacts": contacts,
        "actions": [
            {
                "kind": remedies.get(a.kind, _words(a.kind)),
                "description": free(f"action.{a.pk}.description", a.description),
                "instant": a.instant,
                "status": a.get_status_display(),
                "notes": free(f"action.{a.pk}.notes", a.notes),
            }
            for a in case.actions.order_by("pk")
        ],
        "outcome": STATE_LABELS.get(case.state, case.state),
        "outcome_reason": free("outcome_reason", case.outcome_reason),
        "no_alternative_sanction": case.no_alternative_sanction,
        "closed_month": _month(case.closed_at),
    }


class NotReviewed(Exception):
    """The pack cannot be made: free text of these cases is not yet reviewed."""

    def __init__(self, cases):
        super().__init__(", ".join(sc.pseudonym for sc, _ in cases))
        self.cases = cases


def pack_document(sample):
    """The sample's pack, laid out by WeasyPrint (a Document: its pages, then its PDF).

    Raises NotReviewed while any case's free text is still to be reviewed."""
    # WeasyPrint takes over a second to import: only the pack's PDF needs it
    from weasyprint import HTML

    left = outstanding(sample)
    if left:
        raise NotReviewed(left)
    rows = sample.cases.select_related("case", "case__owner", "sample").order_by("position")
    cases = [pseudonymised(sc, reviewed_texts(sc)) for sc in rows]
    html = render_to_string(
        "print/scrutiny_pack.html",
        {"sample": sample, "cases": cases, "reviewers": reviewers(sample)},
    )
    return HTML(string=html).render()


def pack_pdf(sample) -> bytes:
    return pack_document(sample).write_pdf()
