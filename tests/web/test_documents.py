"""The printed documents: form 1912 and the acceptance form, as PDFs, read back as text."""

from __future__ import annotations

import io

import pypdf
from django.urls import reverse

from crs.audit.models import AuditEntry
from crs.cases import services as s
from crs.web.documents import statements

from ..cases import facts as f
from ..cases import walk

PAYLOAD = "<script>alert('x')</script><b>bold</b>"


def form_url(case):
    return reverse("journeys:form_1912", args=[case.pk])


def acceptance_url(case):
    return reverse("journeys:acceptance_form", args=[case.pk])


def pdf_text(response) -> str:
    """The PDF's text, each run of white space as one space (lines wrap anywhere)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(body))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def agreed_with_people(owner):
    """An agreed adult case with an offender, a victim, the victim's views and a signature."""
    case = walk.planned(owner, offender={"given_name": "Quinn", "family_name": "Redbrook"})
    s.add_person(case, owner, role="victim", organisation="Marlow Stores")
    case = walk.fresh(case)
    s.record_victim_view(
        case,
        owner,
        asked_at=case.created_at,
        method="phone",
        views="The manager would like an apology.",
        consents=True,
        told_voluntary=True,
    )
    case = s.agree(walk.fresh(case), owner)
    s.sign(case, owner, party="offender", name="Quinn Redbrook")
    return walk.fresh(case)


def test_form_1912_is_a_pdf_download_holding_the_record(client, pc_ali):
    case = agreed_with_people(pc_ali)
    client.force_login(pc_ali)
    response = client.get(form_url(case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="form-1912-cr-0001-24.pdf"'
    text = pdf_text(response)
    assessment = case.current_assessment
    for expected in (
        "Community Resolution record (form 1912)",
        "CR/0001/24",
        "Quinn Redbrook",  # the offender, and their signature
        "Marlow Stores",  # the victim, an organisation
        "The manager would like an apology.",  # the victim's views
        "Pay 9 pounds.",  # a Community Remedy action
        "1 May 2024",  # its due date
        f"version {assessment.policy_version}",
        "Eligible for a Community Resolution",
        "The offender accepted responsibility for their actions",  # the 4.5.3 checklist
    ):
        assert expected in text, expected


def test_form_1912_gives_the_reasons_with_their_sop_paragraphs(client, pc_ali, sgt_brown):
    case = walk.authorised(pc_ali, sgt_brown)
    client.force_login(pc_ali)
    text = pdf_text(client.get(form_url(case)))
    reasons = case.current_assessment.result["reasons"]
    assert reasons
    for reason in reasons:
        assert f"Paragraph {reason['paragraph']}" in text
    assert "First offence of its kind in two years." in text  # the authority's rationale


def test_form_1912_leaves_lines_for_those_who_have_not_signed(client, pc_ali):
    case = agreed_with_people(pc_ali)
    client.force_login(pc_ali)
    text = pdf_text(client.get(form_url(case)))
    signatures = text.split("12. Signatures")[1]
    assert "Officer in the case Name Signature" in signatures
    assert "Offender Name Signature" not in signatures  # the offender has signed


def test_free_text_is_printed_as_text_not_markup(client, pc_ali):
    offender = {"given_name": PAYLOAD, "family_name": "Redbrook"}
    case = walk.opened(
        pc_ali, {**f.eligible(), "offence": {**f.eligible()["offence"]}}, offender=offender
    )
    s.add_person(case, pc_ali, role="victim", organisation=f"Shop {PAYLOAD}")
    client.force_login(pc_ali)
    text = pdf_text(client.get(form_url(case)))
    assert f"{PAYLOAD} Redbrook" in text
    assert f"Shop {PAYLOAD}" in text


def test_the_acceptance_form_states_what_the_sop_requires(client, pc_ali):
    case = agreed_with_people(pc_ali)
    client.force_login(pc_ali)
    response = client.get(acceptance_url(case))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="acceptance-cr-0001-24.pdf"'
    text = pdf_text(response)
    for statement in (*statements.AGREED, *statements.TOLD):
        assert statement.text in text, statement.paragraph
    assert "It is not a conviction" in text
    assert "named on the crime report" in text
    assert "enhanced Disclosure and Barring Service (DBS) check" in text
    assert "Pay 9 pounds. 1 May 2024" in text  # the action and its due date
    assert "The offender Name Quinn Redbrook Signature" in text  # a blank line to sign
    assert "Parent or guardian" not in text  # an adult signs alone


def test_the_acceptance_form_for_a_child_has_a_parent_or_guardians_signature(client, pc_ali):
    case = walk.planned(pc_ali, f.child())
    s.add_person(case, pc_ali, role="parent_guardian", given_name="Robin", family_name="Hale")
    client.force_login(pc_ali)
    text = pdf_text(client.get(acceptance_url(case)))
    assert f"Parent or guardian {statements.PARENT.text} Name Robin Hale Signature" in text


def test_every_statement_rests_on_words_the_sop_uses(sop_text):
    sop = " ".join(sop_text.split())
    for statement in statements.ALL:
        assert statement.sop in sop, statement.paragraph
        assert f"{statement.paragraph}" in sop


def test_someone_who_cannot_see_the_case_gets_not_found(client, pc_ali, outsider):
    case = walk.assessed(pc_ali)
    client.force_login(outsider)
    assert client.get(form_url(case)).status_code == 404
    assert client.get(acceptance_url(case)).status_code == 404


def test_someone_signed_out_is_sent_to_sign_in(client, pc_ali):
    case = walk.assessed(pc_ali)
    response = client.get(form_url(case))
    assert response.status_code == 302
    assert "application/pdf" not in response.get("Content-Type", "")


def test_a_case_seen_force_wide_can_be_printed(client, pc_ali, imu_fisher):
    case = walk.assessed(pc_ali)
    client.force_login(imu_fisher)
    assert client.get(form_url(case)).status_code == 200


def test_printing_changes_nothing_and_so_writes_no_audit_entry(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    before = AuditEntry.objects.count()
    client.get(form_url(case))
    client.get(acceptance_url(case))
    assert AuditEntry.objects.count() == before
    assert walk.fresh(case).version == case.version


def test_the_case_page_links_to_both_documents(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert f'href="{form_url(case)}"' in page and "Download form 1912 (PDF)" in page
    assert f'href="{acceptance_url(case)}"' in page and "Print acceptance form" in page


def test_form_1912_of_a_not_eligible_case_offers_no_authority(client, pc_ali):
    # Ruling R37: no authority is printed as a way to proceed; the knife route is.
    pc_ali.rj_level1_trained = False  # from the officer's record (Ruling R39)
    pc_ali.save(update_fields=["rj_level1_trained"])
    case = walk.assessed(pc_ali, f.facts(offence={"category": "weapon_possession"}))
    assert case.current_assessment.result["authorisations"]
    client.force_login(pc_ali)
    text = pdf_text(client.get(form_url(case)))
    assert "Authority needed" not in text
    assert "with exceptional circumstances recorded, an Inspector may authorise it (2.3.2)" in text
