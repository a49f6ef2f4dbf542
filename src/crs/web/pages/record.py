"""What the case page shows: the 1912 record (docs/record.md), the stored assessment's
decision, what is due, the next steps open to this person (crs.web.pages.steps), and the
case's history.

Everything is read in a fixed number of queries (one per kind of record), so the page
costs the same for a case with two contacts as for one with twenty.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date, datetime

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import resolve
from django.utils import timezone

from crs.cases import identities
from crs.cases.duties import duties
from crs.cases.guards import requirement_key
from crs.cases.models import Case, Person, RemedyAction, RestorativeJustice
from crs.cases.workflow import FOLLOWING, PLANNING, STATE_LABELS, State
from crs.policy import PackError, pack_for
from crs.policy.authorities import TITLES
from crs.policy.explain import proceeding, ruling_name
from crs.policy.facts import FACTS
from crs.policy.labels import answer_text, field_label, humanise, long_date
from crs.policy.questions import LIST_FIELD
from crs.policy.records import RECORDS
from crs.web.pages import checklist
from crs.web.pages.steps import next_steps

DECISIONS = {
    "eligible": ("Eligible for a Community Resolution", "govuk-tag--green"),
    "authorisation_required": ("Authorisation required", "govuk-tag--yellow"),
    "not_eligible": ("Not eligible for a Community Resolution", "govuk-tag--red"),
    "incomplete": ("Incomplete: facts are missing", "govuk-tag--grey"),
}
EFFECTS = {
    "excludes": "Excludes a Community Resolution",
    "requires_authorisation": "Needs authority",
    "escalates": "Changes who must authorise",
    "informs": "To note",
}
STATE_TAGS = {
    State.DRAFT: "govuk-tag--grey",
    State.ASSESSED: "govuk-tag--light-blue",
    State.AWAITING_AUTHORISATION: "govuk-tag--yellow",
    State.AUTHORISED: "govuk-tag--turquoise",
    State.REFUSED: "govuk-tag--red",
    State.AGREED: "govuk-tag--blue",
    State.ACTIONS_IN_PROGRESS: "govuk-tag--blue",
    State.COMPLETED: "govuk-tag--green",
    State.NON_COMPLIANT: "govuk-tag--orange",
    State.SUPERVISOR_REVIEW: "govuk-tag--purple",
    State.IMU_QA: "govuk-tag--purple",
    State.CLOSED: "govuk-tag--green",
    State.WITHDRAWN: "govuk-tag--grey",
}
ACTIONS = {
    "open_case": "Case opened",
    "assess": "Assessed",
    "update_facts": "Facts changed",
    "answer_draft": "Assessment answered (not yet saved)",
    "clear_draft": "Assessment answers in progress cleared",
    "request_authorisation": "Sent for authorisation",
    "authorise": "Authority given",
    "refuse_authorisation": "Authority refused",
    "add_person": "Person added",
    "update_person": "Person's details changed",
    "record_victim_view": "Victim's views recorded",
    "log_contact": "Contact logged",
    "record_restorative": "Restorative justice recorded",
    "sign": "Signed",
    "add_statement": "Record written",
    "add_action": "Action added",
    "change_action": "Action changed",
    "remove_action": "Action removed",
    "agree": "Agreed with the offender",
    "start_actions": "Actions being monitored",
    "action_completed": "Action completed",
    "action_failed": "Action not completed",
    "complete": "Actions completed",
    "record_non_compliance": "Non-compliance recorded",
    "submit_for_review": "Submitted for supervisor review",
    "approve_review": "Review approved and signed",
    "return_from_review": "Returned to the officer",
    "record_gravity_rationale": "Gravity score rationale recorded",
    "imu_accept": "Accepted by the IMU",
    "imu_return": "Returned by the IMU",
    "withdraw": "Withdrawn",
}
FACT_GROUPS = (("offence", "The offence"), ("offender", "The offender"), ("victim", "The victim"))


def yes_no(value) -> str:
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return "Not known" if value is None else str(value)


def _words(value) -> str:
    return str(value).replace("_", " ")


def fact_value(field, value) -> str:
    if value is None:
        return "Not known"
    if field.kind == "bool":
        return yes_no(value)
    if field.kind == "date":
        try:
            return f"{date.fromisoformat(value):%-d %B %Y}"
        except (TypeError, ValueError):
            return str(value)
    if field.kind == "enum":
        return _words(value).capitalize()
    if field.kind == "object":
        parts = [
            f"{_words(child.name)}: {fact_value(child, value.get(child.name))}"
            for child in field.children
            if isinstance(value, dict) and child.name in value
        ]
        return "; ".join(parts)
    if field.kind == "list":
        if not value:
            return "None found"
        return "; ".join(
            ", ".join(
                answer_text(f"{LIST_FIELD}.{i}.{k}", item[k])
                for k in ("outcome", "date", "category")
                if item.get(k) is not None
            )
            for i, item in enumerate(value)
        )
    return str(value)


def describe_fact(field) -> str:
    """A fact's description without its notes for developers ("...; true for category x")."""
    return field.doc.split(";")[0].rstrip(".")


def fact_rows(facts: dict) -> list[dict]:
    """One summary list per group of the working facts, labelled from crs.policy.facts."""
    groups = {child.name: child for child in FACTS.children}
    out = []
    for name, title in FACT_GROUPS:
        given = facts.get(name) or {}
        rows = []
        for field in groups[name].children:
            if field.kind == "object" and field.name not in given:
                continue
            value = given.get(field.name, field.default if field.has_default else None)
            rows.append({"key": describe_fact(field), "value": fact_value(field, value)})
        out.append({"title": title, "rows": rows})
    return out


def fact_label(path: str) -> str:
    """A dotted fact path as its description: offender.consents -> "Consents to the ..."."""
    field = FACTS
    for part in path.split("."):
        field = next((c for c in field.children if c.name == part), None)
        if field is None:
            return path
    return describe_fact(field)


def decision_panel(assessment, given_keys: set) -> dict | None:
    """The stored assessment as the panel shows it: what it decided, why (with the SOP's own
    words), who must authorise and whether they have, what is missing, rulings, deadlines."""
    if assessment is None:
        return None
    result = assessment.result
    try:
        pack = pack_for(assessment.assessed_on, assessment.policy)
        rulings = pack.rulings
        remedies = {r.id: r.label for r in pack.community_remedy}
    except PackError:
        pack, rulings, remedies = None, {}, {}
    shown, route = _proceeding(assessment, result, pack)
    label, tag = DECISIONS.get(assessment.decision, (_words(assessment.decision), ""))
    deadlines = result.get("deadlines") or {}
    return {
        "assessment": assessment,
        "label": label,
        "tag": tag,
        "recommended": _words(result.get("recommended_disposal") or ""),
        "reasons": [
            {
                **reason,
                "text": humanise(reason.get("text", "")),
                "effect_label": EFFECTS.get(reason.get("effect"), reason.get("effect")),
                "ruling_names": [ruling_name(rid, rulings) for rid in reason.get("rulings", [])],
            }
            for reason in result.get("reasons", [])
        ],
        "authorisations": [
            {
                **entry,
                "reason": humanise(entry.get("reason", "")),
                "authority_label": TITLES.get(entry["authority"], entry["authority"]),
                "given": (entry.get("code", ""), entry["authority"]) in given_keys,
            }
            for entry in shown
        ],
        "exceptional_route": route,
        "missing": [(path, fact_label(path)) for path in result.get("missing", [])],
        "rulings": [ruling_name(rid, rulings) for rid in result.get("interpretations", [])],
        "records": [
            (RECORDS[r][0], RECORDS[r][1]) if r in RECORDS else ("", r)
            for r in result.get("records_required", [])
        ],
        "outcomes_by": _iso_date(deadlines.get("outcomes_complete_by")),
        "parent_hours": deadlines.get("parent_guardian_informed_within_hours"),
        "deferred_allowed": deadlines.get("deferred_outcomes_allowed"),
        "victim_contact": [_words(v) for v in deadlines.get("victim_contact") or []],
        "remedies": remedies,
    }


def _proceeding(assessment, result: dict, pack) -> tuple[list[dict], str]:
    """The authorities to present and the exceptional circumstances route (Ruling R37): none
    on a not-eligible case, whatever its stored `authorisations` list."""
    try:
        return proceeding(result, pack)
    except (KeyError, ValueError, PackError):  # a result stored before a key existed
        if assessment.decision == "not_eligible":
            return [], ""
        return list(result.get("authorisations", [])), ""


def _iso_date(text):
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def describe(entry, *, hide_identities: bool = False) -> list[str]:
    """What an audit entry changed, in a few short lines (the full entry stays in the log);
    with `hide_identities`, without the names, contact details and dates of birth."""
    before, after = entry.before or {}, entry.after or {}
    lines = []
    if "state" in after:
        old = STATE_LABELS.get(before.get("state"), before.get("state") or "")
        new = STATE_LABELS.get(after["state"], after["state"])
        lines.append(f"{old} → {new}" if old else new)
    if "facts" in after:
        changed = _changed_paths(before.get("facts") or {}, after["facts"] or {})
        if "facts" in before:
            changed = [field_label(p) for p in changed]
            lines.append("Changed: " + (", ".join(changed) if changed else "nothing"))
    answered = after.get("answers")
    if isinstance(answered, dict) and answered:
        # An answer in progress (crs.cases.services.drafts): which questions, not the values.
        lines.append("Answered: " + ", ".join(field_label(p) for p in answered))
    blank = [p for p in after.get("skipped") or [] if p not in (before.get("skipped") or [])]
    if blank:
        lines.append("Left blank: " + ", ".join(field_label(p) for p in blank))
    if "decision" in after:
        lines.append(DECISIONS.get(after["decision"], (after["decision"],))[0])
    for key in ("given",):
        for item in after.get(key) or []:
            lines.append(
                f"{TITLES.get(item.get('authority'), item.get('authority'))} "
                f"({item.get('paragraph', '')})"
            )
    for key in ("contact", "action", "signature", "statement", "victim_view", "person"):
        if key in after and isinstance(after[key], dict):
            details = after[key]
            if hide_identities:
                details = identities.masked_details(details)
            shown = {k: v for k, v in details.items() if k not in ("id",) and v not in EMPTY}
            lines.append("; ".join(f"{_words(k)}: {_shown(v)}" for k, v in shown.items()))
    return [line[:300] for line in lines]


EMPTY = (None, "", [], {})


def _shown(value) -> str:
    """A recorded value as a person reads it: dates and times as the page writes them (local
    time), not as the log keeps them (ISO 8601, UTC)."""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, str) and _ISO_DATE.match(value):
        with suppress(ValueError):
            if len(value) == 10:
                return long_date(value)
            moment = timezone.localtime(datetime.fromisoformat(value))
            return f"{long_date(moment.date())}, {moment:%H:%M}"
    return _words(value)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$")


def _changed_paths(before: dict, after: dict, prefix: str = "") -> list[str]:
    paths = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            paths += _changed_paths(a, b, f"{prefix}{key}.")
        elif a != b:
            paths.append(f"{prefix}{key}")
    return paths


def case_page(case: Case, user, *, now: datetime) -> dict:
    """The case as this person may see it: a Victim Justice analyst's pseudonymised
    (crs.cases.identities) unless they opened its identities with a reason."""
    # Each kind of record read once, for the record and its checklist alike.
    prefetch_related_objects(
        [case],
        "contacts__made_by",
        "people",
        "signatures",
        "statements",
        "victim_views__asked_by",
        "authorisations__given_by",
        "restorative",
        Prefetch("actions", queryset=RemedyAction.objects.order_by("due_date", "pk")),
    )
    people = sorted(case.people.all(), key=lambda p: p.pk)
    open_until = identities.open_until(user, case) if identities.pseudonymised(user) else None
    hide = identities.pseudonymised(user) and open_until is None
    facts = identities.masked_facts(case, people) if hide else case.facts
    signatures = sorted(case.signatures.all(), key=lambda x: (x.signed_at, x.pk))
    if hide:
        people = identities.masked_people(people, case.offence_date)
        signatures = [identities.masked_signature(s) for s in signatures]
    assessment = case.current_assessment
    authorisations = sorted(case.authorisations.all(), key=lambda a: (a.given_at, a.pk))
    for a in authorisations:
        a.authority_label = TITLES.get(a.authority, a.authority)
    given_keys = {
        (a.requirement, a.authority)
        for a in authorisations
        if assessment is not None
        and a.assessment_id == assessment.pk
        and a.decision == "given"
        and a.voided_at is None
    }
    # outstanding_requirements, from the authorisations already read.
    outstanding = (
        [
            e
            for e in assessment.result.get("authorisations", [])
            if requirement_key(e) not in given_keys
        ]
        if case.state == State.AWAITING_AUTHORISATION and assessment is not None
        else []
    )
    panel = decision_panel(assessment, given_keys)
    rows = checklist.rows(case, user)
    steps = next_steps(case, user, assessment, outstanding)
    actions = list(case.actions.all())
    remedies = panel["remedies"] if panel else {}
    for action in actions:
        action.kind_label = remedies.get(action.kind, _words(action.kind).capitalize())
    history = list(case.audit_entries.select_related("actor").order_by("-seq"))
    for entry in history:
        entry.label = ACTIONS.get(entry.action, _words(entry.action).capitalize())
        entry.changes = describe(entry, hide_identities=hide)
        entry.who = (
            f"{entry.actor.get_full_name() or entry.actor_name} ({entry.actor.title})"
            if entry.actor is not None
            else entry.actor_name
        )
    return {
        "case": case,
        "state_label": STATE_LABELS[case.state],
        "state_tag": STATE_TAGS.get(case.state, ""),
        "offenders": [p for p in people if p.role == Person.Role.OFFENDER],
        "people": people,
        "fact_groups": fact_rows(facts),
        "panel": panel,
        "authorisations": authorisations,
        "actions": actions,
        "contacts": sorted(case.contacts.all(), key=lambda c: (c.at, c.pk)),
        "victim_views": sorted(case.victim_views.all(), key=lambda v: (v.asked_at, v.pk)),
        "signatures": signatures,
        "identities_hidden": hide,
        "identities_open_until": open_until,
        "statements": sorted(case.statements.all(), key=lambda x: (x.recorded_at, x.pk)),
        "restorative": _restorative(case),
        "previous": list(case.previous_outcomes.order_by("date")),
        "duties": duties(case, now=now),
        "history": history,
        "steps": steps,
        "primary": primary_step(case, steps, rows, actions),
        "checklist": rows,
        "checklist_summary": checklist.summary(rows),
        "returned": returned(case),
    }


# The step that moves the case on, first of those this person is offered (crs.web.pages.
# steps): someone else's decision waits on them before their own work does.
DECIDING = ("review", "quality", "authorise", "request_authorisation")


def primary_step(case: Case, steps, rows, actions) -> tuple[str, str] | None:
    """The one next step the case page puts first, as (label, URL), or None when nothing
    waits on this person: their decision, else the next piece of the officer's work (the
    record's first missing line before it can go for review)."""
    offered = {resolve(url.split("#")[0]).url_name: (label, url) for label, url in steps}
    for name in DECIDING:
        if name in offered:
            return offered[name]
    if case.state in (State.COMPLETED, State.NON_COMPLIANT):
        # What sending for review records itself is not a page to go to first.
        missing = [
            r for r in rows if r.outstanding and r.url and not r.by_review and not r.by_sending
        ]
        if missing:
            text = missing[0].text
            return (f"Record {text[:1].lower()}{text[1:]}", missing[0].url)
        return offered.get("submit_review")
    if case.state in PLANNING and "deliver" in offered:
        return offered["deliver"]
    if case.state in PLANNING and "actions" in offered:
        if not actions:
            return ("Set the Community Remedy actions", offered["actions"][1])
        return offered.get("agree") or offered["actions"]
    if case.state in FOLLOWING and "actions" in offered:
        return ("Follow the actions", offered["actions"][1])
    return offered.get("assessment")


def returned(case: Case):
    """The return the officer has still to put right (its reasons and who gave them), if
    any: the latest, while the case is marked returned."""
    if case.returned_at is None:
        return None
    found = case.returns.select_related("returned_by").order_by("-returned_at", "-pk").first()
    if found is not None:
        found.who = found.returned_by.get_full_name() or found.returned_by.get_username()
    return found


def _restorative(case: Case) -> RestorativeJustice | None:
    try:
        return case.restorative
    except RestorativeJustice.DoesNotExist:
        return None
