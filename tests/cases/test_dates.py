"""Dates that make sense: nothing on a case is dated before the offence (or, while the
offence date is unknown, before the offender's birth); nothing done is dated in the future.
Each rule has one wording, which names the field it is about (crs.cases.dates)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from crs.cases import services as s
from crs.cases.errors import Invalid, NotAllowed
from crs.cases.models import Contact, RemedyAction, Signature, VictimView

from . import facts as f
from .walk import assessed, fresh, opened

DAY_BEFORE_OFFENCE = datetime(2024, 2, 19, 12, 0, tzinfo=UTC)
DAY_OF_OFFENCE = datetime(2024, 2, 20, 12, 0, tzinfo=UTC)
BEFORE_OFFENCE = "must be the same as or after the date of the offence, 20 February 2024"


def _contact(case, user, at):
    return s.log_contact(
        case, user, party="victim", purpose="other", method="phone", outcome="spoke", at=at
    )


def _view(case, user, at):
    return s.record_victim_view(
        case, user, asked_at=at, method="phone", views="Wants an apology.", consents=True
    )


def _signature(case, user, at):
    return s.sign(case, user, party="officer", name="PC Ali", signed_at=at)


RECORDS = [
    pytest.param(_contact, "at", "the contact", Contact, id="contact"),
    pytest.param(_view, "asked_at", "the conversation", VictimView, id="victim view"),
    pytest.param(_signature, "signed_at", "the signature", Signature, id="signature"),
]


@pytest.mark.parametrize(("make", "field", "what", "model"), RECORDS)
def test_a_record_dated_before_the_offence_is_refused_naming_its_field(
    pc_ali, make, field, what, model
):
    case = opened(pc_ali)
    with pytest.raises(NotAllowed) as refused:
        make(case, pc_ali, DAY_BEFORE_OFFENCE)
    assert str(refused.value) == f"The date of {what} {BEFORE_OFFENCE}"
    assert refused.value.field == field
    assert not model.objects.exists()


@pytest.mark.parametrize(("make", "field", "what", "model"), RECORDS)
def test_a_record_dated_on_the_day_of_the_offence_is_kept(pc_ali, make, field, what, model):
    make(opened(pc_ali), pc_ali, DAY_OF_OFFENCE)
    assert model.objects.count() == 1


@pytest.mark.parametrize(("make", "field", "what", "model"), RECORDS)
def test_a_record_of_something_done_dated_in_the_future_is_refused(
    pc_ali, make, field, what, model
):
    case = opened(pc_ali)
    with pytest.raises(Invalid) as refused:
        make(case, pc_ali, timezone.now() + timedelta(hours=1))
    assert str(refused.value) == f"The date and time of {what} must be in the past"
    assert refused.value.field == field
    assert not model.objects.exists()


@pytest.mark.parametrize(("make", "field", "what", "model"), RECORDS)
def test_a_record_of_a_draft_with_no_offence_date_cannot_predate_the_offenders_birth(
    pc_ali, make, field, what, model
):
    document = f.facts()
    del document["offence"]["date"]
    case = opened(pc_ali, document)
    with pytest.raises(NotAllowed) as refused:
        make(case, pc_ali, datetime(1900, 1, 1, tzinfo=UTC))
    assert str(refused.value) == (
        f"The date of {what} must be the same as or after the offender's date of birth, "
        "31 January 1990"
    )
    make(fresh(case), pc_ali, datetime(1990, 2, 1, tzinfo=UTC))
    assert model.objects.count() == 1


def test_the_offenders_date_of_birth_on_their_record_bounds_a_drafts_dates(pc_ali):
    offender = {"given_name": "Sam", "family_name": "Reed", "date_of_birth": date(2001, 5, 4)}
    case = opened(pc_ali, {"victim": {"kind": "none"}}, offender=offender)
    with pytest.raises(NotAllowed, match="offender's date of birth, 4 May 2001"):
        _contact(fresh(case), pc_ali, datetime(2001, 5, 3, tzinfo=UTC))


def test_a_record_of_a_case_with_neither_date_known_is_kept(pc_ali):
    _contact(opened(pc_ali, {"victim": {"kind": "none"}}), pc_ali, datetime(1990, 1, 1, tzinfo=UTC))
    assert Contact.objects.count() == 1


@pytest.mark.parametrize("due", [date(1, 1, 1), date(2024, 2, 19)])
def test_an_action_due_before_the_offence_is_refused(pc_ali, due):
    case = assessed(pc_ali)
    with pytest.raises(NotAllowed) as refused:
        s.add_action(case, pc_ali, kind="financial_compensation", description="Pay.", due_date=due)
    assert str(refused.value) == f"The due date {BEFORE_OFFENCE}"
    assert refused.value.field == "due_date"
    assert not RemedyAction.objects.exists()


def test_an_action_due_on_the_day_of_the_offence_is_kept(pc_ali):
    s.add_action(
        assessed(pc_ali),
        pc_ali,
        kind="financial_compensation",
        description="Pay.",
        due_date=date(2024, 2, 20),
    )
    assert RemedyAction.objects.count() == 1


def test_an_authority_is_dated_when_given_never_before_the_offence(pc_ali, sgt_brown):
    """Authority is given now (4.2.3), so it can never predate the offence: nothing to enter."""
    from .walk import authorised

    case = authorised(pc_ali, sgt_brown)
    given = case.authorisations.get()
    assert timezone.localdate(given.given_at) >= case.offence_date
    assert given.given_at <= timezone.now()
