"""Cases and their work: thin calls onto crs.cases.services, under the web's rules.

Whom a case is visible to is crs.cases.permissions.visible_cases, as on the
web: a case a person may not see is a 404, never a 403, so its existence is
not given away. What a person may do to a case they can see is the services'
decision (rank, role, own case) and their refusal is a 403 (not_permitted),
a 409 (not_allowed: the case's state or records do not allow it; conflict:
someone changed it since `version`) or a 422 (invalid), in the services' words.
"""

from typing import Annotated, Any

from django.http import Http404
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from crs.cases import services
from crs.cases.models import Authorisation, Case, Contact, Person, RemedyAction, VictimView
from crs.cases.permissions import visible_cases

from . import schemas as s
from .auth import TokenAuth
from .errors import REFUSALS, ApiError, ErrorOut
from .pagination import Pages

router = Router(tags=["cases"])
READ, WRITE = TokenAuth("cases:read"), TokenAuth("cases:write")
CaseId = Annotated[int, Path(ge=1, le=s.MAX_ID, description="The case's id")]
ItemId = Annotated[int, Path(ge=1, le=s.MAX_ID)]


def answers(schema) -> dict:
    return {200: schema, REFUSALS: ErrorOut}


def created(schema) -> dict:
    return {201: schema, REFUSALS: ErrorOut}


def _user(request):
    return request.auth.user


def _visible(request):
    return visible_cases(_user(request), Case.objects.select_related("owner", "team"))


def _case(request, pk: int, version: int | None = None) -> Case:
    """The case if this person may see it, else 404; with the version they read, if given."""
    try:
        case = _visible(request).get(pk=pk)
    except Case.DoesNotExist:
        raise Http404("No case with this id, or not one you may see.") from None
    if version is not None:
        case.version = version
    return case


def _check_text(value, path: str) -> None:
    """PostgreSQL cannot store the NUL character, in text or in JSON: refuse it by name."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ApiError(422, "invalid", f"{path}: must not contain the NUL character", path)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, path)
            _check_text(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_text(item, f"{path}.{i}")


def _check_facts(facts: dict) -> None:
    """The engine's own check, before the service's, to name the field at fault."""
    from django.utils import timezone

    from crs.policy import FactsError, parse_facts

    _check_text(facts, "facts")
    try:
        parse_facts(facts, today=timezone.localdate())
    except FactsError as exc:
        path = exc.path if exc.path != "(facts)" else ""
        field = f"facts.{path}" if path else "facts"
        raise ApiError(422, "invalid", f"The facts are not valid: {exc}", field) from None


def _person(case: Case, pk: int | None, field: str, role: str | None = None) -> Person | None:
    if pk is None:
        return None
    people = case.people.all() if role is None else case.people.filter(role=role)
    try:
        return people.get(pk=pk)
    except Person.DoesNotExist:
        raise ApiError(422, "invalid", f"{field}: no such person on this case", field) from None


# ---- cases


@router.get("/cases", auth=READ, response=list[s.CaseSummary], summary="List the cases you may see")
@paginate(Pages)
def list_cases(
    request,
    state: Annotated[s.StateName | None, Query(description="Only cases in this state")] = None,
    q: Annotated[
        str | None,
        Query(max_length=200, description="A crime reference, offender's name or date of birth"),
    ] = None,
):
    from crs.web.pages.search import search

    cases = _visible(request).defer("facts")
    if state:
        cases = cases.filter(state=state)
    if q:
        _check_text(q, "q")
        cases = search(cases, q)
    return cases.order_by("-pk")


@router.post("/cases", auth=WRITE, response=created(s.CaseOut), summary="Open a case")
def open_case(request, payload: s.CaseIn):
    _check_facts(payload.facts)
    case = services.open_case(
        _user(request),
        crime_reference=payload.crime_reference,
        facts=payload.facts,
        gravity_rationale=payload.gravity_rationale,
    )
    return Status(201, _case(request, case.pk))


@router.get("/cases/{case_id}", auth=READ, response=answers(s.CaseOut), summary="A case")
def get_case(request, case_id: CaseId):
    return _case(request, case_id)


@router.put(
    "/cases/{case_id}/facts",
    auth=WRITE,
    response=answers(s.CaseOut),
    summary="Replace the case's working facts",
    description="Give the `version` you read: if the case changed since, the answer is 409 "
    "(conflict). Once assessed, a change needs a `reason`, voids the authority given and sends "
    "the case back to draft for reassessment.",
)
def update_facts(request, case_id: CaseId, payload: s.FactsIn):
    case = _case(request, case_id, payload.version)
    _check_facts(payload.facts)
    services.update_facts(
        case,
        _user(request),
        payload.facts,
        reason=payload.reason,
        gravity_rationale=payload.gravity_rationale,
    )
    return _case(request, case_id)


@router.post(
    "/cases/{case_id}/assess",
    auth=WRITE,
    response=answers(s.CaseOut),
    summary="Assess the case's facts and keep the assessment (draft → assessed)",
)
def assess(request, case_id: CaseId, payload: s.VersionIn):
    services.assess(_case(request, case_id, payload.version), _user(request))
    return _case(request, case_id)


# The workflow's steps: each one service, each answering with the case as it now is.
STEPS = (
    # path, service, body, the body's text field → the service's keyword, summary
    ("request-authorisation", "request_authorisation", s.NoteIn, "note", "Ask for authority"),
    ("authorise", "authorise", s.RationaleIn, "rationale", "Give the authority you can (4.2.3)"),
    ("refuse", "refuse_authorisation", s.RationaleIn, "rationale", "Refuse authority (4.2.3)"),
    ("agree", "agree", s.NoteIn, "note", "The offender agrees the resolution"),
    ("start-actions", "start_actions", s.VersionIn, None, "Deferred actions under way"),
    ("complete", "complete", s.NoteIn, "note", "Every action done"),
    ("non-compliance", "record_non_compliance", s.ReasonIn, "reason", "Not complied with (4.6.1)"),
    ("submit-for-review", "submit_for_review", s.NoteIn, "note", "Send for supervisor review"),
    ("approve-review", "approve_review", s.NoteIn, "note", "Supervisor approves (4.5.1)"),
    ("imu-accept", "imu_accept", s.NoteIn, "note", "IMU accepts: closed (4.5.4)"),
    ("imu-return", "imu_return", s.ReasonsIn, "reasons", "IMU returns with reasons (4.5.4)"),
    ("withdraw", "withdraw", s.ReasonIn, "reason", "Withdraw the case, with the reason"),
)


def _step(path: str, service: str, body, text: str | None, summary: str) -> None:
    def view(request, case_id: CaseId, payload: Any):
        case = _case(request, case_id, payload.version)
        kwargs = {text: getattr(payload, text)} if text else {}
        getattr(services, service)(case, _user(request), **kwargs)
        return _case(request, case_id)

    view.__name__ = service
    view.__annotations__ = {"case_id": CaseId, "payload": body}
    router.post(
        f"/cases/{{case_id}}/{path}",
        auth=WRITE,
        response=answers(s.CaseOut),
        summary=summary,
        operation_id=service,
    )(view)


for _args in STEPS:
    _step(*_args)


# ---- the case's records


def _records(request, case_id: int, model, *related: str):
    case = _case(request, case_id)
    return model.objects.filter(case=case).select_related(*related).order_by("-pk")


@router.get(
    "/cases/{case_id}/authorisations",
    auth=READ,
    response=list[s.AuthorisationOut],
    summary="The authority given or refused on a case",
)
@paginate(Pages)
def case_authorisations(request, case_id: CaseId):
    return _records(request, case_id, Authorisation, "given_by")


@router.get(
    "/authorisations",
    auth=READ,
    response=list[s.AuthorisationOut],
    summary="Authority given or refused on the cases you may see",
)
@paginate(Pages)
def authorisations(
    request,
    decision: Annotated[str | None, Query(pattern="^(given|refused)$")] = None,
    current: Annotated[bool | None, Query(description="Only those not voided")] = None,
):
    rows = Authorisation.objects.filter(case__in=visible_cases(_user(request)))
    if decision:
        rows = rows.filter(decision=decision)
    if current is not None:
        rows = rows.filter(voided_at__isnull=current)
    return rows.select_related("given_by").order_by("-pk")


@router.get(
    "/cases/{case_id}/contacts",
    auth=READ,
    response=list[s.ContactOut],
    summary="The contact log of a case",
)
@paginate(Pages)
def contacts(request, case_id: CaseId):
    return _records(request, case_id, Contact, "made_by")


@router.post(
    "/cases/{case_id}/contacts",
    auth=WRITE,
    response=created(s.ContactOut),
    summary="Log a contact or an attempt (3.4.2, 3.4.3, 4.3.5)",
)
def log_contact(request, case_id: CaseId, payload: s.ContactIn):
    case = _case(request, case_id, payload.version)
    contact = services.log_contact(
        case,
        _user(request),
        party=payload.party,
        purpose=payload.purpose,
        method=payload.method,
        outcome=payload.outcome,
        at=payload.at,
        person=_person(case, payload.person, "person"),
        notes=payload.notes,
    )
    return Status(201, contact)


@router.get(
    "/cases/{case_id}/actions",
    auth=READ,
    response=list[s.ActionOut],
    summary="The Community Remedy actions of a case",
)
@paginate(Pages)
def actions(request, case_id: CaseId):
    return _records(request, case_id, RemedyAction, "created_by")


@router.post(
    "/cases/{case_id}/actions",
    auth=WRITE,
    response=created(s.ActionOut),
    summary="Add a Community Remedy action (4.4.2)",
)
def add_action(request, case_id: CaseId, payload: s.ActionIn):
    case = _case(request, case_id, payload.version)
    action = services.add_action(
        case,
        _user(request),
        kind=payload.kind,
        description=payload.description,
        instant=payload.instant,
        due_date=payload.due_date,
    )
    return Status(201, action)


def _action(case: Case, action_id: int) -> RemedyAction:
    try:
        return case.actions.get(pk=action_id)
    except RemedyAction.DoesNotExist:
        raise Http404("No action with this id on this case.") from None


@router.post(
    "/cases/{case_id}/actions/{action_id}/complete",
    auth=WRITE,
    response=answers(s.ActionOut),
    summary="The offender did this action",
)
def complete_action(request, case_id: CaseId, action_id: ItemId, payload: s.NoteIn):
    case = _case(request, case_id, payload.version)
    action = _action(case, action_id)
    return services.complete_action(case, _user(request), action, note=payload.note)


@router.post(
    "/cases/{case_id}/actions/{action_id}/fail",
    auth=WRITE,
    response=answers(s.ActionOut),
    summary="The offender failed this action",
)
def fail_action(request, case_id: CaseId, action_id: ItemId, payload: s.ReasonIn):
    case = _case(request, case_id, payload.version)
    action = _action(case, action_id)
    return services.fail_action(case, _user(request), action, reason=payload.reason)


@router.get(
    "/cases/{case_id}/victim-views",
    auth=READ,
    response=list[s.VictimViewOut],
    summary="What the victim said, each time they were asked",
)
@paginate(Pages)
def victim_views(request, case_id: CaseId):
    return _records(request, case_id, VictimView, "asked_by")


@router.post(
    "/cases/{case_id}/victim-views",
    auth=WRITE,
    response=created(s.VictimViewOut),
    summary="Record the victim's views, wishes and consent (4.3.2-4.3.4)",
)
def record_victim_view(request, case_id: CaseId, payload: s.VictimViewIn):
    from django.utils import timezone

    case = _case(request, case_id, payload.version)
    view = services.record_victim_view(
        case,
        _user(request),
        asked_at=payload.asked_at or timezone.now(),
        method=payload.method,
        views=payload.views,
        consents=payload.consents,
        victim=_person(case, payload.victim, "victim", Person.Role.VICTIM),
        wishes=payload.wishes,
        questions_answered=payload.questions_answered,
        told_voluntary=payload.told_voluntary,
        told_no_alternative_sanction=payload.told_no_alternative_sanction,
    )
    return Status(201, view)


@router.get(
    "/cases/{case_id}/people",
    auth=READ,
    response=list[s.PersonOut],
    summary="The people of a case: offender, victim, parent or guardian...",
)
@paginate(Pages)
def people(request, case_id: CaseId):
    case = _case(request, case_id)
    return case.people.order_by("pk")


@router.post(
    "/cases/{case_id}/people",
    auth=WRITE,
    response=created(s.PersonOut),
    summary="Add a person to a case",
)
def add_person(request, case_id: CaseId, payload: s.PersonIn):
    case = _case(request, case_id, payload.version)
    fields = payload.dict(exclude={"version", "role"}, exclude_none=True)
    return Status(201, services.add_person(case, _user(request), role=payload.role, **fields))


@router.get(
    "/cases/{case_id}/statements",
    auth=READ,
    response=list[s.StatementOut],
    summary="The records the 1912 asks for, in the officer's words",
)
@paginate(Pages)
def statements(request, case_id: CaseId):
    return _case(request, case_id).statements.select_related("recorded_by").order_by("pk")


@router.post(
    "/cases/{case_id}/statements",
    auth=WRITE,
    response=created(s.StatementOut),
    summary="Add a record the assessment's records_required lists",
)
def add_statement(request, case_id: CaseId, payload: s.StatementIn):
    case = _case(request, case_id, payload.version)
    return Status(
        201, services.add_statement(case, _user(request), kind=payload.kind, text=payload.text)
    )


@router.get(
    "/cases/{case_id}/signatures",
    auth=READ,
    response=list[s.SignatureOut],
    summary="The signatures on the 1912 (4.5.1)",
)
@paginate(Pages)
def signatures(request, case_id: CaseId):
    return _case(request, case_id).signatures.select_related("recorded_by").order_by("pk")


@router.post(
    "/cases/{case_id}/signatures",
    auth=WRITE,
    response=created(s.SignatureOut),
    summary="Record a signature on the 1912 (4.5.1)",
)
def sign(request, case_id: CaseId, payload: s.SignatureIn):
    case = _case(request, case_id, payload.version)
    signature = services.sign(
        case, _user(request), party=payload.party, name=payload.name, signed_at=payload.signed_at
    )
    return Status(201, signature)


@router.put(
    "/cases/{case_id}/restorative",
    auth=WRITE,
    response=answers(s.RestorativeOut),
    summary="Restorative justice and the 1912 checklist (4.4.4, 4.5.3)",
)
def record_restorative(request, case_id: CaseId, payload: s.RestorativeIn):
    case = _case(request, case_id, payload.version)
    checklist = payload.dict(exclude={"version", "delivery", "referral_note"})
    return services.record_restorative(
        case,
        _user(request),
        delivery=payload.delivery,
        referral_note=payload.referral_note,
        **checklist,
    )
