"""The rest of the 1912: people, victim views, contacts, restorative justice, signatures,
statements. Each is written once and audited; a correction is a new record."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from crs.policy.records import RECORDS

from .. import dates, permissions
from ..errors import Invalid, NotAllowed, NotPermitted
from ..models import (
    ETHNICITIES,
    IDENTITY,
    NAMES,
    PERSON_DETAILS,
    SATISFACTION,
    SEXES,
    Case,
    Contact,
    Person,
    RestorativeJustice,
    Signature,
    Statement,
    VictimView,
)
from ..workflow import BEFORE_AGREEMENT, OPEN, State
from ._base import changing, permit, required, required_now
from .cases import reopen_for_changed_facts

PERSON_FIELDS = frozenset(PERSON_DETAILS)
# IDENTITY: who the offender is and when they were born. The assessment read them (the date
# of birth as a fact, the name to find earlier outcomes), so changing them after it is a
# change of the facts (decision 0011).


def _open(case: Case, user) -> None:
    permit(permissions.can_work_on(user, case))
    if case.state not in OPEN:
        raise NotAllowed("This case is closed: its record can no longer change.")


def add_person(case: Case, user, *, role: str, reason: str = "", **fields) -> Person:
    """Someone in the case. The offender is one person; naming them once the case is
    assessed changes the facts assessed, so it needs a reason and reopens the case."""
    _open(case, user)
    unknown = set(fields) - PERSON_FIELDS
    if unknown:
        raise Invalid(f"Unknown details for a person: {', '.join(sorted(unknown))}.")
    if role not in Person.Role.values:
        raise Invalid(f"{role!r} is not a role in a case.")
    _check_person_choices(fields)
    offender = role == Person.Role.OFFENDER
    if offender:
        reason = _identity_reason(case, reason, fields)
    with changing(case, user, "add_person", why=reason) as ch:
        if offender and ch.case.people.filter(role=role).exists():
            raise NotAllowed("This case already has an offender: change their details instead.")
        person = Person.objects.create(case=ch.case, role=role, **fields)
        ch.after["person"] = {"id": person.pk, "role": role, **fields}
        if offender:
            reopen_for_changed_facts(ch, reason)
    return person


def _identity_reason(case: Case, reason: str, changed) -> str:
    """The reason a change to the offender's identity needs once the case is assessed;
    refused after agreement for the date of birth, which the decision stands on."""
    if case.state == State.DRAFT or not set(changed) & set(IDENTITY):
        return reason
    if "date_of_birth" in changed and case.state not in BEFORE_AGREEMENT:
        raise NotAllowed(
            "The offender's date of birth is a fact of the assessment: it cannot change once "
            "the resolution has been agreed."
        )
    return required_now(reason, "why the offender's details changed", "reason")


def _check_person_choices(fields: dict) -> None:
    for name, choices, what in (
        ("sex", SEXES, "a sex the record can hold"),
        ("ethnicity", ETHNICITIES, "a self-defined ethnic group (2021 Census)"),
    ):
        value = fields.get(name, "")
        if value and value not in dict(choices):
            raise Invalid(f"{value!r} is not {what}.")


def update_person(case: Case, user, person: Person, *, reason: str = "", **fields) -> Person:
    """Correct or complete someone's details (3.4.2, 3.4.5): the audit entry keeps what each
    changed detail was before, so the record still shows what was known when.

    The offender's name and date of birth are facts the assessment read: changing them
    after it needs a reason, voids the authority given and sends the case back for
    reassessment, as update_facts does."""
    _open(case, user)
    if person.case_id != case.pk:
        raise NotAllowed("That person is not part of this case.")
    unknown = set(fields) - PERSON_FIELDS
    if unknown:
        raise Invalid(f"Unknown details for a person: {', '.join(sorted(unknown))}.")
    _check_person_choices(fields)
    offender = person.role == Person.Role.OFFENDER
    if offender:
        asked = {k for k, v in fields.items() if getattr(person, k) != v}
        reason = _identity_reason(case, reason, asked)
    with changing(case, user, "update_person", why=reason) as ch:
        current = Person.objects.select_for_update().get(pk=person.pk)
        changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
        if not any((fields.get(k, getattr(current, k)) or "") for k in NAMES):
            # What the change leaves depends on what the record holds (decision 0012).
            raise NotAllowed("Enter the person's name, or the organisation's.", "given_name")
        ch.before["person"] = {"id": current.pk, "role": current.role}
        ch.after["person"] = {"id": current.pk, "role": current.role}
        for name, value in changed.items():
            ch.before["person"][name] = getattr(current, name)
            ch.after["person"][name] = value
            setattr(current, name, value)
        current.save()
        if offender and set(changed) & set(IDENTITY):
            reopen_for_changed_facts(ch, reason)
    return current


def record_victim_view(
    case: Case,
    user,
    *,
    asked_at: datetime,
    method: str,
    views: str,
    consents: bool | None,
    victim: Person | None = None,
    wishes: str = "",
    questions_answered: bool = False,
    told_voluntary: bool = False,
    told_no_alternative_sanction: bool = False,
    satisfaction: str = "",
) -> VictimView:
    """4.3.2, 4.3.3: who asked the victim, when and how, and what they said (and, when they
    were asked, how satisfied they are with the outcome: the dashboard counts it)."""
    _open(case, user)
    if satisfaction and satisfaction not in dict(SATISFACTION):
        raise Invalid(f"{satisfaction!r} is not a level of satisfaction the record can hold.")
    dates.check_done(case, asked_at, what="the conversation", field="asked_at")
    with changing(case, user, "record_victim_view") as ch:
        view = VictimView.objects.create(
            case=ch.case,
            victim=victim,
            asked_by=user,
            asked_at=asked_at,
            method=required(method, "how the victim was asked"),
            views=required(views, "what the victim said"),
            wishes=wishes,
            consents=consents,
            questions_answered=questions_answered,
            told_voluntary=told_voluntary,
            told_no_alternative_sanction=told_no_alternative_sanction,
            satisfaction=satisfaction,
        )
        ch.after["victim_view"] = {
            "id": view.pk,
            "asked_at": asked_at,
            "method": method,
            "views": views,
            "wishes": wishes,
            "consents": consents,
            **({"satisfaction": satisfaction} if satisfaction else {}),
        }
    return view


def log_contact(
    case: Case,
    user,
    *,
    party: str,
    purpose: str,
    method: str,
    outcome: str,
    at: datetime | None = None,
    person: Person | None = None,
    notes: str = "",
) -> Contact:
    """A contact or attempt (3.4.2, 3.4.3, 4.3.5): who made it, when, how, and what came of it."""
    _open(case, user)
    for value, choices, what in (
        (party, Contact.Party, "party"),
        (purpose, Contact.Purpose, "purpose"),
        (outcome, Contact.Outcome, "outcome"),
    ):
        if value not in choices.values:
            raise Invalid(f"{value!r} is not a contact {what}.")
    at = at or timezone.now()
    dates.check_done(case, at, what="the contact", field="at")
    with changing(case, user, "log_contact") as ch:
        contact = Contact.objects.create(
            case=ch.case,
            party=party,
            person=person,
            purpose=purpose,
            method=required(method, "how the contact was made"),
            outcome=outcome,
            at=at,
            made_by=user,
            notes=notes,
        )
        ch.after["contact"] = {
            "id": contact.pk,
            "party": party,
            "purpose": purpose,
            "method": method,
            "outcome": outcome,
            "at": at,
        }
    return contact


CHECKLIST = (
    "offender_accepted_responsibility",
    "offender_understood_effect",
    "victim_shared_views",
    "victim_questions_answered",
)


def record_restorative(
    case: Case, user, *, delivery: str, referral_note: str = "", **checklist: bool
) -> RestorativeJustice:
    """4.4.4: level 1 by a trained officer, or referral to the RJ officer; 4.5.3's checklist."""
    _open(case, user)
    if delivery not in RestorativeJustice.Delivery.values:
        raise Invalid(f"{delivery!r} is not a way of delivering restorative justice.")
    unknown = set(checklist) - set(CHECKLIST)
    if unknown:
        raise Invalid(f"Unknown checklist items: {', '.join(sorted(unknown))}.")
    if delivery == RestorativeJustice.Delivery.LEVEL1 and not user.rj_level1_trained:
        # The officer's training, not the request: a refusal of the person (decision 0012).
        raise NotPermitted(
            "Only an officer trained to Restorative Justice level 1 can deliver it.", "delivery"
        )
    if delivery == RestorativeJustice.Delivery.REFERRED:
        referral_note = required(
            referral_note, "why the case was referred to the RJ officer", "referral_note"
        )
    with changing(case, user, "record_restorative") as ch:
        existing = RestorativeJustice.objects.filter(case=ch.case).first()
        if existing is not None:
            ch.before["restorative"] = _restorative_dict(existing)
        values = {c: bool(checklist.get(c, False)) for c in CHECKLIST}
        rj, _ = RestorativeJustice.objects.update_or_create(
            case=ch.case,
            defaults={
                "delivery": delivery,
                "referral_note": referral_note,
                "recorded_by": user,
                "recorded_at": timezone.now(),
                **values,
            },
        )
        ch.after["restorative"] = _restorative_dict(rj)
    return rj


def _restorative_dict(rj: RestorativeJustice) -> dict:
    return {
        "delivery": rj.delivery,
        "referral_note": rj.referral_note,
        **{c: getattr(rj, c) for c in CHECKLIST},
        "restorative_process_used": rj.restorative_process_used,
    }


def sign(case: Case, user, *, party: str, name: str, signed_at: datetime | None = None):
    """4.5.1: the 1912 "offered to all parties for signature"."""
    _open(case, user)
    if party not in Signature.Party.values:
        raise Invalid(f"{party!r} is not a party that signs the 1912.")
    signed_at = signed_at or timezone.now()
    dates.check_done(case, signed_at, what="the signature", field="signed_at")
    with changing(case, user, "sign") as ch:
        signature = Signature.objects.create(
            case=ch.case,
            party=party,
            name=required(name, "the name of the person signing"),
            signed_at=signed_at,
            recorded_by=user,
        )
        ch.after["signature"] = {"party": party, "name": name, "signed_at": signed_at}
    return signature


def record_gravity_rationale(case: Case, user, *, text: str) -> Case:
    """3.1.1: how the gravity matrix score was arrived at. A record of the assessment, not a
    fact it reads: it can be written or corrected while the case is open, and the audit
    entry keeps what it said before."""
    _open(case, user)
    text = required(text, "how the gravity score was arrived at", "gravity_rationale")
    with changing(case, user, "record_gravity_rationale") as ch:
        c = ch.case
        if text != c.gravity_rationale:
            ch.before["gravity_rationale"] = c.gravity_rationale
            ch.after["gravity_rationale"] = c.gravity_rationale = text
    return ch.case


def add_statement(case: Case, user, *, kind: str, text: str) -> Statement:
    """A record the assessment lists in `records_required`, in the officer's words."""
    _open(case, user)
    if kind not in RECORDS:
        raise Invalid(f"{kind!r} is not a record the 1912 asks for.")
    with changing(case, user, "add_statement") as ch:
        statement = Statement.objects.create(
            case=ch.case, kind=kind, text=required(text, "the record"), recorded_by=user
        )
        ch.after["statement"] = {"kind": kind, "text": statement.text}
    return statement
