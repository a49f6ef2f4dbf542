"""The pseudonymised pack: the case's story without the people in it, in plain words, made
only from free text a person has reviewed."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import pytest

from crs.audit.models import AuditEntry
from crs.cases import services as s
from crs.cases.errors import NotPermitted
from crs.cases.models import Case
from crs.scrutiny import review, services
from crs.scrutiny.models import ReviewedText
from crs.scrutiny.pack import (
    NOT_REVIEWED,
    NotReviewed,
    a_or_an,
    age_band,
    consent_sentence,
    pack_pdf,
    pseudonymised,
)

from ..cases import facts as f
from ..cases import walk

REF = "CR/0777/24"
OFFENDER = {"given_name": "Avery", "family_name": "Ashdown", "date_of_birth": "1990-01-31"}
PHONE = "07700 900123"
ADDRESS = "12 Acacia Road, Testtown TT1 2AB"
EMAIL = "avery.ashdown@example.org"
VICTIM = {"given_name": "Morgan", "family_name": "Quillfeather"}
# Everything of the case's people that must not reach the panel.
FORBIDDEN = [
    "Avery",
    "Ashdown",
    "Morgan",
    "Quillfeather",
    "1990",
    "31 January",
    "31/01",
    PHONE,
    "07700",
    "900123",
    "Acacia",
    "TT1",
    EMAIL,
    REF,
    "Amir",  # the officer in the case, Amir Ali
    "pc_ali",
    "sgt_brown",
    "18th April",
    "Pat Quigley",
    "Quigley",
    " Jo ",
    "41/98765/26",
    "DEMO-00011",
    "Brown",
]
# What the tester found redacted that must not be.
HARMLESS = ["agreement under 2.3.4", "the corner of the shop", "£25"]


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


def closed_case(pc_ali, sgt_brown, rev_evans, imu_fisher) -> Case:
    """A case walked to closed through the services, its free text full of names."""
    document = f.needs_sergeant()
    document["offence"]["description"] = (
        f"Avery Ashdown took a charger from Morgan Quillfeather's shop; call {PHONE}. "
        "Ashdown, born 18th April 1996, was seen by the witness Pat Quigley with his brother "
        "Jo at the corner of the shop; PC Ali and Sgt Brown attended. Also 41/98765/26 and "
        "DEMO-00011. The agreement under 2.3.4 was explained; he will pay £25."
    )
    case = s.open_case(
        pc_ali,
        crime_reference=REF,
        facts=f.case_facts(document),
        gravity_rationale="Ashdown admitted it at once; the matrix score stands.",
    )
    s.add_person(
        case, pc_ali, role="offender", phone=PHONE, address=ADDRESS, email=EMAIL, **OFFENDER
    )
    s.add_person(fresh(case), pc_ali, role="victim", **VICTIM)
    s.record_victim_view(
        fresh(case),
        pc_ali,
        asked_at=datetime(2024, 2, 22, 10, tzinfo=UTC),
        method="phone",
        views="Morgan wants Avery to say sorry in person (ring 07700 900123).",
        wishes="An apology from Ashdown.",
        consents=True,
        told_voluntary=True,
        told_no_alternative_sanction=True,
    )
    s.assess(fresh(case), pc_ali)
    case = s.request_authorisation(fresh(case), pc_ali)
    case = s.authorise(
        case, sgt_brown, rationale="Avery Ashdown's penalty notice was two years ago."
    )
    s.add_action(
        case, pc_ali, kind="verbal_apology", description="Avery apologises to Mrs Quillfeather."
    )
    case = s.agree(fresh(case), pc_ali)
    case = s.log_contact(
        case, pc_ali, party="victim", purpose="after_delivery", method="phone", outcome="spoke"
    ).case
    s.complete_action(case, pc_ali, case.actions.get())
    case = s.complete(fresh(case), pc_ali)
    case = s.log_contact(
        case, pc_ali, party="victim", purpose="on_conclusion", method="phone", outcome="spoke"
    ).case
    case = s.submit_for_review(walk.record_in_full(case, pc_ali), pc_ali)
    case = s.approve_review(case, rev_evans, note="Checked.")
    return s.imu_accept(case, imu_fisher, note="Compliant.")


def pdf_text(pdf: bytes) -> str:
    """The text of the PDF itself, as a reader would copy it (pypdf, a dev dependency)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages = " ".join(page.extract_text() for page in reader.pages)
    return " ".join([pages, *(str(v) for v in (reader.metadata or {}).values())])


@pytest.fixture
def sample(pc_ali, sgt_brown, rev_evans, imu_fisher, insp_carr):
    case = closed_case(pc_ali, sgt_brown, rev_evans, imu_fisher)
    day = case.closed_at.date()
    return services.draw_sample(insp_carr, start=day, end=day, size=1, seed=1)


def accept_every_suggestion(user, sample):
    for sc in sample.cases.all():
        texts = {r.field.key: r.suggestion.text for r in review.reviews(sc)}
        review.save_reviews(user, sc, texts)


def test_the_pack_is_refused_until_every_free_text_is_reviewed(sample, insp_carr):
    with pytest.raises(NotReviewed) as refused:
        pack_pdf(sample)
    sample_case = sample.cases.get()
    # description, gravity rationale, the authority's rationale, the victim's views and
    # wishes, the action: six pieces of free text (the blank notes and reason need none).
    assert [(sc, n) for sc, n in refused.value.cases] == [(sample_case, 6)]
    accept_every_suggestion(insp_carr, sample)
    assert review.outstanding(sample) == []
    assert pack_pdf(sample).startswith(b"%PDF-")


def test_the_pack_pdf_names_no_one_and_gives_no_date_of_birth_phone_or_address(sample, insp_carr):
    accept_every_suggestion(insp_carr, sample)
    text = " ".join(pdf_text(pack_pdf(sample)).split())
    pseudonym = sample.cases.get().pseudonym
    # What the panel needs is there...
    for expected in (pseudonym, "Theft", "took a charger", "Sergeant", "25 to 34", "Closed"):
        assert expected in text
    assert "penalty notice was two years ago" in text  # the authoriser's rationale
    assert "say sorry in person" in text  # the victim's views
    for harmless in HARMLESS:
        assert harmless in text, harmless
    # ...and nothing of the people in it.
    lowered = text.lower()
    for forbidden in FORBIDDEN:
        assert forbidden.lower() not in lowered, forbidden
    # It says who reviewed it.
    assert "read and approved before the pack was made, by insp_carr, Inspector" in text


def test_the_pack_is_in_plain_words_for_a_lay_panel(sample, insp_carr):
    accept_every_suggestion(insp_carr, sample)
    text = " ".join(pdf_text(pack_pdf(sample)).split()).replace("insp_carr", "")
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), re.findall(r"\b[a-z]+_[a-z_]+\b", text)
    assert "Given by a Sergeant" in text
    assert ".." not in text
    for word in ("Community Remedy", "Gravity score", "Conditional caution", "Restorative justice"):
        assert word.lower() in text.lower(), word
    assert "Verbal apology" in text or "apology" in text.lower()
    # The contacts the panel needs, without names: the victim after delivery and at the end.
    assert "Victim, " in text and "immediately after delivery" in text.lower()
    assert "The victim agreed to a Community Resolution." in text
    assert "No victim's views were recorded" not in text


def test_the_panel_page_of_a_case_is_pseudonymised_too(sample):
    seen = str(pseudonymised(sample.cases.get()))
    for forbidden in FORBIDDEN:
        assert forbidden.lower() not in seen.lower(), forbidden
    assert NOT_REVIEWED in seen  # the suggestion, marked as not yet reviewed


def test_reviewed_text_with_a_name_left_in_is_refused_naming_the_field(sample, insp_carr):
    sample_case = sample.cases.get()
    fields = review.reviews(sample_case)
    description = next(r for r in fields if r.field.key == "description")
    left = description.suggestion.text + " Avery's sister, born 18.4.96, saw it."
    with pytest.raises(review.TextLeft) as refused:
        review.save_reviews(insp_carr, sample_case, {"description": left})
    assert set(refused.value.errors) == {"description"}
    assert "'Avery' (name of the offender)" in refused.value.errors["description"]
    assert "What happened" in refused.value.errors["description"]
    assert not ReviewedText.objects.exists()


def test_a_review_is_recorded_in_the_audit_trail_with_who_and_the_text(sample, insp_carr):
    sample_case = sample.cases.get()
    text = "Someone took a charger from a shop."
    review.save_reviews(insp_carr, sample_case, {"description": text})
    entry = AuditEntry.objects.filter(action="scrutiny_text_reviewed").get()
    assert entry.actor == insp_carr and entry.case == sample_case.case
    assert entry.after["field"] == "description" and entry.after["text"] == text
    assert pseudonymised(sample_case, review.reviewed_texts(sample_case))["description"] == text


def test_a_review_no_longer_counts_once_the_text_it_read_has_changed(sample, insp_carr):
    sample_case = sample.cases.get()
    review.save_reviews(insp_carr, sample_case, {"description": "Someone took a charger."})
    assert review.reviewed_texts(sample_case)["description"] is not None
    Case.objects.filter(pk=sample_case.case_id).update(offence_description="Changed: Avery.")
    sample_case = sample.cases.get()
    assert review.reviewed_texts(sample_case)["description"] is None


def test_only_the_panel_may_review_text(sample, pc_ali):
    with pytest.raises(NotPermitted):
        review.save_reviews(pc_ali, sample.cases.get(), {"description": "Someone."})


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Inspector", "an Inspector"),
        ("Acting Inspector", "an Acting Inspector"),
        ("Sergeant", "a Sergeant"),
        ("IMU quality assurer", "an IMU quality assurer"),
        ("Youth Justice Team Supervisor", "a Youth Justice Team Supervisor"),
    ],
)
def test_a_title_takes_a_or_an(title, expected):
    assert a_or_an(title) == expected


class View:
    def __init__(self, consents):
        self.consents = consents


@pytest.mark.parametrize(
    ("views", "facts", "expected"),
    [
        ([View(False), View(True)], {}, "The victim agreed to a Community Resolution."),
        ([View(False)], {}, "The victim did not agree to a Community Resolution."),
        ([View(None)], {}, "The victim had not decided whether they agreed"),
        (
            [],
            {"victim": {"kind": "person", "consents": False}},
            "No victim's views were recorded. The assessment was told the victim did not agree.",
        ),
        ([], {"victim": {"kind": "state"}}, "There is no individual victim"),
    ],
)
def test_the_consent_sentence_comes_from_the_views_recorded(views, facts, expected):
    assert consent_sentence(views, facts).startswith(expected)


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(2014, 3, 1), "under 10"),
        (date(2013, 2, 20), "10 to 14"),
        (date(2009, 2, 21), "10 to 14"),  # 15 the day after the offence
        (date(2009, 2, 20), "15 to 17"),
        (date(2006, 2, 21), "15 to 17"),  # 18 the day after the offence
        (date(2006, 2, 20), "18 to 24"),
        (date(1990, 1, 31), "25 to 34"),
        (date(1950, 1, 1), "65 and over"),
        (None, "not recorded"),
    ],
)
def test_a_date_of_birth_becomes_an_age_band_at_the_offence(born, band):
    assert age_band(born, date(2024, 2, 20)) == band
