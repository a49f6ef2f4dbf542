"""The retention schedule: rules read from TOML, each with its period and its source."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings

DEFAULT = Path(__file__).with_name("schedule.toml")
CHILD = "child"
ACCESS_LOG = "access_log"


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

    def ended_by(self, on: date) -> date:
        """The last day whose period has ended by `on` (due on or before it)."""
        try:
            day = on.replace(year=on.year - self.years)
        except ValueError:
            day = on.replace(year=on.year - self.years, day=28)
        # 29 February of a leap year is due on 28 February, with the 28th.
        while self.due(day + timedelta(days=1)) <= on:
            day += timedelta(days=1)
        return day


def path() -> Path:
    chosen = getattr(settings, "CRS_RETENTION_SCHEDULE", "") or os.environ.get(
        "CRS_RETENTION_SCHEDULE", ""
    )
    return Path(chosen) if chosen else DEFAULT


def _read(file: Path) -> dict:
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScheduleError(f"retention schedule {file}: cannot be read ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleError(f"retention schedule {file}: not TOML ({exc})") from exc


def _rule(key: str, body: dict, where: str, states: tuple[str, ...] = ()) -> Rule:
    """A rule from its table, its period and source checked."""
    years = body.get("years")
    if not isinstance(years, int) or isinstance(years, bool) or years < 0:
        raise ScheduleError(f"{where}.years: must be a whole number of years, 0 or more")
    if not str(body.get("source", "")).strip():
        raise ScheduleError(f"{where}.source: say where the period comes from")
    return Rule(key, str(body.get("label", key)), states, years, str(body["source"]))


def load(file: Path | None = None) -> dict[str, Rule]:
    file = file or path()
    data = _read(file)
    rules = {}
    for key, body in (data.get("rules") or {}).items():
        where = f"retention schedule {file}: rules.{key}"
        states = body.get("states")
        if not isinstance(states, list) or not states:
            raise ScheduleError(f"{where}.states: must list the final states it applies to")
        rules[key] = _rule(key, body, where, tuple(states))
    if not rules:
        raise ScheduleError(f"retention schedule {file}: no [rules.*] tables")
    return rules


def access_log(file: Path | None = None) -> Rule:
    """The rule for the access log's entries about no one case (searches, exports of
    many); an entry about a case goes with the case's disposal instead.

    A schedule without an [access_log] table takes crs's default, saying so in the
    source: without a rule such entries would never be erased.
    """
    file = file or path()
    body = _read(file).get(ACCESS_LOG)
    if body is None and file != DEFAULT:
        rule = access_log(DEFAULT)
        note = f" [crs's default: {file} has no [{ACCESS_LOG}] table]"
        return Rule(rule.key, rule.label, (), rule.years, rule.source + note)
    if not isinstance(body, dict):
        raise ScheduleError(f"retention schedule {file}: no [{ACCESS_LOG}] table")
    return _rule(ACCESS_LOG, body, f"retention schedule {file}: {ACCESS_LOG}")


def rule_for(rules: dict[str, Rule], *, state: str, juvenile: bool) -> Rule | None:
    """The rule a case in `state` falls under; None if none applies (an open case)."""
    if juvenile and CHILD in rules and state in rules[CHILD].states:
        return rules[CHILD]
    for key, rule in rules.items():
        if key != CHILD and state in rule.states:
            return rule
    return None
