"""Plain-English names for the facts, and the engine's messages and values made readable.

The engine names a fact by its dotted path (offence.gravity.final_score); a page
names it as a person would ("Final gravity score"). Error messages reuse the
engine's own words (AnswerError, FactsError), with the paths in them replaced.
No Django here: these are plain functions over the engine's data.
"""

from __future__ import annotations

import re
from datetime import date

from crs.policy.questions import LABELS as OPTION_LABELS
from crs.policy.questions import LIST_FIELD, SPECS

# Each fact's name on a page, as FACTS declares it (crs.policy.facts).
FIELD_LABELS: dict[str, str] = {path: spec.label for path, spec in SPECS.items()}


DECISION_LABELS = {
    "eligible": "Eligible",
    "authorisation_required": "Authorisation required",
    "not_eligible": "Not eligible",
    "incomplete": "Incomplete",
}

# GOV.UK tag colours for each decision.
DECISION_TAGS = {
    "eligible": "govuk-tag--green",
    "authorisation_required": "govuk-tag--yellow",
    "not_eligible": "govuk-tag--red",
    "incomplete": "govuk-tag--grey",
}

EFFECT_LABELS = {
    "excludes": "Excludes",
    "requires_authorisation": "Needs authority",
    "escalates": "Escalates",
    "informs": "Informs",
}

_INDEX = re.compile(r"\.(\d+)(?=\.|$)")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_PATH = re.compile(r"\b(?:offence|offender|victim|officer)(?:\.[a-z0-9_]+)+|\bassessed_on\b")


def pattern(path: str) -> str:
    return _INDEX.sub(".*", path)


def field_label(path: str) -> str:
    """The plain-English name of a fact: "offence.date" -> "Date of the offence"."""
    found = FIELD_LABELS.get(pattern(path))
    if found is None:
        return path.rsplit(".", 1)[-1].replace("_", " ").capitalize()
    index = _INDEX.search(path)
    return found.format(n=int(index.group(1)) + 1) if index else found


def long_date(value: date | str) -> str:
    """1 March 2024 (GOV.UK style: no leading zero)."""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def humanise(text: str) -> str:
    """An engine message with its dotted paths and ISO dates written for a person."""

    def path(match: re.Match) -> str:
        if match.group(0) == "assessed_on":
            return "the assessment date"
        return field_label(match.group(0)).lower()

    text = _PATH.sub(path, text)
    text = _SNAKE.sub(lambda m: m.group(0).replace("_", " "), text)
    return _ISO.sub(lambda m: long_date(m.group(0)), text)


def error_message(field: str, problem: str) -> str:
    """ "Date of the offence is after the assessment date (1 March 2024)": the field's name,
    then the engine's problem, in its own words."""
    problem = humanise(problem)
    joiner = " " if problem.split(" ", 1)[0] in ("must", "is", "cannot") else ": "
    return f"{field_label(field)}{joiner}{problem}"


def answer_text(path: str, value) -> str:
    """A stored fact as the check-your-answers page shows it."""
    if value is None:
        return "Not known"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        if not value:
            return "None found"
        labels = OPTION_LABELS[LIST_FIELD + ".*.outcome"]
        return ", ".join(labels.get(item.get("outcome"), item.get("outcome")) for item in value)
    options = OPTION_LABELS.get(pattern(path))
    if options and value in options:
        return options[value]
    if isinstance(value, str) and _ISO.fullmatch(value):
        return long_date(value)
    return str(value)


def missing_labels(paths: list[str]) -> list[str]:
    """The facts still unknown, named; a group is left out when one of its facts is listed."""
    shown = []
    for p in paths:
        if any(other.startswith(p + ".") for other in paths):
            continue
        label = field_label(p)
        if label not in shown:
            shown.append(label)
    return shown
