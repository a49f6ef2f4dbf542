"""HTML to PDF bytes with WeasyPrint, in the process that calls it: no Django here, so the
renderer's own processes (pdf.py) import only this and WeasyPrint.

Two things keep WeasyPrint's layout fast on any text a case can hold (issue 11, item 6):
the print CSS lays tables out with `table-layout: fixed` (an automatic layout measures
every cell's narrowest width, and with `overflow-wrap: anywhere` that costs time growing
with the square of the text's length), and `breakable` gives every long run of characters
with no space in it a break opportunity every `EVERY` characters (Pango breaks a line in
one unbroken word by measuring what is left of it, again and again).
"""

from __future__ import annotations

import re
import unicodedata

EVERY = 30  # characters between the break opportunities in one long word
SOFT_BREAK = "\u200b"  # ZERO WIDTH SPACE: a place to break the line; it prints nothing
_LONG_RUN = re.compile(r"(?:&#?\w+;|[^\s&<>]){" + str(EVERY + 1) + ",}")
_UNIT = re.compile(r"&#?\w+;|.", re.S)  # an escaped character, or one character
_TAG = re.compile(r"(<[^>]*>)")
JOINER = "\u200d"


def _joins(previous: str, unit: str) -> bool:
    """Whether `unit` belongs to the character before it (an accent, an emoji's joiner or
    modifier): a break there would tear one character in two."""
    first = unit[0]
    return (
        previous == JOINER
        or first == JOINER
        or unicodedata.category(first).startswith("M")
        or "\U0001f3fb" <= first <= "\U0001f3ff"
    )


def _soften(run: re.Match) -> str:
    out, count, previous = [], 0, ""
    for unit in _UNIT.findall(run.group()):
        if count >= EVERY and not _joins(previous, unit):
            out.append(SOFT_BREAK)
            count = 0
        out.append(unit)
        count += 1
        previous = unit
    return "".join(out)


def breakable(html: str) -> str:
    """`html` with a break opportunity in every long word of the body's text (never in a
    tag, an escaped character or the head's CSS)."""
    head, marker, body = html.partition("<body")
    if not marker:
        head, body = "", html
    parts = _TAG.split(body)
    for i in range(0, len(parts), 2):  # the text between the tags
        parts[i] = _LONG_RUN.sub(_soften, parts[i])
    return head + marker + "".join(parts)


def write_pdf(html: str) -> bytes:
    # WeasyPrint takes over a second to import: only a PDF needs it, not every page
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"documents fetch nothing: {url}")

    return HTML(string=breakable(html), url_fetcher=NoFetching()).write_pdf()


def child(html: str, sender) -> None:
    """Run in the renderer's process: send back (True, the PDF) or (False, what failed)."""
    try:
        result = (True, write_pdf(html))
    except Exception as exc:  # anything WeasyPrint raises is told to the parent
        result = (False, f"{type(exc).__name__}: {exc}")
    sender.send(result)
    sender.close()
