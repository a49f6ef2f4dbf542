"""The retention schedule: rules read from TOML, each with its period and its source."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DEFAULT = Path(__file__).with_name("schedule.toml")
CHILD = "child"


class ScheduleError(ValueError):
    """A schedule file that cannot be used; the text names the file and the field."""


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    states: tuple[str, ...]
    years: int
    source: str

    def due(self, closed: date) -> date:
        """The day the period ends: the same date `years` later (28 February for 29th)."""
        try:
            return closed.replace(year=closed.year + self.years)
        except ValueError:
            return closed.replace(year=closed.year + self.years, day=28)


def path() -> Path:
    from django.conf import settings

    chosen = getattr(settings, "CRS_RETENTION_SCHEDULE", "") or os.environ.get(
        "CRS_RETENTION_SCHEDULE", ""
    )
    return Path(chosen) if chosen else DEFAULT


def load(file: Path | None = None) -> dict[str, Rule]:
    file = file or path()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScheduleError(f"retention schedule {file}: cannot be read ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleError(f"retention schedule {file}: not TOML ({exc})") from exc
    rules = {}
    for key, body in (data.get("rules") or {}).items():
        where = f"retention schedule {file}: rules.{key}"
        years = body.get("years")
        if not isinstance(years, int) or isinstance(years, bool) or years < 0:
            raise ScheduleError(f"{where}.years: must be a whole number of years, 0 or more")
        states = body.get("states")
        if not isinstance(states, list) or not states:
            raise ScheduleError(f"{where}.states: must list the final states it applies to")
        if not str(body.get("source", "")).strip():
            raise ScheduleError(f"{where}.source: say where the period comes from")
        rules[key] = Rule(
            key, str(body.get("label", key)), tuple(states), years, str(body["source"])
        )
    if not rules:
        raise ScheduleError(f"retention schedule {file}: no [rules.*] tables")
    return rules


def rule_for(rules: dict[str, Rule], *, state: str, juvenile: bool) -> Rule | None:
    """The rule a case in `state` falls under; None if none applies (an open case)."""
    if juvenile and CHILD in rules and state in rules[CHILD].states:
        return rules[CHILD]
    for key, rule in rules.items():
        if key != CHILD and state in rule.states:
            return rule
    return None
