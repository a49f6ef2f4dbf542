"""The downloads: form 1912 and the acceptance form, as PDFs, for anyone who can see the case
(the site's one rule, visible_cases: anyone else is told it does not exist).

Reading a case, or printing it, is not recorded in the audit trail: the trail holds the
changes to a case (docs/decisions/0004), each chained to the one before under a lock,
and a download changes nothing.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from crs.web.journeys.common import get_case

from . import content
from .pdf import render_pdf


def _pdf_response(pdf: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # A record about real people: not kept by shared caches or the browser's back button.
    response["Cache-Control"] = "no-store, private"
    return response


def _filename(case, what: str) -> str:
    return f"{what}-{slugify(case.crime_reference.replace('/', '-'))}.pdf"


@login_required
@require_GET
def form_1912(request, pk):
    case = get_case(request, pk)
    context = content.form_1912(case, request.user, now=timezone.now())
    pdf = render_pdf("print/form_1912.html", context, request=request)
    return _pdf_response(pdf, _filename(case, "form-1912"), attachment=True)


@login_required
@require_GET
def acceptance_form(request, pk):
    case = get_case(request, pk)
    context = content.acceptance(case, request.user, now=timezone.now())
    pdf = render_pdf("print/acceptance.html", context, request=request)
    return _pdf_response(pdf, _filename(case, "acceptance"), attachment=False)
