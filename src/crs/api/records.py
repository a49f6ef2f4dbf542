"""A case's records: authorisations, contacts, actions, victim views, people, statements,
signatures and restorative justice. Each read is paged; each write is one service call."""

from typing import Annotated

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from crs.audit.access import log_access
from crs.cases import identities, services
from crs.cases.models import Authorisation, Case, Contact, Person, RemedyAction, VictimView
from crs.cases.permissions import visible_cases

from . import schemas as s
from .access import (
    READ,
    WRITE,
    CaseId,
    ItemId,
    answers,
    case_for,
    created,
    person_at,
    person_on,
    user_of,
)
from .pagination import Pages

router = Router(tags=["case records"])


def _records(request, case_id: int, model, *related: str):
    case = case_for(request, case_id)
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
    log_access(request, "search")  # the cases of the page answered: crs.api.pagination
    rows = Authorisation.objects.filter(case__in=visible_cases(user_of(request)))
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
    case = case_for(request, case_id, payload.version)
    contact = services.log_contact(
        case,
        user_of(request),
        party=payload.party,
        purpose=payload.purpose,
        method=payload.method,
        outcome=payload.outcome,
        at=payload.at,
        person=person_on(case, payload.person, "person"),
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
    case = case_for(request, case_id, payload.version)
    action = services.add_action(
        case,
        user_of(request),
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
    case = case_for(request, case_id, payload.version)
    action = _action(case, action_id)
    return services.complete_action(case, user_of(request), action, note=payload.note)


@router.post(
    "/cases/{case_id}/actions/{action_id}/fail",
    auth=WRITE,
    response=answers(s.ActionOut),
    summary="The offender failed this action",
)
def fail_action(request, case_id: CaseId, action_id: ItemId, payload: s.ReasonIn):
    case = case_for(request, case_id, payload.version)
    action = _action(case, action_id)
    return services.fail_action(case, user_of(request), action, reason=payload.reason)


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
    case = case_for(request, case_id, payload.version)
    view = services.record_victim_view(
        case,
        user_of(request),
        asked_at=payload.asked_at or timezone.now(),
        method=payload.method,
        views=payload.views,
        consents=payload.consents,
        victim=person_on(case, payload.victim, "victim", Person.Role.VICTIM),
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
    case = case_for(request, case_id)
    return identities.people_for(user_of(request), case, case.people.order_by("pk"))


@router.post(
    "/cases/{case_id}/people",
    auth=WRITE,
    response=created(s.PersonOut),
    summary="Add a person to a case",
)
def add_person(request, case_id: CaseId, payload: s.PersonIn):
    case = case_for(request, case_id, payload.version)
    fields = payload.dict(exclude={"version", "role"}, exclude_none=True)
    return Status(201, services.add_person(case, user_of(request), role=payload.role, **fields))


@router.patch(
    "/cases/{case_id}/people/{person_id}",
    auth=WRITE,
    response=answers(s.PersonOut),
    summary="Change a person's details (the offender's date of birth is kept here only)",
    description="Only the fields given change. Once the case is assessed, a change to the "
    "offender's name or date of birth needs a `reason`, voids the authority given and sends "
    "the case back to draft for reassessment; after agreement the date of birth cannot change.",
)
def change_person(request, case_id: CaseId, person_id: ItemId, payload: s.PersonChangeIn):
    case = case_for(request, case_id, payload.version)
    person = person_at(case, person_id)
    fields = payload.dict(exclude={"version"}, exclude_unset=True)
    return services.update_person(case, user_of(request), person, **fields)


@router.get(
    "/cases/{case_id}/statements",
    auth=READ,
    response=list[s.StatementOut],
    summary="The records the 1912 asks for, in the officer's words",
)
@paginate(Pages)
def statements(request, case_id: CaseId):
    return case_for(request, case_id).statements.select_related("recorded_by").order_by("pk")


@router.post(
    "/cases/{case_id}/statements",
    auth=WRITE,
    response=created(s.StatementOut),
    summary="Add a record the assessment's records_required lists",
)
def add_statement(request, case_id: CaseId, payload: s.StatementIn):
    case = case_for(request, case_id, payload.version)
    return Status(
        201, services.add_statement(case, user_of(request), kind=payload.kind, text=payload.text)
    )


@router.get(
    "/cases/{case_id}/signatures",
    auth=READ,
    response=list[s.SignatureOut],
    summary="The signatures on the 1912 (4.5.1)",
)
@paginate(Pages)
def signatures(request, case_id: CaseId):
    case = case_for(request, case_id)
    signed = case.signatures.select_related("recorded_by").order_by("pk")
    return identities.signatures_for(user_of(request), case, signed)


@router.post(
    "/cases/{case_id}/signatures",
    auth=WRITE,
    response=created(s.SignatureOut),
    summary="Record a signature on the 1912 (4.5.1)",
)
def sign(request, case_id: CaseId, payload: s.SignatureIn):
    case = case_for(request, case_id, payload.version)
    signature = services.sign(
        case, user_of(request), party=payload.party, name=payload.name, signed_at=payload.signed_at
    )
    return Status(201, signature)


@router.put(
    "/cases/{case_id}/restorative",
    auth=WRITE,
    response=answers(s.RestorativeOut),
    summary="Restorative justice and the 1912 checklist (4.4.4, 4.5.3)",
)
def record_restorative(request, case_id: CaseId, payload: s.RestorativeIn):
    case = case_for(request, case_id, payload.version)
    checklist = payload.dict(exclude={"version", "delivery", "referral_note"})
    return services.record_restorative(
        case,
        user_of(request),
        delivery=payload.delivery,
        referral_note=payload.referral_note,
        **checklist,
    )
