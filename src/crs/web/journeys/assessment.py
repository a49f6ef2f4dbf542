"""The guided assessment: start a case, a page of related questions at a time, check
answers, save.

    cases/new/                          open a case: crime reference and the offender
    cases/<pk>/assessment/              go to the next page of questions (or check answers)
    cases/<pk>/assessment/q/<field>/    the page of that question (crs.policy.pages); a
                                        Change link opens it with the answers given
    cases/<pk>/assessment/panel/        the decision panel alone (htmx, as answers change)
    cases/<pk>/assessment/check/        check your answers, then "Save assessment"
    cases/<pk>/assessment/result/       the stored assessment and what to do next

The questions and their order come from crs.policy.questions, as in `crs
interview`, and which share a page from crs.policy.pages; each page's answers are kept
in the case's draft on the server as they are given (answers.py), and "Save assessment"
gives the whole facts document to the services (update_facts, then assess) and clears the
draft, in one transaction, each step audited.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from crs.cases import officer, permissions, services
from crs.cases.errors import CaseError, Conflict
from crs.cases.models import Person
from crs.cases.workflow import BEFORE_AGREEMENT, State
from crs.policy import derived, pages
from crs.policy.labels import answer_text, field_label
from crs.policy.questions import (
    DRUG_CATEGORIES,
    LIST_FIELD,
    PRIORITY,
    AnswerError,
    apply_answer,
    value_at,
)

from . import answers, gravity_lookup, page_form
from .common import as_read, case_url, get_case, page, posted, refuse, status_of, today
from .forms import SaveAssessmentForm, StartForm
from .page_form import PageForm
from .panel import panel
from .people import offender_url
from .question_form import QuestionForm

OFFENDER_DOB = "offender.date_of_birth"
CATEGORY, DOMESTIC_ABUSE = "offence.category", "offence.domestic_abuse"


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    """A new case: the crime reference and who the offender is (open_case, add_person)."""
    form = StartForm(posted(request))
    refusal = permissions.can_open_case(request.user)
    status = 403 if refusal else 200
    if request.method == "POST" and not refusal and form.is_valid():
        data = form.cleaned_data
        # The date of birth is the offender's (the person's), never a case fact (0011).
        facts = {}
        if data["description"].strip():
            facts["offence"] = {"description": data["description"].strip()}
        try:
            # The engine checks the date as it checks any answer (not after today).
            apply_answer(
                {}, "offender.date_of_birth", data["date_of_birth"].isoformat(), today=today()
            )
        except AnswerError as exc:
            form.add_error("date_of_birth", answers.message(exc))
        else:
            try:
                case = services.open_case(
                    request.user, crime_reference=data["crime_reference"], facts=facts
                )
                services.add_person(
                    case,
                    request.user,
                    role=Person.Role.OFFENDER,
                    given_name=data["given_name"].strip(),
                    family_name=data["family_name"].strip(),
                    date_of_birth=data["date_of_birth"],
                )
            except CaseError as exc:
                refuse(form, exc, "crime_reference")
                status = status_of(exc)
            else:
                return redirect("journeys:assessment", case.pk)
    return page(request, "journeys/start.html", {"form": form, "refusal": refusal}, status=status)


def _may_assess(request, case):
    """None, or the page that says why the facts of this case cannot be answered here."""
    refusal = permissions.can_work_on(request.user, case)
    if refusal is None and case.state not in BEFORE_AGREEMENT:
        refusal = "The facts cannot change once the resolution has been agreed."
    if refusal:
        context = {"case": case, "case_url": case_url(case), "refusal": refusal}
        return page(request, "journeys/refused.html", context, status=403)
    return None


@login_required
def next_step(request, pk):
    """The next page of questions worth asking, or check your answers when there is none."""
    case = get_case(request, pk)
    refused = _may_assess(request, case)
    if refused:
        return refused
    if request.GET.get("restart"):
        answers.forget(case, request.user, why="Started again from the case's facts.")
    working = answers.load(case, request.user)
    ask = _next_page(working, case)
    if ask is None:
        return redirect("journeys:check_answers", case.pk)
    return redirect("journeys:question", case.pk, ask.first)


def _next_page(working, case) -> pages.PageAsk | None:
    state = answers.review_of(working, case, today=today())
    questions = [q for q in state.questions if q.field not in working.skipped]
    return pages.next_page(questions, state.assessment)


def _page(field: str, working, case) -> pages.PageAsk | None:
    """The page of `field`: the next page, when it is on it; else the page as a Change link
    opens it, with its questions still to ask and those already answered (not the ones
    another answer decides, nor the matrix, R29)."""
    upcoming = _next_page(working, case)
    if upcoming is not None and field in {q.field for q in upcoming.questions}:
        return upcoming
    state = answers.review_of(working, case, today=today())
    waiting = {q.field: q for q in state.questions}
    decided = {
        *derived.DERIVED,
        *derived.decided_flags(value_at(working.facts, "offence.category")),
        *derived.decided_by_domestic_abuse(value_at(working.facts, "offence.domestic_abuse")),
    }
    shown = []
    for path in pages.paths_on(field):
        if path in decided:
            continue
        if path in waiting:
            shown.append(waiting[path])
        elif path == field or value_at(working.facts, path) is not None:
            q = answers.question_for(path, working, case, today=today())
            if q is not None:
                shown.append(q)
    if field not in {q.field for q in shown}:
        return None
    return pages.ask(field, shown)


@login_required
@require_http_methods(["GET", "POST"])
def question(request, pk, field):
    """The page of the question `field`: every question of it answered at once, or none."""
    case = get_case(request, pk)
    refused = _may_assess(request, case)
    if refused:
        return refused
    if field == OFFENDER_DOB:
        # Asked and changed on the offender, the one place it is kept (decision 0011).
        return redirect(offender_url(case, from_assessment=True))
    working = answers.load(case, request.user)
    ask = _page(field, working, case)
    if ask is None:
        return redirect("journeys:assessment", case.pk)
    asks_history = any(q.multiple for q in ask.questions)
    found = services.find_previous_outcomes(case) if asks_history else []
    status = 200
    looking_up = request.method == "POST" and gravity_lookup.BUTTON in request.POST
    if looking_up:
        # Without JavaScript the look-up sends the whole page, so nothing typed is lost: its
        # answers are shown again, kept nowhere until Continue, beside the offences found.
        typed = PageForm(ask, request.POST)
        typed.is_valid()
        shown = page_form.apply(typed, working, today=today(), case=case, draft=True)
        form = PageForm(ask, facts=_prefilled(shown.facts, found))
    elif request.method == "POST":
        form = PageForm(ask, request.POST)
        form.is_valid()
        page_form.apply(form, working, today=today(), case=case)
        _refuse_none_found(form, found)
        if not form.errors:  # all or nothing: the answers typed stay on the page

            def put(given: answers.Working) -> answers.Working:
                # Applied to the draft as it is on the server now (another tab may have
                # answered meanwhile); the page's answers were checked above.
                return _with_found(page_form.apply(form, given, today=today(), case=case), found)

            try:
                answers.store_page(case, request.user, put, seen=answers.seen(request.POST))
            except CaseError as exc:
                # Said on the page's first question, so the error summary links to it.
                first = form.parts[0]
                first.form.add_error("checks" if first.part.choices else "answer", str(exc))
                status = status_of(exc)
                # The page shows the answers as they are now, with the revision they are at.
                working = answers.load(case, request.user)
            else:
                return redirect("journeys:assessment", case.pk)
    else:
        form = PageForm(ask, facts=_prefilled(working.facts, found))
    shown = working
    if form.errors:
        # The panel beside a refused page counts the answers on it that can be used, as the
        # live panel did while they were typed: not the page's questions as still to find.
        shown = page_form.apply(form, working, today=today(), case=case, draft=True)
    state = answers.review_of(shown, case, today=today())
    single = len(form.parts) == 1
    scored = any(q.field == "offence.gravity.base_score" for q in ask.questions)
    matrix = _matrix_of(working, case) if scored else None
    params = request.POST if looking_up else request.GET
    gravity = gravity_lookup.lookup(params, matrix) if scored else None
    context = {
        "case": case,
        "form": form,
        "ask": ask,
        "single": single,
        "title": form.parts[0].field.label if single else ask.heading,
        "panel": panel(state.assessment, questions_left=len(state.questions)),
        "settled": state.settled,
        "found": _found_labels(found),
        "gravity": gravity,
        "matrix": matrix,
        "has_errors": bool(gravity and gravity.error),
        "extra_errors": [("#gravity-search", gravity.error)] if gravity and gravity.error else [],
        "revision": working.revision,
    }
    return page(request, "journeys/question.html", context, status=status)


def _found_labels(found: list[dict]) -> list[str]:
    """The offender's earlier outcomes found in crs and in the records imported from the
    force's system, each named for what it was."""
    labels = []
    for item in found:
        kind = str(item.get("outcome", "community_resolution")).replace("_", " ")
        labels.append(f"{kind.capitalize()} on {item['date']:%d %B %Y} ({item['source']})")
    return labels


def _found_outcomes(case) -> list[str]:
    return _found_labels(services.find_previous_outcomes(case))


def _prefilled(facts: dict, found: list[dict]) -> dict:
    """The facts the page shows: the outcomes crs holds for the offender, until the officer
    has answered the question (their answer is shown then)."""
    if not found or value_at(facts, LIST_FIELD) is not None:
        return facts
    return {
        **facts,
        "offender": {
            **facts.get("offender", {}),
            LIST_FIELD.split(".")[1]: [
                {"outcome": item.get("outcome", "community_resolution")} for item in found
            ],
        },
    }


def _refuse_none_found(form: PageForm, found: list[dict]) -> None:
    if not found:
        return
    for part in form.parts:
        if part.question.multiple and part.form.cleaned_data.get("answer") == "no":
            count = f"{len(found)} previous outcome{'s' if len(found) != 1 else ''}"
            part.form.add_error(
                "answer", f"Select yes: crs holds {count} for this offender, listed below"
            )


def _with_found(working, found: list[dict]):
    """The answers with each previous outcome's date, category and drug taken from the one
    of its kind crs holds, where the officer has not given them: their pages then ask
    nothing. A detail the facts would refuse is left for its page to ask."""
    items = value_at(working.facts, LIST_FIELD) or []
    unused = list(found)
    for index, item in enumerate(items):
        match = next((f for f in unused if f.get("outcome") == item.get("outcome")), None)
        if match is None:
            continue
        unused.remove(match)
        details = {
            "date": match["date"].isoformat() if match.get("date") else "",
            "category": match.get("category") or "",
            "substance": match.get("substance") or "",
        }
        if details["category"] not in DRUG_CATEGORIES:
            details["substance"] = ""
        for leaf, raw in details.items():
            path = f"{LIST_FIELD}.{index}.{leaf}"
            if raw and item.get(leaf) is None:
                with suppress(AnswerError):
                    working.facts = apply_answer(working.facts, path, raw, today=today())
    return working


@login_required
@require_http_methods(["GET", "POST"])
def decision_panel(request, pk):
    """The panel alone, for htmx: the assessment as it would be with the answers on the page.

    Nothing is stored: the answers count only when their page is submitted.
    """
    case = get_case(request, pk)
    if permissions.can_work_on(request.user, case):
        return HttpResponseForbidden()
    working = answers.load(case, request.user)
    first = request.POST.get("page", "")
    ask = _page(first, working, case) if first else None
    if ask is not None:
        form = PageForm(ask, request.POST)
        form.is_valid()
        # Unfinished answers show the panel for the answers given so far.
        working = page_form.apply(form, working, today=today(), case=case, draft=True)
    elif field := request.POST.get("field", ""):
        q = answers.question_for(field, working, case, today=today())
        if q is not None:
            single = QuestionForm(q, request.POST)
            if single.is_valid():
                with suppress(AnswerError, answers.Skip):
                    working = answers.answer(working, q, single.raw(), today=today(), case=case)
    state = answers.review_of(working, case, today=today())
    context = {"panel": panel(state.assessment, questions_left=len(state.questions))}
    return page(request, "journeys/_panel.html", context)


def _rows(case, working) -> list[dict]:
    """Every answer given, in the order the questions are asked, each with its Change link."""
    merged = answers.with_officer(working.facts, case)
    paths = ["offence.description", *PRIORITY]
    # A fact another answer decides is changed by changing that answer (crs.policy.derived).
    via = {flag: "offence.category" for flag in derived.decided_flags(value_at(merged, CATEGORY))}
    for fact in derived.decided_by_domestic_abuse(value_at(merged, DOMESTIC_ABUSE)):
        via[fact] = DOMESTIC_ABUSE
    via.update(dict.fromkeys(derived.DERIVED, OFFENDER_DOB))  # the matrix (R29)
    rows = []
    for path in paths:
        if ".*." in path:
            continue
        value = value_at(merged, path)
        if value is None:
            continue
        rows.append(_row(case, path, value, via=via.get(path, path)))
        if path == LIST_FIELD:
            children = [p for p in PRIORITY if p.startswith(LIST_FIELD + ".*.")]
            for i in range(len(value)):
                for child in children:
                    item = child.replace("*", str(i))
                    item_value = value_at(merged, item)
                    if item_value is not None:
                        rows.append(_row(case, item, item_value))
    return rows


def _row(case, path, value, *, via: str | None = None) -> dict:
    label = field_label(path)
    if officer.from_the_record(path):
        # Ruling R39: from the officer in the case's record, so no Change link.
        owner = officer.delivering_officer(case)
        text = f"{answer_text(path, value)} (from the record of {owner.get_full_name() or owner})"
        return {"key": label, "value": text}
    via = via or path
    if via == OFFENDER_DOB:
        href = offender_url(case, from_assessment=True)
    else:
        href = reverse("journeys:question", args=[case.pk, via])
    return {
        "key": label,
        "value": answer_text(path, value),
        "href": href,
        "hidden": label.lower(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def check_answers(request, pk):
    case = get_case(request, pk)
    refused = _may_assess(request, case)
    if refused:
        return refused
    draft = services.draft_of(case, request.user)
    working = answers.from_draft(draft, case)
    changed = working.facts != case.facts
    reassessing = case.state != State.DRAFT and changed
    form = SaveAssessmentForm(posted(request), initial={"version": working.version})
    stale = services.changed_meanwhile(case, request.user, draft)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if stale:
                raise Conflict(stale)
            assessment = _save(
                case,
                request.user,
                working.facts,
                reason=form.cleaned_data["reason"],
                seen=answers.seen(request.POST),
            )
        except CaseError as exc:
            refuse(form, exc, "reason")
            status = status_of(exc)
            working = answers.load(case, request.user)
        else:
            _announce(request, assessment)
            return redirect("journeys:assessment_result", case.pk)
    state = answers.review_of(working, case, today=today())
    context = {
        "case": case,
        "form": form,
        "rows": _rows(case, working),
        "panel": panel(state.assessment, questions_left=len(state.questions)),
        "questions_left": len(state.questions),
        "settled": state.settled,
        "reassessing": reassessing,
        "conflict": bool(stale),
        "revision": working.revision,
    }
    return page(request, "journeys/check.html", context, status=status)


def _matrix_of(working, case) -> str | None:
    """The offender's matrix today (Ruling R29), or None when the date of birth is unknown."""
    return value_at(_with_derived(working.facts, case), "offence.gravity.matrix")


def _with_derived(facts: dict, case) -> dict:
    """The facts with the gravity matrix of the offender's age today (Ruling R29): never
    asked, as the date of birth decides it."""
    born = value_at(answers.with_officer(facts, case), OFFENDER_DOB)
    born = date.fromisoformat(born) if isinstance(born, str) else None
    return derived.filled(facts, today=today(), born=born)


def _announce(request, assessment) -> None:
    """Success only for a complete assessment: an incomplete one says what is still to
    answer, in an "Important" banner (the GOV.UK notification banner), never "Success"."""
    if assessment.decision != "incomplete":
        messages.success(request, "The assessment is saved.")
        return
    missing = panel(assessment.result)["missing"]
    if not missing:
        messages.warning(request, "The assessment is saved but it is not complete.")
        return
    shown = ", ".join(missing[:3])
    more = len(missing) - 3
    rest = f" and {more} more" if more > 0 else ""
    messages.warning(
        request,
        f"The assessment is saved but it is not complete. Still to answer: {shown}{rest}.",
    )


def _save(case, user, facts: dict, *, reason: str, seen: int | None):
    """Store the answers and assess them, and clear the draft: each step a service, each
    audited, all in one transaction (a refusal keeps the draft as it was). The gravity
    matrix is the offender's age's (Ruling R29), never asked.

    The previous outcomes go through set_previous_outcomes, which keeps them as rows of
    the 1912 as well as facts, once each has its date (a row needs one).
    """
    with transaction.atomic():
        # The draft as it is under the case's lock: an answer from another tab since this
        # page was read is saved too, never dropped.
        draft = answers.forget(case, user, why="Saved as the assessment.", seen=seen)
        facts = _with_derived(draft.facts if draft else facts, case)
        return _store(case, user, facts, reason=reason)


def _store(case, user, facts: dict, *, reason: str):
    outcomes = value_at(facts, LIST_FIELD)
    if (
        outcomes is not None
        and outcomes != value_at(case.facts, LIST_FIELD)
        and all(item.get("date") for item in outcomes)
    ):
        rows = [
            {
                "outcome": item["outcome"],
                "date": date.fromisoformat(item["date"]),
                "category": item.get("category", ""),
                "substance": item.get("substance", ""),
                "source": "the officer's checks, in the assessment",
            }
            for item in outcomes
        ]
        case = services.set_previous_outcomes(case, user, rows, reason=reason)
    if facts != case.facts:
        case = services.update_facts(case, user, facts, reason=reason)
    return services.assess(case, user, today=today())


@login_required
def assessment_result(request, pk):
    """The stored assessment: its panel, and the next step (ask for authority, set actions)."""
    case = get_case(request, pk)
    assessment = case.current_assessment
    context = {
        "case": case,
        "assessment": assessment,
        "panel": panel(assessment.result) if assessment else None,
        "can_request": case.state == State.ASSESSED
        and assessment is not None
        and assessment.decision == "authorisation_required",
        "can_plan": case.state in (State.ASSESSED, State.AUTHORISED)
        and assessment is not None
        and assessment.decision in ("eligible", "authorisation_required"),
        # Delivered now when nothing waits on anyone else: eligible, or authorised.
        "can_deliver": assessment is not None
        and (
            (case.state == State.ASSESSED and assessment.decision == "eligible")
            or case.state == State.AUTHORISED
        ),
        "can_reassess": case.state in BEFORE_AGREEMENT,
        "form": None,
    }
    return page(request, "journeys/result.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_authorisation(request, pk):
    """Ask for the authority the assessment lists (a link here leads to the button)."""
    if request.method != "POST":
        return redirect("journeys:assessment_result", pk)
    case = as_read(get_case(request, pk), request.POST)
    try:
        services.request_authorisation(case, request.user, note=request.POST.get("note", ""))
    except CaseError as exc:
        assessment = case.current_assessment
        context = {
            "case": get_case(request, pk),
            "assessment": assessment,
            "panel": panel(assessment.result) if assessment else None,
            "errors": [("", str(exc))],
            "has_errors": True,
        }
        return page(request, "journeys/result.html", context, status=status_of(exc))
    messages.success(request, "The case is waiting for authorisation.")
    return redirect(case_url(case))
