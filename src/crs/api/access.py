"""What every case endpoint shares: the token's person, the case they may see, checks of input.

Whom a case is visible to is crs.cases.permissions.visible_cases, as on the
web: a case a person may not see is a 404, never a 403, so its existence is
not given away.
"""

from typing import Annotated

from django.http import Http404
from django.utils import timezone
from ninja import Path

from crs.cases import officer
from crs.cases.models import Case, Person
from crs.cases.permissions import visible_cases
from crs.policy import FactsError, parse_facts
from crs.text import find_fault

from . import schemas as s
from .auth import TokenAuth
from .errors import REFUSALS, ApiError, ErrorOut

READ, WRITE = TokenAuth("cases:read"), TokenAuth("cases:write")
CaseId = Annotated[int, Path(ge=1, le=s.MAX_ID, description="The case's id")]
ItemId = Annotated[int, Path(ge=1, le=s.MAX_ID)]


def answers(schema) -> dict:
    return {200: schema, REFUSALS: ErrorOut}


def created(schema) -> dict:
    return {201: schema, REFUSALS: ErrorOut}


def user_of(request):
    return request.auth.user


def visible(request):
    return visible_cases(user_of(request), Case.objects.select_related("owner", "team"))


def case_for(request, pk: int, version: int | None = None) -> Case:
    """The case if this person may see it, else 404; with the version they read, if given."""
    try:
        case = visible(request).get(pk=pk)
    except Case.DoesNotExist:
        raise Http404("No case with this id, or not one you may see.") from None
    if version is not None:
        case.version = version
    return case


def check_text(value, path: str) -> None:
    """Text no database can keep (NUL, a lone surrogate), in text or in JSON: refuse it by
    name (crs.cases.text)."""
    found = find_fault(value, path)
    if found:
        where, why = found
        raise ApiError(422, "invalid", f"{where}: {why}", where)


def check_facts(facts: dict) -> None:
    """The engine's own check, before the service's, to name the field at fault."""
    check_text(facts, "facts")
    offender = facts.get("offender")
    if isinstance(offender, dict) and "date_of_birth" in offender:
        # One offender record (decision 0011): the date of birth is the person's, not a fact.
        raise ApiError(
            422,
            "invalid",
            "The offender's date of birth is not a case fact: give it on the offender, "
            "POST /cases/{id}/people (role offender) or PATCH /cases/{id}/people/{person_id}.",
            "facts.offender.date_of_birth",
        )
    try:
        parse_facts(facts, today=timezone.localdate())
    except FactsError as exc:
        path = exc.path if exc.path != "(facts)" else ""
        field = f"facts.{path}" if path else "facts"
        raise ApiError(422, "invalid", f"The facts are not valid: {exc}", field) from None
    refused = officer.refused_field(facts)
    if refused:
        message = f"The facts are not valid: {officer.refusal(refused)}"
        raise ApiError(422, "invalid", message, f"facts.{refused}")


def person_on(case: Case, pk: int | None, field: str, role: str | None = None) -> Person | None:
    """The person a body's id names, if they are on the case (in `role`, when given). Another
    id is a well-formed request this case cannot take: 409 not_allowed (decision 0012)."""
    if pk is None:
        return None
    people = case.people.all() if role is None else case.people.filter(role=role)
    try:
        return people.get(pk=pk)
    except Person.DoesNotExist:
        who = f"no {role} with this id" if role else "no such person"
        raise ApiError(409, "not_allowed", f"{field}: {who} on this case", field) from None


def person_at(case: Case, pk: int) -> Person:
    """The person a path names: one not on the case is not there to be found (404)."""
    try:
        return case.people.get(pk=pk)
    except Person.DoesNotExist:
        raise Http404("No person with this id on this case.") from None
