"""SOP 4.4: outcomes and the 16-week limit."""

from ..rule import INFORMS, Fired, rule


@rule(
    "4.4.4",
    code="deferred_outcomes_deadline_passed",
    effect=INFORMS,
    rulings=("R25",),
    uses=("offence.date", "assessed_on"),
    text="More than {outcomes_limit} have passed since the offence: only instant outcomes "
    "(such as an apology) can now be agreed.",
)
def deferred_outcomes_deadline_passed(c):
    """“should not exceed 16 weeks from date of offence” — Ruling R25."""
    due = c.outcomes_complete_by
    if due is None or c.facts.assessed_on <= due:
        return False
    return Fired(detail=f"Deferred outcomes had to be complete by {due.isoformat()}.")
