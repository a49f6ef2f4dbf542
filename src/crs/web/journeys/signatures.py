"""Signatures on the 1912 (4.5.1: "offered to all parties for signature"): who signed,
their name as written, and when.

    cases/<pk>/signatures/     the signatures so far, who has not signed yet, and a form

The offender (and a parent or guardian) usually sign when the resolution is agreed
(agreement.py); this page records the others, the victim and the officer in the
case, and any signature given later. The supervisor and the IMU sign through their
own reviews. Each signature is written once (services.sign); a correction is a new one.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from crs.cases import identities, permissions, services
from crs.cases.errors import CaseError
from crs.cases.models import Person, Signature
from crs.cases.workflow import OPEN
from crs.ui.forms import radios

from .common import as_read, case_url, get_case, moment, page, posted, refuse, status_of
from .forms import CaseForm, when

Party = Signature.Party
# Signed here; the supervisor and the IMU sign by approving or accepting the case.
PARTIES = [Party.OFFENDER, Party.PARENT_GUARDIAN, Party.VICTIM, Party.OFFICER]


class SignatureForm(CaseForm):
    party = radios("Who signed?", [(p.value, p.label) for p in PARTIES], error="Select who signed")
    name = forms.CharField(
        label="Their name, as signed",
        max_length=200,
        error_messages={"required": "Enter the name of the person signing"},
    )
    on, at = when("Date signed", "Time signed")


def expected(case) -> list[str]:
    """The parties the 1912 should be offered to for this case (4.5.1): the offender and
    the officer always; a parent or guardian for an offender under 18 (3.4.2); the
    victim when there is one to contact (4.3.5) or one is recorded."""
    assessment = case.current_assessment
    parties = [Party.OFFENDER]
    if assessment is not None and assessment.juvenile:
        parties.append(Party.PARENT_GUARDIAN)
    if (assessment is not None and assessment.identifiable_victim) or case.people.filter(
        role=Person.Role.VICTIM
    ).exists():
        parties.append(Party.VICTIM)
    parties.append(Party.OFFICER)
    return parties


def unsigned(case) -> list[str]:
    """The labels of the expected parties who have not signed yet."""
    signed = set(case.signatures.values_list("party", flat=True))
    return [Party(p).label for p in expected(case) if p not in signed]


@login_required
@require_http_methods(["GET", "POST"])
def signatures(request, pk):
    case = get_case(request, pk)
    refusal = permissions.can_work_on(request.user, case)
    if refusal is None and case.state not in OPEN:
        refusal = "This case is closed: its record can no longer change."
    form = SignatureForm(posted(request), initial={"version": case.version})
    status = 403 if refusal and request.method == "POST" else 200
    if request.method == "POST" and not refusal and form.is_valid():
        data = form.cleaned_data
        signed_at = moment(form, data, "the signature")
        if not form.errors:
            try:
                services.sign(
                    as_read(case, request.POST),
                    request.user,
                    party=data["party"],
                    name=data["name"],
                    signed_at=signed_at,
                )
            except CaseError as exc:
                refuse(form, exc, "name")
                status = status_of(exc)
            else:
                messages.success(request, "The signature is recorded.")
                return redirect("journeys:signatures", case.pk)
    context = {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "refusal": refusal,
        "signatures": identities.signatures_for(
            request.user, case, case.signatures.select_related("recorded_by").order_by("signed_at")
        ),
        "unsigned": unsigned(case),
    }
    return page(request, "journeys/signatures.html", context, status=status)
