"""The 1912 checklist as the pages show it (GOV.UK task list): each line of
crs.cases.checklist with the page where it is recorded, for a person who can record it.

Only the words are shown: a line's key never reaches the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from crs.cases import checklist, permissions
from crs.cases.workflow import AGREED_OPEN, FOLLOWING, OPEN, PLANNING, State
from crs.ui.templatetags.govuk import linkto

# The journey (its URL name) where each line is recorded, and the input it starts at.
WHERE: dict[str, tuple[str, str]] = {
    "gravity_score_rationale": ("records", "gravity_rationale"),
    **{kind: ("records", kind) for kind in checklist.STATEMENTS if kind not in checklist.TOLD},
    **{kind: ("records", "told") for kind in checklist.TOLD},
    "rationale": ("authorise", ""),
    "authorisation_in_full": ("authorise", ""),
    "victim_views": ("victim", ""),
    "victim_views_in_full": ("victim", ""),
    "victim_told_voluntary": ("victim", ""),
    "victim_told_no_alternative_sanction": ("victim", ""),
    "parent_guardian_contact": ("contacts", ""),
    "victim_contact_after_delivery": ("contacts", ""),
    "victim_contact_at_conclusion": ("contacts", ""),
    "victim_told_non_compliance": ("contacts", ""),
    "outcomes_and_timescales": ("actions", ""),
    **{f"signature_{party}": ("signatures", "") for party in checklist.SIGNERS},
    "restorative_checklist": ("restorative", ""),
    "supervisor_quality_assurance": ("review", ""),
}


# The states in which a journey records its lines (as the case page's steps offer it): the
# 1912 is signed once agreed; the actions are set and followed until completed.
OPEN_IN = {
    "signatures": AGREED_OPEN,
    "actions": PLANNING + FOLLOWING,
    "authorise": (State.AWAITING_AUTHORISATION,),
    "review": (State.SUPERVISOR_REVIEW,),
}


@dataclass(frozen=True)
class Row:
    text: str
    status: str
    note: str
    url: str
    by_review: bool = False  # done by the supervisor's approval itself
    by_sending: str = ""  # the line's key when sending the case for review records it

    @property
    def done(self) -> bool:
        return self.status == checklist.DONE

    @property
    def outstanding(self) -> bool:
        return self.status == checklist.NOT_DONE


# The lines the send for review page records itself as it sends the case (crs.web.journeys.
# review): how the victim was told the outcomes concluded, and the officer's signature.
TOLD, OFFICER = "victim_contact_at_conclusion", "signature_officer"
ON_SENDING = "on_sending"
ON_SENDING_NOTE = "Recorded when you send the case for review."


def rows(case, user, *, sending: bool = False) -> list[Row]:
    """The checklist, each line linked to its page when this person could record it there.

    With `sending` (the send for review page), a line that sending records is shown as
    recorded there: not blocking, and no link to another page.
    """
    works = case.state in OPEN and permissions.can_work_on(user, case) is None
    reviews = case.state == State.SUPERVISOR_REVIEW and permissions.can_review(user, case) is None
    out = []
    for line in checklist.lines(case):
        journey, field = WHERE.get(line.key, ("", ""))
        url = ""
        if (
            journey
            and (reviews if journey == "review" else works)
            and case.state in OPEN_IN.get(journey, OPEN)
        ):
            url = linkto(f"journeys:{journey}", case.pk)
            if url and field:
                url += f"#id_{field}"
        text = line.text
        if line.key == OFFICER and user == case.owner:
            text = "Your signature, as the officer in the case"
        by_sending = line.key if works and _on_sending(case, user, line) else ""
        if sending and by_sending:
            out.append(Row(text, ON_SENDING, ON_SENDING_NOTE, "", by_sending=by_sending))
            continue
        by_review = line.key in checklist.BY_REVIEW
        out.append(Row(text, line.status, line.note, url, by_review, by_sending))
    return out


def _on_sending(case, user, line) -> bool:
    """Sending the case for review records this line (not done) first: how the victim was
    told, for a completed case; the signature, when this person is the officer in it."""
    if not line.outstanding or case.state not in (State.COMPLETED, State.NON_COMPLIANT):
        return False
    if line.key == TOLD:
        return case.state == State.COMPLETED
    return line.key == OFFICER and case.owner_id == user.pk


def summary(lines: list[Row]) -> dict:
    """How far the checklist is done: "12 of 15 done" counts the lines that are needed."""
    needed = [r for r in lines if r.status != checklist.NOT_NEEDED]
    return {
        "done": sum(r.done for r in needed),
        "needed": len(needed),
        # All the officer's part: the supervisor's own line is done by approving.
        "complete": all(not r.outstanding or r.by_review for r in lines),
        # Of them, what the page records as it is sent.
        "on_sending": sum(r.status == ON_SENDING for r in lines),
    }
