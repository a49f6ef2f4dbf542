"""What is due on a case and by when: the deadlines the SOP sets once a CR is delivered.

    duties(case, now=timezone.now())  ->  [Duty("parent_guardian_informed", due, overdue), ...]

Work lists and the case page read these; nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from .models import Case, Contact, RemedyAction
from .workflow import AFTER_DELIVERY


@dataclass(frozen=True)
class Duty:
    code: str
    paragraph: str
    text: str
    due: datetime
    overdue: bool


def duties(case: Case, *, now: datetime) -> list[Duty]:
    assessment = case.current_assessment
    if assessment is None or case.agreed_at is None or case.state not in AFTER_DELIVERY:
        return []
    found = []
    contacts = list(case.contacts.all())

    def logged(party, purposes=None, reached=False):
        return any(
            c.party == party
            and (purposes is None or c.purpose in purposes)
            and (not reached or c.outcome in Contact.REACHED)
            for c in contacts
        )

    hours = assessment.deadlines.get("parent_guardian_informed_within_hours")
    if hours is not None and not logged("parent_guardian", reached=True):
        due = case.agreed_at + timedelta(hours=hours)
        found.append(
            Duty(
                "parent_guardian_informed",
                "3.4.3",
                f"Inform a parent or guardian of the resolution within {hours} hours.",
                due,
                now > due,
            )
        )
    if assessment.identifiable_victim and not logged("victim", {"after_delivery"}):
        found.append(
            Duty(
                "victim_contact_after_delivery",
                "4.3.5",
                "Contact the victim immediately after the delivery of the resolution.",
                case.agreed_at,
                now > case.agreed_at,
            )
        )
    for action in case.actions.filter(instant=False, status=RemedyAction.Status.PENDING):
        due = timezone.make_aware(datetime.combine(action.due_date, time.max))
        found.append(
            Duty(
                "action_due",
                "4.4.5",
                f"Check the action is done: {action.description}",
                due,
                now > due,
            )
        )
    return found
