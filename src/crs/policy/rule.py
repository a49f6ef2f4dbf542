"""What a rule is: a small function of the case, with its source attached.

    @rule("2.3.2", code="knife_offence", effect=EXCLUDES, rulings=("R6",),
          text="Knife crime: prosecution is assumed ...")
    def knife_offence(c):
        \"\"\"“The automatic assumption for knife crime is prosecution” ...\"\"\"
        ...

The docstring opens with a verbatim phrase of the SOP between “curly quotes”
(a test checks it occurs in the SOP). The function returns True when the rule
fires, a false value when it does not, or `Missing(paths)` when a fact it
needs is unknown: an unknown fact never passes. It may return `Fired(...)` to
add a detail, a disposal or an authority decided at run time.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from . import wording

EXCLUDES = "excludes"
REQUIRES = "requires_authorisation"
ESCALATES = "escalates"
INFORMS = "informs"
EFFECTS = (EXCLUDES, REQUIRES, ESCALATES, INFORMS)


@dataclass(frozen=True, slots=True)
class Missing:
    paths: tuple[str, ...]

    def __bool__(self) -> bool:  # a Missing is never "fired"
        return False


def missing(*paths: str) -> Missing:
    # A Missing cannot change, so each is made once: rules return them for every
    # case that leaves a fact out (the hot path of `crs assess --batch`).
    found = _MISSING.get(paths)
    if found is None:
        if len(_MISSING) > 10_000:  # paths with list indices: bounded all the same
            _MISSING.clear()
        found = _MISSING[paths] = Missing(paths)
    return found


_MISSING: dict[tuple[str, ...], Missing] = {}


@dataclass(frozen=True, slots=True)
class Fired:
    detail: str = ""
    disposal: str | None = None
    authority: str | None = None


@dataclass(frozen=True, slots=True, eq=False)  # declared once: equal only to itself
class Topic:
    """What a case must have for some rules to say anything about it.

    `live` is a Python expression over the case `c` (`o` its offence, `p` its
    offender) that is true whenever any rule of the topic could fire or miss a
    fact: the first thing those rules check, written beside them. The engine
    skips the rules of a topic that is not live, for speed only; it joins every
    topic's expression into one function (`engine._live_topics`), as a call per
    topic would cost the batch (docs/decisions/0008-engine-speed.md).
    """

    name: str
    live: str


_TOPICS: dict[str, Topic] = {}


def topic(name: str, live: str) -> Topic:
    if name in _TOPICS:
        raise ValueError(f"topic {name} is declared twice")
    compile(live, f"<topic {name}>", "eval")  # a slip shows at import, not at the first case
    found = _TOPICS[name] = Topic(name, " ".join(live.split()))
    return found


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    paragraph: str
    effect: str
    text: str  # may hold the pack's periods as placeholders: `wording.fill` it with the pack
    sop: str  # the SOP's own words, quoted in the docstring
    fn: Callable
    rulings: tuple[str, ...] = ()
    authority: str | None = None  # a key of the pack's [authority] table
    disposal: str | None = None  # recommended instead of a CR, when this excludes
    records: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()  # the facts it reads, shown with the reason
    # Rulings it names only on the cases where they decide something, by noting them on
    # the case (`c.noted`); declared here so that the coverage map can show them.
    notes: tuple[str, ...] = ()
    # A rule with a topic cannot fire, nor miss a fact, unless its topic is live in
    # the case: the engine skips it otherwise, for speed only.
    topic: Topic | None = None
    order: tuple[int, ...] = field(default=(), compare=False)
    # Where `rule(...)` is called: (absolute file, line). The docs link a rule to it; it is
    # the decorator's line, or the call in a loop for rules made from one table.
    declared_at: tuple[str, int] = field(default=("", 0), compare=False)


RULES: list[Rule] = []
_QUOTE = re.compile(r"“([^”]+)”")


def paragraph_key(paragraph: str) -> tuple[int, ...]:
    return tuple(int(p) for p in paragraph.strip(".").split("."))


def rule(
    paragraph: str,
    *,
    code: str,
    effect: str,
    text: str,
    rulings: tuple[str, ...] = (),
    authority: str | None = None,
    disposal: str | None = None,
    records: tuple[str, ...] = (),
    uses: tuple[str, ...] = (),
    topic: Topic | None = None,
    notes: tuple[str, ...] = (),
):
    if effect not in EFFECTS:
        raise ValueError(f"rule {code}: unknown effect {effect!r}")
    if effect == REQUIRES and authority is None:
        raise ValueError(f"rule {code}: an authorisation rule must name its authority")
    wording.check(text, f"rule {code}")
    if topic is not None and not isinstance(topic, Topic):
        raise ValueError(f"rule {code}: a topic is declared with `topic(...)`, not named")
    caller = sys._getframe(1)  # the declaration, not `fn`: rules made in a loop share one fn
    declared_at = (caller.f_code.co_filename, caller.f_lineno)

    def register(fn: Callable) -> Callable:
        quote = _QUOTE.search(fn.__doc__ or "")
        if quote is None:
            raise ValueError(f"rule {code}: the docstring must quote the SOP in “...”")
        if any(r.code == code for r in RULES):
            raise ValueError(f"rule code {code} is used twice")
        RULES.append(
            Rule(
                code=code,
                paragraph=paragraph,
                effect=effect,
                text=text,
                sop=" ".join(quote.group(1).split()),
                fn=fn,
                rulings=rulings,
                authority=authority,
                disposal=disposal,
                records=records,
                uses=uses,
                notes=notes,
                topic=topic,
                order=paragraph_key(paragraph),
                declared_at=declared_at,
            )
        )
        return fn

    return register
