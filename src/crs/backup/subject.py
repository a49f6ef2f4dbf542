"""`crs subject-access`: everything crs holds about one person, for a subject access request
(Data Protection Act 2018 s.45). The answer is JSON a disclosure officer reviews before it
goes out: other people in the person's cases appear by role only, never by name or contact
details, because their data is not the requester's to receive.

Answering is itself recorded in the access log (an export, with who answered).
"""

from __future__ import annotations

import json
import sys
from datetime import date

from django.core.serializers.json import DjangoJSONEncoder

from crs.private_files import open_private


def _person_fields() -> tuple[str, ...]:
    """The subject's own details as the case holds them; the medical professional consulted
    (3.4.5) is another person, so not theirs to receive."""
    from crs.cases.services.records import PERSON_FIELDS

    return ("role", *sorted(PERSON_FIELDS - {"medical_professional"}))


def _case_record(case, subject) -> dict:
    current = case.current_assessment
    return {
        "crime_reference": case.crime_reference,
        "their_role": subject.get_role_display(),
        "offence": {
            "date": case.offence_date,
            "category": case.get_offence_category_display() if case.offence_category else "",
            "description": case.offence_description,
        },
        "state": case.get_state_display() if hasattr(case, "get_state_display") else case.state,
        "opened": case.created_at,
        "agreed": case.agreed_at,
        "closed": case.closed_at,
        "outcome_reason": case.outcome_reason,
        "decision": None
        if current is None
        else {
            "decision": current.decision,
            "assessed_on": current.assessed_on,
            "policy_version": current.policy_version,
            "reasons": current.result.get("reasons", []),
        },
        "authorisations": [
            {
                "decision": a.decision,
                "by": a.given_by_title,
                "rationale": a.rationale,
                "at": a.given_at,
                "voided": a.voided_at,
            }
            for a in case.authorisations.order_by("given_at")
        ],
        "actions": [
            {
                "kind": a.kind,
                "description": a.description,
                "due": a.due_date,
                "status": a.status,
            }
            for a in case.actions.order_by("pk")
        ],
        "contacts_with_them": [
            {"purpose": c.purpose, "method": c.method, "outcome": c.outcome, "at": c.at}
            for c in case.contacts.filter(person=subject).order_by("at")
        ],
        "other_people": [p.get_role_display() for p in case.people.exclude(pk=subject.pk)],
        "viewed_by": [
            {"at": e.at, "who": e.actor_name, "action": e.action}
            for e in case.access_entries.order_by("seq")
        ],
    }


def subject_access(family_name: str, given_name: str = "", dob: date | None = None) -> dict:
    from crs.cases.models import Person
    from crs.cases.services.cases import named
    from crs.exchange.models import RecordedOutcome

    people = list(
        named(Person.objects, family_name, given_name, dob)
        .select_related("case")
        .order_by("case_id", "pk")
    )
    recorded = named(RecordedOutcome.objects, family_name, given_name, dob)
    return {
        "request": {"family_name": family_name, "given_name": given_name, "date_of_birth": dob},
        "records_about_them": [{f: getattr(p, f) for f in _person_fields()} for p in people],
        "cases": [_case_record(p.case, p) for p in people],
        "previous_outcomes_imported": [
            {
                "outcome": r.outcome,
                "date": r.outcome_date,
                "category": r.category,
                "source_reference": r.source_reference,
            }
            for r in recorded.order_by("outcome_date")
        ],
    }


def cmd_subject_access(args) -> int:
    from .archive import _setup

    _setup()
    from crs.accounts.models import User
    from crs.audit.access import record_access

    dob = None
    if args.dob:
        try:
            dob = date.fromisoformat(args.dob)
        except ValueError:
            sys.stderr.write(f"crs: --dob: must be a date YYYY-MM-DD, got {args.dob!r}\n")
            return 2
    answerer = User.objects.filter(username=args.requested_by).first()
    if answerer is None:
        sys.stderr.write(f"crs: --requested-by: no user {args.requested_by!r}\n")
        return 2
    answer = subject_access(args.family_name, args.given_name, dob)
    text = json.dumps(answer, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    record_access(
        actor=answerer,
        action="export",
        what=f"subject access: {args.family_name}, {args.given_name} {args.dob or ''}".strip(),
        why="subject access request (DPA 2018 s.45)",
    )
    if args.output:
        with open_private(args.output, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        sys.stdout.write(
            f"crs: {len(answer['cases'])} case(s) and "
            f"{len(answer['previous_outcomes_imported'])} imported outcome(s) written to "
            f"{args.output}\n"
        )
    else:
        sys.stdout.write(text + "\n")
    return 0
