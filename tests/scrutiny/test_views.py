"""The panel's pages: who may open them, drawing a sample, recording findings, the report."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from crs.audit.models import AuditEntry
from crs.scrutiny import services
from crs.scrutiny.models import Finding, ReviewedText, Sample

from .conftest import CLOSED_ON, make_closed

DRAW = {
    "start-day": "1",
    "start-month": "5",
    "start-year": "2024",
    "end-day": "31",
    "end-month": "5",
    "end-year": "2024",
    "size": "6",
    "seed": "42",
}


@pytest.fixture
def sample(pc_ali, insp_carr):
    make_closed(pc_ali, {"theft": 4, "assault": 2})
    return services.draw_sample(insp_carr, start=CLOSED_ON, end=CLOSED_ON, size=6, seed=42)


def pages(sample) -> list[str]:
    return [
        reverse("scrutiny:sample_list"),
        reverse("scrutiny:draw"),
        reverse("scrutiny:sample", args=[sample.pk]),
        reverse("scrutiny:case", args=[sample.pk, 1]),
        reverse("scrutiny:review", args=[sample.pk, 1]),
        reverse("scrutiny:findings", args=[sample.pk]),
        reverse("scrutiny:findings_csv", args=[sample.pk]),
        reverse("scrutiny:pack", args=[sample.pk]),
    ]


@pytest.mark.parametrize("who", ["pc_ali", "sgt_brown", "imu_fisher", "outsider"])
def test_the_panel_pages_refuse_anyone_not_on_the_panel(who, request, client, sample):
    client.force_login(request.getfixturevalue(who))
    for url in pages(sample):
        response = client.get(url)
        assert response.status_code == 403, url
    response = client.post(
        reverse("scrutiny:case", args=[sample.pk, 1]), {"finding": "appropriate"}
    )
    assert response.status_code == 403
    assert not Finding.objects.exists()


def test_the_panel_pages_ask_someone_signed_out_to_sign_in(client, sample):
    response = client.get(reverse("scrutiny:sample", args=[sample.pk]))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_a_panel_member_opens_every_page(vja_hughes, client, sample):
    client.force_login(vja_hughes)
    for url in pages(sample):
        assert client.get(url).status_code == 200, url


def test_the_breadcrumbs_name_and_link_the_pages_above(vja_hughes, client, sample):
    client.force_login(vja_hughes)
    page = client.get(reverse("scrutiny:case", args=[sample.pk, 1])).text
    start = page.index('class="govuk-breadcrumbs"')
    trail = page[start : page.index("</nav>", start)]
    assert f'href="{reverse("scrutiny:sample_list")}">Scrutiny samples</a>' in trail
    assert (
        f'href="{reverse("scrutiny:sample", args=[sample.pk])}">Sample {sample.name}</a>' in trail
    )
    assert ">text<" not in trail and 'href="href"' not in trail


def test_a_sample_is_drawn_from_the_form_and_its_seed_shown(pc_ali, insp_carr, client):
    make_closed(pc_ali, {"theft": 6, "assault": 3})
    client.force_login(insp_carr)
    response = client.post(reverse("scrutiny:draw"), DRAW, follow=True)
    sample = Sample.objects.get()
    assert (sample.seed, sample.size, sample.cases.count()) == (42, 6, 6)
    assert response.redirect_chain[-1][0] == reverse("scrutiny:sample", args=[sample.pk])
    assert "seed 42" in response.content.decode()


def test_a_sample_drawn_without_a_seed_gets_one_that_draws_it_again(pc_ali, insp_carr, client):
    make_closed(pc_ali, {"theft": 6, "assault": 3})
    client.force_login(insp_carr)
    client.post(reverse("scrutiny:draw"), {**DRAW, "seed": ""})
    first = Sample.objects.get()
    client.post(reverse("scrutiny:draw"), {**DRAW, "seed": str(first.seed)})
    again = Sample.objects.exclude(pk=first.pk).get()
    assert list(first.cases.values_list("case_id", flat=True)) == list(
        again.cases.values_list("case_id", flat=True)
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"size": ""}, "Enter how many cases the sample should have"),
        ({"size": "many"}, "The sample size must be a whole number"),
        ({"size": "0"}, "The sample size must be at least 1"),
        ({"end-day": "30", "end-month": "4"}, "The end of the period must be the same as"),
        ({"end-day": "31", "end-month": "4"}, "The end of the period must be a real date"),
        ({"start-month": ""}, "The start of the period must include a month"),
        ({"seed": "-3"}, "The seed must be 0 or more"),
    ],
)
def test_a_bad_draw_is_refused_naming_the_field(change, message, insp_carr, client):
    client.force_login(insp_carr)
    response = client.post(reverse("scrutiny:draw"), {**DRAW, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Sample.objects.exists()


def test_a_period_with_no_closed_cases_is_refused_on_the_page(insp_carr, client):
    client.force_login(insp_carr)
    response = client.post(reverse("scrutiny:draw"), DRAW)
    assert "No cases were closed in that period" in response.content.decode()


def record(client, sample, position, finding, comments=""):
    url = reverse("scrutiny:case", args=[sample.pk, position])
    return client.post(url, {"finding": finding, "comments": comments})


def test_a_finding_is_recorded_and_written_to_the_cases_audit_trail(insp_carr, client, sample):
    client.force_login(insp_carr)
    response = record(client, sample, 1, "inappropriate", "The victim was not asked.")
    assert response.status_code == 302
    sc = sample.cases.get(position=1)
    assert (sc.finding.finding, sc.finding.recorded_by) == ("inappropriate", insp_carr)
    entry = AuditEntry.objects.get(action="scrutiny_finding")
    assert entry.case_id == sc.case_id
    assert entry.after["finding"] == "inappropriate"
    assert entry.after["pseudonym"] == sc.pseudonym


def test_recording_again_replaces_the_finding_and_both_are_audited(insp_carr, client, sample):
    client.force_login(insp_carr)
    record(client, sample, 1, "no_agreement")
    record(client, sample, 1, "appropriate")
    assert Finding.objects.get().finding == "appropriate"
    entries = AuditEntry.objects.filter(action="scrutiny_finding").order_by("seq")
    assert [e.after["finding"] for e in entries] == ["no_agreement", "appropriate"]
    assert entries[1].before == {"finding": "no_agreement", "comments": ""}


def test_an_inappropriate_finding_needs_comments(insp_carr, client, sample):
    client.force_login(insp_carr)
    response = record(client, sample, 1, "inappropriate")
    assert "Enter the panel&#x27;s comments for this finding" in response.content.decode()
    assert not Finding.objects.exists()


def test_a_finding_must_be_chosen(insp_carr, client, sample):
    client.force_login(insp_carr)
    response = record(client, sample, 1, "")
    assert "Select the panel&#x27;s finding" in response.content.decode()


def test_the_report_counts_findings_by_finding_and_by_offence_category(insp_carr, client, sample):
    client.force_login(insp_carr)
    by_position = {sc.position: sc.offence_category for sc in sample.cases.all()}
    verdicts = {1: "appropriate", 2: "appropriate", 3: "inappropriate", 5: "no_agreement"}
    for position, verdict in verdicts.items():
        record(client, sample, position, verdict, "Noted." if verdict == "inappropriate" else "")
    from crs.scrutiny.report import findings_report

    r = findings_report(sample)
    counts = {row["key"]: row["count"] for row in r["by_finding"]}
    assert counts == {
        "appropriate": 2,
        "appropriate_with_observations": 0,
        "inappropriate": 1,
        "no_agreement": 1,
        "not recorded": 2,
    }
    expected: dict[str, list[int]] = {}
    keys = [k for k, _ in r["columns"]]
    for position, category in by_position.items():
        row = expected.setdefault(category.replace("_", " "), [0] * len(keys))
        row[keys.index(verdicts.get(position, "not recorded"))] += 1
    assert {row["category"]: row["counts"] for row in r["by_category"]} == expected
    assert [c["comments"] for c in r["comments"]] == ["Noted."]
    page = client.get(reverse("scrutiny:findings", args=[sample.pk])).content.decode()
    assert "Noted." in page


def test_the_findings_csv_has_a_row_per_case_and_no_crime_reference(insp_carr, client, sample):
    client.force_login(insp_carr)
    record(client, sample, 2, "appropriate_with_observations", "Good, but late.")
    response = client.get(reverse("scrutiny:findings_csv", args=[sample.pk]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 6
    assert rows[1]["finding"] == "appropriate_with_observations"
    assert rows[1]["comments"] == "Good, but late."
    assert rows[1]["pseudonym"] == f"S{sample.pk}-02"
    assert "CR/" not in response.content.decode()


def test_the_pack_is_a_pdf_download(insp_carr, client, sample):
    client.force_login(insp_carr)
    response = client.get(reverse("scrutiny:pack", args=[sample.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert f"scrutiny-pack-S{sample.pk}.pdf" in response["Content-Disposition"]


def with_free_text(sample, position=1, text="Avery Ashdown took 2 bars of soap (SOP 2.3.4)."):
    """Give one drawn case free text (the quick cases have none), written as a tester would."""
    from crs.cases.models import Case

    sample_case = sample.cases.get(position=position)
    Case.objects.filter(pk=sample_case.case_id).update(offence_description=text)
    return sample_case


def test_the_review_page_marks_each_suggestion_and_offers_the_redacted_text(
    insp_carr, client, sample
):
    with_free_text(sample, text="Witness Pat Quigley saw it on 18/04/2024 (SOP 2.3.4).")
    client.force_login(insp_carr)
    page = client.get(reverse("scrutiny:review", args=[sample.pk, 1])).text
    assert "<mark>Pat Quigley</mark>" in page and "<mark>18/04/2024</mark>" in page
    assert "name after a relation" in page
    assert "Witness [name] saw it on [date] (SOP 2.3.4).</textarea>" in page


def test_reviewed_text_that_still_names_someone_is_refused_on_its_field(insp_carr, client, sample):
    with_free_text(sample, text="Witness Pat Quigley saw it.")
    client.force_login(insp_carr)
    url = reverse("scrutiny:review", args=[sample.pk, 1])
    response = client.post(url, {"text-1": "Witness Pat Quigley saw it, with Mrs Jones."})
    assert response.status_code == 200
    page = response.text
    assert "<title>Error: " in page
    assert 'href="#id_text-1"' in page  # the error summary links to the field
    assert "Jones" in page.split('class="govuk-error-message"', 1)[1][:400]
    assert not ReviewedText.objects.exists()


def test_the_pack_is_refused_with_the_cases_still_to_review_then_given_once_reviewed(
    insp_carr, client, sample
):
    sample_case = with_free_text(sample, position=2)
    client.force_login(insp_carr)
    response = client.get(reverse("scrutiny:pack", args=[sample.pk]))
    assert response["Content-Type"].startswith("text/html")
    page = response.text
    assert "cannot be made yet" in page
    assert reverse("scrutiny:review", args=[sample.pk, 2]) in page
    assert f"Review case {sample_case.pseudonym}" in page
    # The reviewer accepts the suggestion as it stands.
    response = client.post(
        reverse("scrutiny:review", args=[sample.pk, 2]),
        {"text-1": "[name] took 2 bars of soap (SOP 2.3.4)."},
    )
    assert response.status_code == 302
    saved = ReviewedText.objects.get()
    assert saved.reviewed_by == insp_carr and saved.field == "description"
    entry = AuditEntry.objects.get(action="scrutiny_text_reviewed")
    assert entry.actor == insp_carr and entry.case_id == sample_case.case_id
    response = client.get(reverse("scrutiny:pack", args=[sample.pk]))
    assert response["Content-Type"] == "application/pdf"
