"""Facts that follow from other facts, so that nobody is asked them.

    decided_flags("theft")          {"offence.knife_or_weapon": False, "offence.sexual": False}
    matrix_for(born, on)            "adult" or "child" (Ruling R29)
    filled(document, today=...)     the document with what follows from it written in

The guided questions (crs.policy.questions) never ask these; a door writes them
into the facts it keeps, so the saved facts say they were confirmed.

Flags decided by the category
    The contract's knife, sexual and traffic flags default to false. A category
    that implies one (weapon_possession, sexual, traffic) makes it true, and the
    engine reads it so. Here are the categories whose offences cannot be a knife
    or weapon offence, a sexual offence or a traffic offence, so the flag is
    false without asking. The lists are kept short on purpose: a category stays
    asked wherever an offence of that kind can be one (an assault or a robbery
    with a knife, a sexual assault recorded as an assault, exposure recorded as
    public order, a burglary with sexual intent, aggravated vehicle-taking
    recorded as theft, which carries an endorsement and disqualification).
    Each list says why in a comment.
Coercive control
    Controlling or coercive behaviour is abuse between people personally
    connected (2.5.2 puts it under domestic abuse): an offence that is not
    domestic abuse has none, so it is asked only once the offence is domestic
    abuse, and "not domestic abuse" writes it as false.
"""

from __future__ import annotations

import copy
from datetime import date

from .ages import years_between
from .facts import ADULT_MATRIX_AGE, IMPLIED_FLAGS

KNIFE, SEXUAL, TRAFFIC = "offence.knife_or_weapon", "offence.sexual", "offence.traffic"
MATRIX = "offence.gravity.matrix"
DOMESTIC_ABUSE, COERCIVE_CONTROL = "offence.domestic_abuse", "offence.coercive_control"

# flag -> the categories that decide it is false.
_FALSE_FOR: dict[str, tuple[str, ...]] = {
    # Knife crime (2.3.2) is violence, robbery, sexual offences and possession; theft (a
    # theft with a weapon used or threatened is robbery), fraud, drug and traffic offences
    # are none of them. A knife carried is its own offence (weapon_possession).
    KNIFE: ("theft", "fraud", "drugs_possession", "drugs_supply", "traffic"),
    # Sexual offences (2.3.3) are recorded as category sexual; these categories' offences
    # are never sexual offences in law, whatever the motive.
    SEXUAL: (
        "theft",
        "criminal_damage",
        "fraud",
        "drugs_possession",
        "drugs_supply",
        "weapon_possession",
        "traffic",
    ),
    # Traffic offences (2.3.1) carry endorsements. Not asked where no offence of the kind is
    # a motoring offence; still asked for theft (vehicle-taking), fraud (vehicle documents),
    # animal and other.
    TRAFFIC: (
        "criminal_damage",
        "public_order",
        "assault",
        "drugs_possession",
        "drugs_supply",
        "weapon_possession",
        "sexual",
        "harassment",
        "burglary",
        "robbery",
    ),
}

# Never asked: every door fills them in (the matrix from the date of birth, R29).
DERIVED = (MATRIX,)


def decided_flags(category: str | None) -> dict[str, bool]:
    """The flags the category decides are false (an implied flag is the engine's: true)."""
    implied = f"offence.{IMPLIED_FLAGS[category]}" if category in IMPLIED_FLAGS else None
    return {
        flag: False
        for flag, categories in _FALSE_FOR.items()
        if category in categories and flag != implied
    }


def decided_by_domestic_abuse(relationship: str | None) -> dict[str, bool]:
    """Coercive control, when the answer is "not domestic abuse"."""
    return {COERCIVE_CONTROL: False} if relationship == "none" else {}


def matrix_for(born: date, on: date) -> str:
    """Ruling R29: the adult matrix for an offender 18 or over on the assessment date."""
    return "adult" if years_between(born, on) >= ADULT_MATRIX_AGE else "child"


def _get(document: dict, path: str):
    value = document
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _on(document: dict, today: date | None) -> date | None:
    text = document.get("assessed_on")
    try:
        return date.fromisoformat(text) if isinstance(text, str) else today
    except ValueError:
        return None


def filled(document: dict, *, today: date | None, born: date | None = None) -> dict:
    """A copy of `document` with the matrix the date of birth gives (the document's, or
    `born` for a door that keeps it on the person, decision 0011) on the assessment date
    (`assessed_on`, else `today`). Left as it is when either is unknown or not valid: the
    facts' own check names the field."""
    if born is None:
        text = _get(document, "offender.date_of_birth")
        try:
            born = date.fromisoformat(text) if isinstance(text, str) else None
        except ValueError:
            born = None
    on = _on(document, today)
    if born is None or on is None or on == date.max or born > on:
        return document
    wanted = matrix_for(born, on)
    if _get(document, MATRIX) == wanted:
        return document
    out = copy.deepcopy(document)
    offence = out.setdefault("offence", {})
    if not isinstance(offence, dict):
        return document
    gravity = offence.setdefault("gravity", {})
    if not isinstance(gravity, dict):
        return document
    gravity["matrix"] = wanted
    return out


def after_answer(document: dict, field: str, before, after) -> None:
    """Put what a new category (or domestic abuse answer) decides into `document` (in place),
    and drop what the old answer decided that the new one does not: it was never asked."""
    if field == "offence.category":
        old, new = decided_flags(before), decided_flags(after)
    elif field == DOMESTIC_ABUSE:
        old, new = decided_by_domestic_abuse(before), decided_by_domestic_abuse(after)
    else:
        return
    offence = document.setdefault("offence", {})
    for flag in old:
        if flag not in new:
            offence.pop(flag.split(".", 1)[1], None)
    for flag, value in new.items():
        offence[flag.split(".", 1)[1]] = value
