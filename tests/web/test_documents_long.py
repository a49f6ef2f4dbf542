"""The printed documents of a case with very long free text: made, whole, and wrapped;
and a PDF that cannot be made says so and offers the document as a web page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from crs.cases.models import Person
from crs.web.documents import pdf, render

from . import dying_renderer
from .long_text import LENGTH, body_text, holds, limit, long_case, long_text, pdf_reader, runs

# A line across the page holds about 140 characters of the smallest text (8.5pt); a run
# longer than that is a line that did not wrap and runs off the page (each long field
# here has a run of 5,000 characters with no space).
WIDEST_LINE = 200


@pytest.fixture(autouse=True)
def time_enough(settings):
    """A busy test machine is not a PDF that cannot be made: the limit has its own test."""
    settings.CRS_PDF_SECONDS = 600


def form_url(case, **query):
    url = reverse("journeys:form_1912", args=[case.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_form_1912_of_a_case_with_10000_character_fields_holds_every_character(client, pc_ali):
    case = long_case(pc_ali)
    client.force_login(pc_ali)
    reader = pdf_reader(client.get(form_url(case)))
    text = body_text(reader)
    for tag in ("DESCRIPTION", "RATIONALE", "ADDRESS", "VIEWS", "WISHES", "ACTION"):
        assert holds(text, long_text(tag)), tag
    assert holds(text, long_text("VICTIM", limit(Person, "organisation")))
    assert not holds(text, long_text("ACTION") + "\u2603")
    # 7 fields of 10,000 characters: dozens of pages, not the one or two of a short case.
    assert len(reader.pages) > 7 * LENGTH // 6000


def test_long_text_in_form_1912_wraps_within_the_page(client, pc_ali):
    case = long_case(pc_ali)
    client.force_login(pc_ali)
    drawn = runs(pdf_reader(client.get(form_url(case))))
    longest = max(drawn, key=len)
    assert len(longest) <= WIDEST_LINE, longest


def test_the_acceptance_form_of_a_case_with_10000_character_fields_is_made(client, pc_ali):
    case = long_case(pc_ali)
    client.force_login(pc_ali)
    response = client.get(reverse("journeys:acceptance_form", args=[case.pk]))
    reader = pdf_reader(response)
    assert holds(body_text(reader), long_text("ACTION"))
    assert max(len(run) for run in runs(reader)) <= WIDEST_LINE


def test_a_pdf_not_made_in_time_is_a_503_page_offering_the_web_page(
    client, pc_ali, settings, caplog
):
    case = long_case(pc_ali)
    settings.CRS_PDF_SECONDS = 0  # nothing is made in no time: the renderer is stopped
    client.force_login(pc_ali)
    response = client.get(form_url(case))
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "the PDF of the form 1912 could not be made" in page
    assert "took longer than 0 seconds, so it was stopped" in page
    assert 'href="?format=html"' in page
    assert "not made within 0 seconds" in caplog.text  # and the log says which case


def test_a_pdf_that_fails_is_a_503_page_offering_the_web_page(client, pc_ali, monkeypatch):
    case = long_case(pc_ali)

    def fails(*args, **kwargs):
        raise pdf.PdfFailed("ValueError: a layout that cannot be made")

    monkeypatch.setattr("crs.web.documents.views.render_pdf", fails)
    client.force_login(pc_ali)
    response = client.get(reverse("journeys:acceptance_form", args=[case.pk]))
    assert response.status_code == 503
    assert "the PDF of the acceptance form could not be made" in response.content.decode()


def test_the_web_page_of_form_1912_holds_the_record_and_its_own_css_only(client, pc_ali):
    case = long_case(pc_ali)
    client.force_login(pc_ali)
    response = client.get(form_url(case, format="html"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert escape(long_text("DESCRIPTION")) in response.content.decode()
    policy = response["Content-Security-Policy"]
    style = next(part for part in policy.split(";") if part.strip().startswith("style-src"))
    assert "'sha256-" in style and "unsafe-inline" not in style


def test_the_web_page_is_for_those_who_can_see_the_case_only(client, pc_ali, outsider):
    case = long_case(pc_ali)
    client.force_login(outsider)
    assert client.get(form_url(case, format="html")).status_code == 404


def test_a_renderer_that_dies_is_a_failure_not_a_wait(monkeypatch):
    monkeypatch.setattr(render, "child", dying_renderer.child)
    with pytest.raises(pdf.PdfFailed, match=r"renderer stopped \(exit code 3\)"):
        pdf.html_to_pdf("<html><body>x</body></html>", seconds=60)


@pytest.mark.parametrize(
    "text",
    [
        "x" * 100,
        "é" * 40 + "e\u0301" * 40,  # accents, precomposed and combining
        "&amp;" * 50,  # escaped characters are one character each
        "👩\u200d👩\u200d👧" * 20 + "👍🏽" * 20,  # joined emoji, skin tones
    ],
)
def test_a_break_opportunity_never_tears_a_character(text):
    softened = render.breakable(f"<body><td>{text}</td>")
    assert softened.replace(render.SOFT_BREAK, "") == f"<body><td>{text}</td>"
    assert render.SOFT_BREAK in softened
    for piece in softened.split(render.SOFT_BREAK)[1:]:
        assert piece[0] not in "\u200d\u0301\U0001f3fd;"
        assert not piece.startswith(("amp;", "mp;", "p;"))


def test_tags_and_the_css_get_no_break_opportunity():
    html = f'<head><style>{"a" * 80}</style></head><body><p class="{"b" * 80}">short</p>'
    assert render.breakable(html) == html
