"""The scrutiny panel's pages: samples, drawing one, its cases, findings, the report and pack.

Every page is for the panel's members only (services.can_scrutinise); anyone
else is refused with 403. The cases appear only as the panel sees them
(pack.pseudonymised): never a name, a date of birth or a crime reference.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from crs.audit.access import log_access
from crs.cases.errors import CaseError

from . import report, review, services
from .forms import DrawForm, FindingForm, ReviewForm
from .models import Finding, Sample, SampleCase
from .pack import NotReviewed, pack_pdf, pseudonymised


def panel_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        refusal = services.can_scrutinise(request.user)
        if refusal:
            raise PermissionDenied(refusal)
        return view(request, *args, **kwargs)

    return wrapped


def _crumbs(sample: Sample | None = None, extra: list | None = None) -> list[tuple[str, str]]:
    """(text, href) pairs, as govuk/breadcrumbs.html reads them."""
    items = [("Scrutiny samples", reverse("scrutiny:sample_list"))]
    if sample is not None:
        items.append((f"Sample {sample.name}", reverse("scrutiny:sample", args=[sample.pk])))
    return items + (extra or [])


@panel_only
def sample_list(request):
    samples = Sample.objects.select_related("created_by")
    return render(request, "scrutiny/sample_list.html", {"samples": samples})


@panel_only
def draw(request):
    form = DrawForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            sample = services.draw_sample(
                request.user,
                start=data["start"],
                end=data["end"],
                size=data["size"],
                seed=data["seed"],
            )
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Sample {sample.name} drawn: {sample.cases.count()} cases, seed {sample.seed}.",
            )
            return redirect("scrutiny:sample", sample.pk)
    return render(request, "scrutiny/draw.html", {"form": form, "crumbs": _crumbs()})


def _sample(pk: int) -> Sample:
    return get_object_or_404(Sample.objects.select_related("created_by"), pk=pk)


@panel_only
def sample_detail(request, pk: int):
    sample = _sample(pk)
    rows = list(sample.cases.select_related("case", "finding").order_by("position"))
    left = {sc.pk: n for sc, n in review.outstanding(sample)}
    for row in rows:
        row.found = row.finding if hasattr(row, "finding") else None
        row.to_review = left.get(row.pk, 0)
    return render(
        request,
        "scrutiny/sample_detail.html",
        {
            "sample": sample,
            "rows": rows,
            "strata": report.strata_rows(sample),
            "recorded": sum(1 for r in rows if r.found),
            "to_review": sum(1 for r in rows if r.to_review),
            "crumbs": _crumbs(),
        },
    )


def _sample_case(sample: Sample, position: int) -> SampleCase:
    return get_object_or_404(
        SampleCase.objects.select_related("case", "case__owner", "sample"),
        sample=sample,
        position=position,
    )


@panel_only
def case_finding(request, pk: int, position: int):
    sample = _sample(pk)
    sample_case = get_object_or_404(
        SampleCase.objects.select_related("case", "case__owner", "sample"),
        sample=sample,
        position=position,
    )
    log_access(request, "view", case=sample_case.case_id, why="scrutiny panel, pseudonymised")
    current = Finding.objects.filter(sample_case=sample_case).first()
    initial = {"finding": current.finding, "comments": current.comments} if current else None
    form = FindingForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            services.record_finding(
                request.user,
                sample_case,
                finding=form.cleaned_data["finding"],
                comments=form.cleaned_data["comments"],
            )
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Finding recorded for {sample_case.pseudonym}.")
            following = sample.cases.filter(position__gt=position, finding__isnull=True)
            after = following.order_by("position").first()
            if after is not None:
                return redirect("scrutiny:case", sample.pk, after.position)
            return redirect("scrutiny:sample", sample.pk)
    return render(
        request,
        "scrutiny/case.html",
        {
            "sample": sample,
            "sample_case": sample_case,
            "c": pseudonymised(sample_case),
            "to_review": any(r.reviewed is None for r in review.reviews(sample_case)),
            "form": form,
            "current": current,
            "crumbs": _crumbs(sample),
        },
    )


@panel_only
def findings(request, pk: int):
    sample = _sample(pk)
    return render(
        request,
        "scrutiny/findings.html",
        {"sample": sample, "r": report.findings_report(sample), "crumbs": _crumbs(sample)},
    )


@panel_only
def findings_csv(request, pk: int):
    sample = _sample(pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="findings-{sample.name}.csv"'
    report.write_findings_csv(sample, response)
    return response


@panel_only
def review_text(request, pk: int, position: int):
    """The free text of one drawn case, its suggested redactions marked, for a person to
    accept or redact further before it goes into the pack (crs.scrutiny.review)."""
    sample = _sample(pk)
    sample_case = _sample_case(sample, position)
    # The page shows the free text as written, before redaction: a look at the case.
    log_access(request, "view", case=sample_case.case_id, why="scrutiny panel, redaction review")
    fields = review.reviews(sample_case)
    form = ReviewForm(fields, request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            review.save_reviews(request.user, sample_case, form.texts())
        except review.TextLeft as exc:
            form.add_errors(exc.errors)
        except CaseError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Free text of {sample_case.pseudonym} reviewed.")
            after = next(
                (sc for sc, _ in review.outstanding(sample) if sc.position > position), None
            )
            if after is not None:
                return redirect("scrutiny:review", sample.pk, after.position)
            return redirect("scrutiny:sample", sample.pk)
    items = [
        {
            "review": r,
            "segments": review.segments(r.field.text, r.suggestion),
            "field": form[name],
        }
        for r, name in zip(fields, form.keys, strict=True)
    ]
    return render(
        request,
        "scrutiny/review.html",
        {
            "sample": sample,
            "sample_case": sample_case,
            "form": form,
            "items": items,
            "crumbs": _crumbs(sample),
        },
    )


@panel_only
def pack(request, pk: int):
    sample = _sample(pk)
    try:
        pdf = pack_pdf(sample)
    except NotReviewed as exc:
        # Refused, with the cases to review: a pack of unreviewed text could name someone.
        # The page lists those cases (by pseudonym), so it is logged as a look at them.
        log_access(
            request,
            "view",
            shown=[sample_case.case_id for sample_case, _ in exc.cases],
            why="scrutiny pack refused: free text still to review",
        )
        return render(
            request,
            "scrutiny/pack_refused.html",
            {"sample": sample, "left": exc.cases, "crumbs": _crumbs(sample)},
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="scrutiny-pack-{sample.name}.pdf"'
    return response
