"""The pseudonymised pack: the case's story without the people in it."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest

from crs.cases import services as s
from crs.cases.models import Case
from crs.scrutiny import services
from crs.scrutiny.pack import Redactor, age_band, pack_pdf, pseudonymised

from ..cases import facts as f

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
]


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


def closed_case(pc_ali, sgt_brown, rev_evans, imu_fisher) -> Case:
    """A case walked to closed through the services, its free text full of names."""
    document = f.needs_sergeant()
    document["offence"]["description"] = (
        f"Avery Ashdown took a charger from Morgan Quillfeather's shop; call {PHONE}."
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
    case = s.submit_for_review(case, pc_ali)
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


def test_the_pack_pdf_names_no_one_and_gives_no_date_of_birth_phone_or_address(sample):
    pdf = pack_pdf(sample)
    assert pdf.startswith(b"%PDF-")
    text = " ".join(pdf_text(pdf).split())
    pseudonym = sample.cases.get().pseudonym
    # What the panel needs is there...
    for expected in (pseudonym, "Theft", "took a charger", "Sergeant", "25 to 34", "Closed"):
        assert expected in text
    assert "penalty notice was two years ago" in text  # the authoriser's rationale
    assert "say sorry in person" in text  # the victim's views
    # ...and nothing of the people in it.
    lowered = text.lower()
    for forbidden in FORBIDDEN:
        assert forbidden.lower() not in lowered, forbidden


def test_the_panel_page_of_a_case_is_pseudonymised_too(sample):
    seen = str(pseudonymised(sample.cases.get()))
    for forbidden in FORBIDDEN:
        assert forbidden.lower() not in seen.lower(), forbidden


def test_the_redactor_removes_names_contact_details_and_dates_from_free_text():
    redact = Redactor(["Avery Ashdown", "CR/0001/24"])
    text = redact(
        "AVERY ashdown (avery@example.org, +44 7700 900 123, ME14 1XX) on 3/4/2024 "
        "re CR/0001/24; Averyville stays."
    )
    for gone in ("AVERY", "ashdown", "example.org", "7700", "ME14", "3/4/2024", "CR/0001"):
        assert gone not in text
    assert "Averyville stays" in text  # a name inside another word is left alone


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
