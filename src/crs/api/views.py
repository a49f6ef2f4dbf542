"""The person's own API tokens, on a GOV.UK page: make one (its secret shown once), revoke one.

A token acts as the person who made it, with no more than their own rights on the
web; its scopes can only narrow them. Only the owner sees or revokes their tokens
(someone else's is a 404); an administrator revokes one with `crs token revoke`.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from crs.ui.forms import GovukForm

from .errors import body
from .models import MAX_DAYS, SCOPES, ApiToken


class TokenForm(GovukForm):
    name = forms.CharField(
        label="What is the token for?",
        help_text="For example, the name of the system that will use it.",
        max_length=100,
        error_messages={
            "required": "Enter what the token is for",
            "max_length": "What the token is for must be 100 characters or fewer",
        },
    )
    scopes = forms.MultipleChoiceField(
        label="What may it do?",
        help_text="Select all that apply. It can never do more than you can on the web.",
        choices=list(SCOPES.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select what the token may do"},
    )
    days = forms.IntegerField(
        label="How many days until it expires?",
        help_text=f"Between 1 and {MAX_DAYS}.",
        min_value=1,
        max_value=MAX_DAYS,
        initial=90,
        error_messages={
            "required": "Enter how many days until the token expires",
            "invalid": "The number of days must be a whole number, like 90",
            "min_value": "The token must last at least 1 day",
            "max_value": f"The token must expire within {MAX_DAYS} days",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(request.POST if request.method == "POST" else None)
    secret = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _, secret = ApiToken.issue(
            request.user, name=data["name"], scopes=data["scopes"], days=data["days"]
        )
        form = TokenForm()  # the page shows the secret once, and a fresh form
    rows = ApiToken.objects.filter(user=request.user)
    context = {"form": form, "tokens": rows, "secret": secret, "scopes": SCOPES}
    response = render(request, "api/tokens.html", context)
    if secret:
        response["Cache-Control"] = "no-store"  # the secret must not stay in any cache
    return response


@login_required
@require_POST
def revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.revoke()
    messages.success(request, f"The token “{token.name}” is revoked. It can no longer be used.")
    return redirect("api_tokens")


def api_not_found(request):
    return JsonResponse(body("not_found", "No such endpoint: see /api/v1/docs."), status=404)
