"""A case whose free text is as long as the record lets it be (10,000 characters a field;
names as long as their columns),
in words and in one unbroken run, for the printed documents (issue 11, item 6)."""

from __future__ import annotations

import io
import re

import pypdf

from crs.cases import services as s
from crs.cases.models import Person

from ..cases import facts as f
from ..cases import walk

LENGTH = 10_000
FOOTER = re.compile(r"[^\n]*Page \d+ of \d+\s*$")


def long_text(tag: str, length: int = LENGTH) -> str:
    """`length` characters: words (some accented, some Greek or Cyrillic), then one run
    with no space in it at all; `tag` starts it so each field can be found in the PDF.
    (No CJK: pypdf reads the text of a PDF with a CJK font back as UTF-16 bytes.)"""
    words = f"{tag} " + "the shop's manager said café Ωμέγα ничего " * 400
    run = "".join(chr(0x41 + i % 26) for i in range(length // 2))
    return (words[: length - len(run) - 1] + " " + run)[:length]


def long_case(owner):
    """Assessed, with its description, rationale, people, views and actions each
    LENGTH characters long."""
    document = f.facts(offence={"description": long_text("DESCRIPTION")})
    offender = {
        "given_name": long_text("GIVEN", limit(Person, "given_name")),
        "family_name": "Redbrook",
        "address": long_text("ADDRESS"),
    }
    case = walk.opened(owner, document, offender=offender)
    case = s.update_facts(
        case, owner, f.case_facts(document), gravity_rationale=long_text("RATIONALE")
    )
    s.assess(case, owner)
    s.add_person(
        walk.fresh(case),
        owner,
        role="victim",
        organisation=long_text("VICTIM", limit(Person, "organisation")),
    )
    case = walk.fresh(case)
    s.record_victim_view(
        case,
        owner,
        asked_at=case.created_at,
        method="phone",
        views=long_text("VIEWS"),
        wishes=long_text("WISHES"),
        consents=True,
    )
    s.add_action(walk.fresh(case), owner, kind="verbal_apology", description=long_text("ACTION"))
    return walk.fresh(case)


def limit(model, field: str) -> int:
    """The longest text the database holds in a field (PostgreSQL refuses more)."""
    return model._meta.get_field(field).max_length


def pdf_reader(response) -> pypdf.PdfReader:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def body_text(reader: pypdf.PdfReader) -> str:
    """The PDF's text without each page's running footer (the document's reference and
    "Page N of M"), which would fall inside a field that runs over a page."""
    return " ".join(FOOTER.sub("", page.extract_text()) for page in reader.pages)


def squeezed(text: str) -> str:
    """`text` with no white space and no zero-width break: how a wrapped line reads back."""
    return "".join(text.replace("\u200b", "").split())


def holds(text: str, field: str, *, slack: int = 200) -> bool:
    """Whether the PDF's `text` holds every character of `field`, in order, from where it
    starts: the text of a row's other cells may come between its lines as the PDF is read
    back (up to `slack` characters of it), a character missing may not. Both squeezed."""
    text, field = squeezed(text), squeezed(field)
    start = text.find(field[:30])
    if start < 0:
        return False
    window = iter(text[start : start + len(field) + slack])
    return all(character in window for character in field)


def runs(reader: pypdf.PdfReader) -> list[str]:
    """Every run of text the PDF draws (WeasyPrint draws each line as one or more)."""
    out: list[str] = []
    for page in reader.pages:
        page.extract_text(visitor_text=lambda text, *_: out.append(text) if text.strip() else None)
    return out
