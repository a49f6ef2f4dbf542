"""The downloads: form 1912 and the acceptance form, as PDFs, for anyone who can see the case
(the site's one rule, visible_cases: anyone else is told it does not exist).

`?format=html` gives the same document as a web page, to print from the browser: what a
PDF that could not be made (pdf.PdfFailed) offers instead, on a 503 page that says so.

Reading a case, or printing it, is not recorded in the audit trail: the trail holds the
changes to a case (docs/decisions/0004), each chained to the one before under a lock,
and a download changes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from crs.web.journeys.common import get_case

from . import content
from .pdf import PdfFailed, PdfTimedOut, render_html, render_pdf, seconds_allowed

log = logging.getLogger(__name__)
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def _pdf_response(pdf: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # A record about real people: not kept by shared caches or the browser's back button.
    response["Cache-Control"] = "no-store, private"
    return response


def _filename(case, what: str) -> str:
    return f"{what}-{slugify(case.crime_reference.replace('/', '-'))}.pdf"


def _print_view(request, template: str, context: dict) -> HttpResponse:
    """The document as a web page. Its CSS is inline (it is the PDF's), so the
    Content-Security-Policy allows that one stylesheet by its hash and nothing else."""
    html = render_html(template, context, request=request)
    response = HttpResponse(html)
    response["Cache-Control"] = "no-store, private"
    digests = (hashlib.sha256(css.encode()).digest() for css in _STYLE.findall(html))
    hashes = [f"'sha256-{base64.b64encode(digest).decode()}'" for digest in digests]
    response._csp_update = {"style-src": hashes}
    return response


def _document(request, case, template, context, *, document, filename, attachment):
    if request.GET.get("format") == "html":
        return _print_view(request, template, context)
    try:
        pdf = render_pdf(template, context, request=request)
    except PdfFailed as exc:
        log.warning("%s of case %s: %s", document, case.pk, exc)
        page = {
            "case": case,
            "document": document,
            "timed_out": isinstance(exc, PdfTimedOut),
            "seconds": seconds_allowed(),
        }
        response = render(request, "journeys/document_failed.html", page, status=503)
        response["Retry-After"] = "60"
        return response
    return _pdf_response(pdf, _filename(case, filename), attachment=attachment)


@login_required
@require_GET
def form_1912(request, pk):
    case = get_case(request, pk)
    context = content.form_1912(case, request.user, now=timezone.now())
    return _document(
        request,
        case,
        "print/form_1912.html",
        context,
        document="form 1912",
        filename="form-1912",
        attachment=True,
    )


@login_required
@require_GET
def acceptance_form(request, pk):
    case = get_case(request, pk)
    context = content.acceptance(case, request.user, now=timezone.now())
    return _document(
        request,
        case,
        "print/acceptance.html",
        context,
        document="acceptance form",
        filename="acceptance",
        attachment=False,
    )
