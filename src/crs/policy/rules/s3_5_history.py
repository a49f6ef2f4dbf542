"""SOP 3.5: offending history."""

from ..rule import INFORMS, REQUIRES, Fired, missing, rule
from .s2_4_drugs import HISTORY


def _previous(c, juvenile: bool):
    previous = c.offender.previous_outcomes
    if previous is None:
        return missing("offender.previous_outcomes")
    if not previous:
        return False
    if c.juvenile is None:
        return missing("offender.date_of_birth")
    if c.juvenile is not juvenile:
        return False
    kinds = sorted({p.outcome for p in previous})
    return Fired(detail=f"{len(previous)} previous sanction(s): {', '.join(kinds)}.")


@rule(
    "3.5.2",
    code="previous_sanction_adult",
    topic=HISTORY,
    effect=REQUIRES,
    authority="previous_sanction_adult",
    rulings=("R12",),
    records=("rationale",),
    uses=("offender.previous_outcomes",),
    text="The offender has previous sanctions: a CR may still be appropriate, with a "
    "Sergeant's authority and the full rationale recorded.",
)
def previous_sanction_adult(c):
    """“Where it is felt a Community Resolution is appropriate where the offender has a previous
    offending history the officer must obtain authorisation from a Sergeant” — Ruling R12."""
    return _previous(c, juvenile=False)


@rule(
    "3.5.3",
    code="previous_sanction_juvenile",
    topic=HISTORY,
    effect=REQUIRES,
    authority="previous_sanction_juvenile",
    rulings=("R12",),
    records=("rationale",),
    uses=("offender.previous_outcomes", "offender.date_of_birth"),
    text="An offender under 18 with a previous sanction needs the authority of the Youth "
    "Justice Team Supervisor.",
)
def previous_sanction_juvenile(c):
    """“authorisation must be gained from a Youth Justice Team Supervisor” — Ruling R12."""
    return _previous(c, juvenile=True)


@rule(
    "3.5.1",
    code="recent_offending",
    topic=HISTORY,
    effect=INFORMS,
    records=("rationale",),
    uses=("offender.previous_outcomes", "offence.date"),
    text="There is offending within the last {window}: a CR is not usually given then unless "
    "there are exceptional circumstances; consider the relevance of the history.",
)
def recent_offending(c):
    """“how recent offending has been committed (not usually within 12 months unless
    exceptional circumstances)”"""
    previous, start = c.offender.previous_outcomes, c.window_start
    if not previous or start is None:
        return False
    recent = [p.date.isoformat() for p in previous if p.date is not None and p.date >= start]
    return Fired(detail=f"Recent: {', '.join(recent)}.") if recent else False
