"""Cases: list, open, read, change the facts, assess, and each step of the workflow.

Thin calls onto crs.cases.services, under the web's rules (crs.api.access). What
a person may do to a case they can see is the services' decision (rank, role,
own case) and their refusal is a 403 (not_permitted), a 409 (not_allowed: the
case's state or records do not allow it; conflict: someone changed it since
`version`) or a 422 (invalid), in the services' words.
"""

from typing import Annotated, Any

from ninja import Query, Router, Status
from ninja.pagination import paginate

from crs.audit.access import log_access
from crs.cases import identities, services
from crs.cases.search import search

from . import schemas as s
from .access import (
    READ,
    WRITE,
    CaseId,
    answers,
    case_for,
    check_facts,
    check_text,
    created,
    user_of,
    visible,
)
from .pagination import Pages

router = Router(tags=["cases"])


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
    log_access(request, "search")  # the cases of the page answered: crs.api.pagination
    cases = visible(request).defer("facts")
    if state:
        cases = cases.filter(state=state)
    if q:
        check_text(q, "q")
        # A Victim Justice analyst finds cases by crime reference only (crs.cases.identities).
        cases = search(cases, q, by_person=not identities.pseudonymised(user_of(request)))
    return cases.order_by("-pk")


@router.post("/cases", auth=WRITE, response=created(s.CaseOut), summary="Open a case")
def open_case(request, payload: s.CaseIn):
    check_facts(payload.facts)
    case = services.open_case(
        user_of(request),
        crime_reference=payload.crime_reference,
        facts=payload.facts,
        gravity_rationale=payload.gravity_rationale,
    )
    return Status(201, case_for(request, case.pk))


@router.get("/cases/{case_id}", auth=READ, response=answers(s.CaseOut), summary="A case")
def get_case(request, case_id: CaseId):
    case = case_for(request, case_id)
    if identities.hidden_from(user_of(request), case):
        return identities.masked_case(case)
    return case


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
    case = case_for(request, case_id, payload.version)
    check_facts(payload.facts)
    services.update_facts(
        case,
        user_of(request),
        payload.facts,
        reason=payload.reason,
        gravity_rationale=payload.gravity_rationale,
    )
    return case_for(request, case_id)


@router.post(
    "/cases/{case_id}/assess",
    auth=WRITE,
    response=answers(s.CaseOut),
    summary="Assess the case's facts and keep the assessment (draft → assessed)",
)
def assess(request, case_id: CaseId, payload: s.VersionIn):
    services.assess(case_for(request, case_id, payload.version), user_of(request))
    return case_for(request, case_id)


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
    (
        "return-to-officer",
        "return_to_officer",
        s.ReasonsIn,
        "reasons",
        "Supervisor returns the case to its officer with reasons (4.5.1)",
    ),
    ("imu-accept", "imu_accept", s.NoteIn, "note", "IMU accepts: closed (4.5.4)"),
    ("imu-return", "imu_return", s.ReasonsIn, "reasons", "IMU returns with reasons (4.5.4)"),
    ("withdraw", "withdraw", s.ReasonIn, "reason", "Withdraw the case, with the reason"),
)


def _step(path: str, service: str, body, text: str | None, summary: str) -> None:
    def view(request, case_id: CaseId, payload: Any):
        case = case_for(request, case_id, payload.version)
        kwargs = {text: getattr(payload, text)} if text else {}
        getattr(services, service)(case, user_of(request), **kwargs)
        return case_for(request, case_id)

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
