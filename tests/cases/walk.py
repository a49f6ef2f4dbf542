"""Bring a case to a state through the services, as an officer would (no shortcuts)."""

from __future__ import annotations

from datetime import date

from crs.cases import checklist
from crs.cases import services as s
from crs.cases.models import Case

from . import facts as f

DUE = date(2024, 5, 1)  # within 16 weeks of the offence


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


# The offender every walked case has unless a test names its own (fake, as all test data).
OFFENDER = {"given_name": "Avery", "family_name": "Ashdown"}


def opened(owner, document=None, ref="CR/0001/24", offender: dict | None = None) -> Case:
    """Opened with the facts of `document`, its date of birth on the offender (a Person,
    OFFENDER unless `offender` gives their details): decision 0011."""
    facts, born = f.split(document or f.eligible())
    case = s.open_case(owner, crime_reference=ref, facts=facts)
    person = {**(offender or OFFENDER)}
    if born is not None:
        person.setdefault("date_of_birth", date.fromisoformat(born))
    s.add_person(case, owner, role="offender", **person)
    return fresh(case)


def assessed(owner, document=None, ref="CR/0001/24", offender: dict | None = None) -> Case:
    case = opened(owner, document, ref, offender)
    s.assess(case, owner)
    return fresh(case)


def name_offender(case: Case, owner, **details):
    """Give the walked case's offender these details (a correction, with its reason, once
    the case is assessed): the Person, as add_person would return it."""
    person = case.people.get(role="offender")
    return s.update_person(fresh(case), owner, person, reason="Identified by the PNC.", **details)


def awaiting(owner, document=None, offender: dict | None = None) -> Case:
    case = assessed(owner, document or f.needs_sergeant(), offender=offender)
    return s.request_authorisation(case, owner)


def authorised(owner, authoriser, document=None) -> Case:
    case = awaiting(owner, document)
    return s.authorise(case, authoriser, rationale="First offence of its kind in two years.")


def planned(owner, document=None, offender: dict | None = None) -> Case:
    """Assessed as eligible, with an instant apology and compensation due by 1 May 2024."""
    case = assessed(owner, document, offender=offender)
    s.add_action(case, owner, kind="verbal_apology", description="Apologise to the shop.")
    case = fresh(case)
    s.add_action(
        case, owner, kind="financial_compensation", description="Pay 9 pounds.", due_date=DUE
    )
    return fresh(case)


def agreed(owner, document=None) -> Case:
    case = s.agree(planned(owner, document), owner)
    return s.log_contact(
        case, owner, party="victim", purpose="after_delivery", method="phone", outcome="spoke"
    ).case


def in_progress(owner) -> Case:
    """The apology marked done, which starts the monitoring of the compensation."""
    case = agreed(owner)
    apology = case.actions.get(kind="verbal_apology")
    s.complete_action(case, owner, apology)
    return fresh(case)


def concluded(owner) -> Case:
    """Every action done and the victim told; the rest of the 1912 not yet written."""
    case = in_progress(owner)
    s.complete_action(case, owner, case.actions.get(kind="financial_compensation"))
    case = s.complete(fresh(case), owner)
    return s.log_contact(
        case, owner, party="victim", purpose="on_conclusion", method="phone", outcome="spoke"
    ).case


def completed(owner) -> Case:
    return record_in_full(concluded(owner), owner)


def non_compliant(owner) -> Case:
    case = s.record_non_compliance(in_progress(owner), owner, reason="Did not pay.")
    case = s.log_contact(
        case, owner, party="victim", purpose="non_compliance", method="phone", outcome="spoke"
    ).case
    return record_in_full(case, owner)


# What an officer writes for each record the 1912 asks of them (crs.cases.checklist).
WRITTEN = {
    "acceptance_of_responsibility": "Admitted taking it in interview.",
    "offender_consent": "Agrees to apologise and pay.",
    "dbs_disclosure_explained": "Told it may be disclosed on an enhanced DBS check.",
    "offender_told_named_on_crime_report": "Told they will be named on the crime report.",
}


def record_in_full(case: Case, owner, *, unsigned: tuple[str, ...] = ()) -> Case:
    """Write what the case's 1912 still lacks, as the officer would, so it can be signed
    off (4.5.1): the records the checklist lists as not done, none other (but the
    signatures of the `unsigned` parties)."""
    case = fresh(case)
    missing = {line.key for line in checklist.outstanding(case)}
    if "gravity_score_rationale" in missing:
        case = s.record_gravity_rationale(case, owner, text="The matrix score; no aggravation.")
    for kind in sorted(missing & set(checklist.STATEMENTS)):
        case = s.add_statement(case, owner, kind=kind, text=WRITTEN.get(kind, "Recorded.")).case
    if missing & {"victim_views", "victim_told_voluntary", "victim_told_no_alternative_sanction"}:
        case = s.record_victim_view(
            case, owner, asked_at=case.agreed_at or case.created_at, method="phone",
            views="Wants an apology and the money back.", consents=True,
            told_voluntary=True, told_no_alternative_sanction=True,
        ).case  # fmt: skip
    for party in ("offender", "parent_guardian", "victim", "officer"):
        if f"signature_{party}" in missing and party not in unsigned:
            case = s.sign(case, owner, party=party, name=signed_name(case, party, owner)).case
    return fresh(case)


def signed_name(case: Case, party: str, owner) -> str:
    """The name a party signs with: the person the case records in that role (a name the
    redactor of crs.scrutiny knows), else a fake one."""
    if party == "officer":
        return owner.get_full_name() or owner.get_username()
    person = case.people.filter(role=party).order_by("pk").first()
    if person is None:
        return {"parent_guardian": "Robin Ashdown", "victim": "Morgan Lee"}.get(party, "A. Signer")
    return f"{person.given_name} {person.family_name}".strip() or person.organisation


def in_review(owner) -> Case:
    return s.submit_for_review(completed(owner), owner)


def in_review_without_a_victim(owner, authoriser) -> Case:
    """A crime against the state (a Sergeant's authority), its 1912 complete, in review:
    there is no victim to offer the 1912 to, until one is named."""
    document = f.facts()
    document["victim"] = {"kind": "state"}
    case = s.request_authorisation(assessed(owner, document), owner)
    case = s.authorise(case, authoriser, rationale="Low value; first offence.")
    s.add_action(case, owner, kind="verbal_apology", description="Apologise.")
    case = s.agree(fresh(case), owner)
    s.complete_action(case, owner, case.actions.get())
    case = record_in_full(s.complete(fresh(case), owner), owner)
    return s.submit_for_review(case, owner)


def in_qa(owner, reviewer) -> Case:
    return s.approve_review(in_review(owner), reviewer, note="Checked.")


def closed(owner, reviewer, imu) -> Case:
    return s.imu_accept(in_qa(owner, reviewer), imu, note="Compliant.")
