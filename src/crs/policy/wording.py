"""The pack's periods in words, for the texts that name them.

A rule's text (and a record's) is written with a placeholder where the SOP gives a
period that the pack holds: "offending within the last {window}", not "within the last
12 months". The engine, the batch, the text rendering and the documentation fill it
from the pack they use, so a force's pack with a 24-month window gives reasons that say
24 months, and the default pack's texts read exactly as the SOP's numbers.

    {window}          the history window: "12 months" (2.4.3, 3.5.1)
    {window_adj}      the same before a noun: "12-month"
    {outcomes_limit}  deferred outcomes complete within: "16 weeks" (4.4.4)
    {outcomes_limit_adj}  the same before a noun: "16-week"
    {parent_guardian_limit}  parent or guardian informed within: "24 hours" (3.4.3)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pack import Pack

PLACEHOLDERS = (
    "window",
    "window_adj",
    "outcomes_limit",
    "outcomes_limit_adj",
    "parent_guardian_limit",
)


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def key(pack: Pack) -> tuple[int, int, int]:
    """What the filled texts depend on: packs with the same key read the same."""
    return (pack.window_months, pack.outcomes_weeks, pack.parent_guardian_hours)


def periods(pack: Pack) -> dict[str, str]:
    months, weeks, hours = key(pack)
    return {
        "window": _count(months, "month"),
        "window_adj": f"{months}-month",
        "outcomes_limit": _count(weeks, "week"),
        "outcomes_limit_adj": f"{weeks}-week",
        "parent_guardian_limit": _count(hours, "hour"),
    }


def fill(text: str, pack: Pack) -> str:
    """The text with the pack's periods in place of its placeholders."""
    return text.format_map(periods(pack)) if "{" in text else text


def check(text: str, where: str) -> None:
    """Refuse a text whose braces are not the placeholders above (a typo would otherwise
    surface only when a case first fired the rule)."""
    try:
        text.format_map(dict.fromkeys(PLACEHOLDERS, ""))
    except (KeyError, ValueError, IndexError) as exc:
        raise ValueError(
            f"{where}: the text's placeholders must be {PLACEHOLDERS}: {exc}"
        ) from None
