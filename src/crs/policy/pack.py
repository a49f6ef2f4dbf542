"""Policy packs: the force's numbers and choices, as versioned data.

A pack is a TOML file (see packs/o32g-2023-07.toml). It is validated on load;
an error names the key. Packs of one policy are ordered by `effective_from`
and an assessment uses the one in force on its `assessed_on`.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .authorities import AUTHORITIES
from .facts import SCORE_RANGE
from .rule import RULES as REGISTERED

PACKS_DIR = Path(__file__).parent / "packs"
DEFAULT_POLICY = "O32g"
DISPOSALS = ("charge", "conditional_caution", "no_further_action")
AUTHORITY_KEYS = (
    "knife_exceptional",
    "sexual_exceptional",
    "traffic_exceptional",
    "pre_charge_bail",
    "class_a_adult",
    "class_a_juvenile",
    "repeat_cr",
    "non_intimate_domestic_abuse",
    "domestic_abuse_juvenile",
    "hate_crime",
    "gravity_departure",
    "vulnerable",
    "previous_sanction_adult",
    "previous_sanction_juvenile",
    "criteria_not_met",
    "victim_not_consenting",
    "juvenile_in_place_of_sergeant",
)


class PackError(ValueError):
    """A pack that cannot be used: `key` names the offending key (dotted)."""

    def __init__(self, source: str, key: str, problem: str):
        super().__init__(f"{source}: {key}: {problem}")
        self.key = key


@dataclass(frozen=True, slots=True)
class Matrix:
    cr_scores: frozenset[int]
    departure_scores: frozenset[int]
    excluded: dict[int, str | None]  # score -> disposal recommended (None: none indicated)
    # score -> the outcome the matrix indicates, named in the reason where the contract has
    # no disposal for it (Ruling R30: a youth caution, a youth conditional caution)
    indicates: dict[int, str]


@dataclass(frozen=True, slots=True)
class Remedy:
    id: str
    label: str
    instant: bool


@dataclass(frozen=True, slots=True)
class Ruling:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    text: str
    see: tuple[str, ...] = ()  # the rulings (or "contract") it builds on


@dataclass(frozen=True, slots=True)
class Pack:
    policy: str
    version: str
    effective_from: date
    title: str
    source: str
    digest: str  # sha256 of the file, so a stored decision names exactly what it used
    path: str
    age_criminal_responsibility: int
    age_adult: int
    outcomes_weeks: int
    parent_guardian_hours: int
    window_months: int
    repeat_cr_limit: int
    repeat_cr_disposal: str
    escalation_substances: frozenset[str]
    authority: dict[str, str]
    hate_crime_max_adult_score: int
    matrices: dict[str, Matrix]
    community_remedy: tuple[Remedy, ...]
    rulings: dict[str, Ruling]

    @property
    def outcomes_days(self) -> int:
        return self.outcomes_weeks * 7


class _Reader:
    """Typed access to a TOML table that names the key in every error."""

    def __init__(self, source: str, data: dict, prefix: str = ""):
        self.source, self.data, self.prefix = source, data, prefix
        self.seen: set[str] = set()

    def fail(self, key: str, problem: str):
        raise PackError(self.source, self.prefix + key, problem)

    def get(self, key: str, kind: type | tuple, *, choices=None) -> Any:
        self.seen.add(key)
        if key not in self.data:
            self.fail(key, "is required")
        value = self.data[key]
        if kind is int and (type(value) is not int):
            self.fail(key, f"must be a whole number, got {value!r}")
        if kind is not int and not isinstance(value, kind):
            name = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            self.fail(key, f"must be {name}, got {value!r}")
        if choices is not None and value not in choices:
            self.fail(key, f"must be one of {', '.join(choices)}; got {value!r}")
        return value

    def table(self, key: str) -> _Reader:
        return _Reader(self.source, self.get(key, dict), f"{self.prefix}{key}.")

    def done(self) -> None:
        extra = sorted(set(self.data) - self.seen)
        if extra:
            self.fail(extra[0], "unknown key")


def _matrix(r: _Reader, name: str) -> Matrix:
    m = r.table(name)
    low, high = SCORE_RANGE[name]

    def scores(key: str) -> frozenset[int]:
        values = m.get(key, list)
        for v in values:
            if type(v) is not int or not low <= v <= high:
                m.fail(key, f"scores must be whole numbers from {low} to {high}, got {v!r}")
        return frozenset(values)

    cr, departure = scores("cr_scores"), scores("departure_scores")
    ex = m.table("excluded")
    excluded: dict[int, str | None] = {}
    for key in list(ex.data):
        if not key.isdigit() or not low <= int(key) <= high:
            ex.fail(key, f"must be a score from {low} to {high}")
        disposal = ex.get(key, str, choices=("", *DISPOSALS))
        excluded[int(key)] = disposal or None
    ex.done()
    indicates: dict[int, str] = {}
    if "indicates" in m.data:
        ind = m.table("indicates")
        for key in list(ind.data):
            if not key.isdigit() or int(key) not in excluded:
                ind.fail(key, "must be a score in excluded")
            indicates[int(key)] = ind.get(key, str)
        ind.done()
    m.done()
    for score in range(low, high + 1):
        places = (score in cr) + (score in departure) + (score in excluded)
        if places != 1:
            m.fail(
                "cr_scores",
                f"score {score} must be in exactly one of cr_scores, departure_scores and "
                f"excluded (it is in {places})",
            )
    return Matrix(cr, departure, excluded, indicates)


def _toml(text: bytes, source: str) -> dict:
    try:
        return tomllib.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PackError(source, "(file)", f"not valid TOML: {exc}") from None


def _merged(base: dict, over: dict) -> dict:
    """`over` laid on `base`: tables merge key by key, anything else replaces."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def _resolve_extends(data: dict, source: str, depth: int = 0) -> tuple[dict, bytes]:
    """A pack may extend another (`extends = "o32g-2023-07"`, a file stem in the
    shipped packs or a path beside the pack) and give only what it changes."""
    base_name = data.pop("extends", None)
    if base_name is None:
        return data, b""
    if not isinstance(base_name, str) or depth > 5:
        raise PackError(source, "extends", "must name one pack file (and not loop)")
    here = Path(source).parent
    candidates = [here / base_name, here / f"{base_name}.toml", PACKS_DIR / f"{base_name}.toml"]
    path = next((c for c in candidates if c.is_file()), None)
    if path is None:
        raise PackError(source, "extends", f"no pack {base_name!r} beside it or shipped")
    base_text = path.read_bytes()
    base, deeper = _resolve_extends(_toml(base_text, str(path)), str(path), depth + 1)
    return _merged(base, data), deeper + base_text


def parse_pack(text: bytes, source: str = "pack") -> Pack:
    """Validate a pack's TOML text and return it."""
    data, base_text = _resolve_extends(_toml(text, source), source)
    text = base_text + text  # the digest covers what the pack extends, too
    r = _Reader(source, data)
    policy = r.get("policy", str)
    version = r.get("version", str)
    raw_from = r.get("effective_from", (date, str))
    try:
        effective_from = raw_from if isinstance(raw_from, date) else date.fromisoformat(raw_from)
    except ValueError:
        r.fail("effective_from", f"must be a date YYYY-MM-DD, got {raw_from!r}")
    title, src = r.get("title", str), r.get("source", str)

    ages, deadlines, history = r.table("ages"), r.table("deadlines"), r.table("history")
    age_cr, age_adult = ages.get("criminal_responsibility", int), ages.get("adult", int)
    if not 0 < age_cr < age_adult:
        ages.fail("adult", "must be above criminal_responsibility")
    weeks, hours = deadlines.get("outcomes_weeks", int), deadlines.get("parent_guardian_hours", int)
    window, limit = history.get("window_months", int), history.get("repeat_cr_limit", int)
    for reader, key, value in (
        (deadlines, "outcomes_weeks", weeks),
        (deadlines, "parent_guardian_hours", hours),
        (history, "window_months", window),
    ):
        if value < 1:
            reader.fail(key, "must be at least 1")
    if limit < 2:
        history.fail("repeat_cr_limit", "must be at least 2 (one previous CR needs authority)")
    repeat_disposal = history.get("repeat_cr_disposal", str, choices=DISPOSALS)
    substances = history.get("escalation_substances", list)
    for s in substances:
        if s not in ("cannabis", "khat", "other"):
            history.fail("escalation_substances", f"unknown substance {s!r}")

    auth = r.table("authority")
    authority = {k: auth.get(k, str, choices=AUTHORITIES) for k in AUTHORITY_KEYS}
    gravity = r.table("gravity")
    hate_max = gravity.get("hate_crime_max_adult_score", int)
    matrices = {name: _matrix(gravity, name) for name in ("adult", "child")}

    remedies = []
    for i, item in enumerate(r.get("community_remedy", list)):
        if not isinstance(item, dict):
            r.fail(f"community_remedy.{i}", "must be a table")
        rr = _Reader(source, item, f"community_remedy.{i}.")
        remedies.append(Remedy(rr.get("id", str), rr.get("label", str), rr.get("instant", bool)))
        rr.done()
    if len({x.id for x in remedies}) != len(remedies):
        r.fail("community_remedy", "ids must be unique")

    rulings_table = r.table("rulings")
    rulings = {}
    for rid in list(rulings_table.data):
        t = rulings_table.table(rid)
        see = tuple(t.get("see", list)) if "see" in t.data else ()
        rulings[rid] = Ruling(
            rid, t.get("title", str), tuple(t.get("paragraphs", list)), t.get("text", str), see
        )
        t.done()
    rulings_table.done()
    for reader in (ages, deadlines, history, auth, gravity, r):
        reader.done()
    pack = Pack(
        policy=policy,
        version=version,
        effective_from=effective_from,
        title=title,
        source=src,
        digest=hashlib.sha256(text).hexdigest(),
        path=source,
        age_criminal_responsibility=age_cr,
        age_adult=age_adult,
        outcomes_weeks=weeks,
        parent_guardian_hours=hours,
        window_months=window,
        repeat_cr_limit=limit,
        repeat_cr_disposal=repeat_disposal,
        escalation_substances=frozenset(substances),
        authority=authority,
        hate_crime_max_adult_score=hate_max,
        matrices=matrices,
        community_remedy=tuple(remedies),
        rulings=rulings,
    )
    _check_rulings_cited(pack, r)
    return pack


def _check_rulings_cited(pack: Pack, r: _Reader) -> None:
    # Every rule is registered by now: crs.policy loads the engine, and so the rules, before
    # anything can load a pack.
    for rule in REGISTERED:
        for rid in rule.rulings:
            if rid not in pack.rulings:
                r.fail(f"rulings.{rid}", f"is required: rule {rule.code} applies it")


def load_pack(path: str | os.PathLike) -> Pack:
    p = Path(path)
    try:
        text = p.read_bytes()
    except OSError as exc:
        raise PackError(str(p), "(file)", exc.strerror or str(exc)) from None
    return parse_pack(text, str(p))


_CACHE: dict[str, tuple[Pack, ...]] = {}


def packs_in(directory: str | os.PathLike | None = None) -> tuple[Pack, ...]:
    """Every pack in a directory (default: the shipped packs, or $CRS_POLICY_PACKS)."""
    d = str(directory or os.environ.get("CRS_POLICY_PACKS") or PACKS_DIR)
    if d not in _CACHE:
        found = tuple(load_pack(p) for p in sorted(Path(d).glob("*.toml")))
        _CACHE[d] = tuple(sorted(found, key=lambda k: (k.policy, k.effective_from)))
    return _CACHE[d]


def pack_for(on: date, policy: str = DEFAULT_POLICY, directory=None) -> Pack:
    """The pack of `policy` in force on a date.

    Before the first pack's effective date the first pack is used: the
    software has no earlier version of the policy to apply.
    """
    candidates = [p for p in packs_in(directory) if p.policy == policy]
    if not candidates:
        raise PackError(str(directory or PACKS_DIR), "policy", f"no pack for policy {policy!r}")
    in_force = [p for p in candidates if p.effective_from <= on]
    return in_force[-1] if in_force else candidates[0]
