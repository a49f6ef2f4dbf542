"""Hypothesis strategies for the case facts, derived from `crs.policy.facts.FACTS`.

- `facts_documents()`: valid documents, any subset of the keys, each value of
  the declared kind, and consistent across fields (date of birth < offence
  date <= assessed_on, gravity scores in range and within 1 of each other, a
  drug only for drugs_possession, the flags a category implies). With `near=`
  a valid document, most keys keep that document's value and a few are left
  out or redrawn, so every decision (not only not_eligible) comes up.
- `mutated_documents()`: a valid document with one structural fault (an
  unknown key, a wrong type, a value outside an enum, a malformed date), and
  the dotted path the fault must be reported at.
- `inconsistent_documents()`: a valid document with one impossible value
  across fields, and its path.
- `json_values()`: arbitrary JSON.

Every date is at most `TODAY`, the "today" tests pass for a left-out assessed_on.
"""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from crs.policy.facts import ADULT_MATRIX_AGE, FACTS, IMPLIED_FLAGS, SCORE_RANGE, Field

EARLIEST = date(2023, 7, 1)  # the first policy pack in force
LATEST = date(2025, 12, 31)
TODAY = date(2026, 1, 1)  # after every generated date
SCORES = (min(lo for lo, _ in SCORE_RANGE.values()), max(hi for _, hi in SCORE_RANGE.values()))

# Eligible adult and juvenile cases (tests/policy/scenarios), to draw cases near to.
BASES = json.loads((Path(__file__).parent / "scenarios" / "_bases.json").read_text())

_ABSENT, _VALUE, _NULL = "absent", "value", "null"


def _join(path: str, key: str | int) -> str:
    return f"{path}.{key}" if path else str(key)


def _date_strategies(draw) -> dict[str, st.SearchStrategy[date]]:
    """Dates anchored on one assessment date, so that any subset is consistent."""
    assessed = draw(st.dates(EARLIEST, LATEST))
    # Up to about 14 months before: both sides of the 16-week limit (4.4.4).
    offence = assessed - timedelta(days=draw(st.integers(0, 430)))
    # Ages on both sides of 10 (criminal responsibility) and of 18 (a juvenile).
    years = draw(st.sampled_from((34, 9, 10, 13, 16, 17, 18, 19, 22, 45, 60, 78)))
    born = offence - timedelta(days=years * 365 + draw(st.integers(0, 400)))
    # Earlier outcomes: across the 12-month window (2.4.3, 3.5.1), not before birth.
    earlier = st.dates(max(born, assessed - timedelta(days=6 * 365)), assessed)
    return {
        "assessed_on": st.just(assessed),
        "offence.date": st.just(offence),
        "offender.date_of_birth": st.just(born),
        "offender.previous_outcomes.date": earlier,
        "": earlier,  # a date field added later
    }


def _scalar(spec: Field, path: str, dates: dict) -> st.SearchStrategy:
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "enum":
        return st.sampled_from(spec.options)
    if spec.kind == "int":
        return st.integers(SCORES[0] - 1, SCORES[1] + 1)  # made valid by _fix_gravity
    if spec.kind == "str":
        return st.text(max_size=40)
    if spec.kind == "date":
        return dates.get(path, dates[""]).map(date.isoformat)
    raise AssertionError(spec.kind)


def _item_path(path: str) -> str:
    """The path of a field with list indices left out, for `dates`."""
    return ".".join(p for p in path.split(".") if not p.isdigit())


def _object(draw, spec: Field, path: str, dates: dict) -> dict:
    """Any subset of an object's keys, each with a value of its kind (or null when unknown)."""
    # One draw decides which keys are present (and one which are null), rather
    # than one per key: generation is most of the time these tests take.
    optional = [c for c in spec.children if not c.required]
    present = draw(st.integers(0, 2 ** len(optional) - 1))
    null = draw(st.integers(0, 2 ** len(optional) - 1)) if draw(st.booleans()) else 0
    out: dict[str, Any] = {}
    for child in spec.children:
        if not child.required:
            bit = 1 << optional.index(child)
            if not present & bit:
                continue
            if null & bit and not child.has_default:
                out[child.name] = None  # unknown, said explicitly
                continue
        out[child.name] = _value(draw, child, _join(path, child.name), dates)
    return out


def _value(draw, spec: Field, path: str, dates: dict) -> Any:
    if spec.kind == "object":
        return _object(draw, spec, path, dates)
    if spec.kind == "list":
        count = draw(st.integers(0, 3))
        return [_object(draw, spec, _join(path, i), dates) for i in range(count)]
    return draw(_scalar(spec, _item_path(path), dates))


def _fields(spec: Field, path: str = ""):
    """(path, field) for every field of FACTS, not inside list items."""
    for child in spec.children:
        where = _join(path, child.name)
        yield where, child
        if child.kind == "object":
            yield from _fields(child, where)


_FIELDS = tuple(_fields(FACTS))


def _near(draw, near: dict, dates: dict) -> dict:
    """A few changes to a valid document: keys left out, made null or redrawn."""
    document = copy.deepcopy(near)
    changes = draw(
        st.lists(st.sampled_from(_FIELDS), min_size=1, max_size=3, unique_by=lambda f: f[0])
    )
    for path, spec in changes:
        *groups, key = path.split(".")
        parent = document
        for group in groups:
            if not isinstance(parent.get(group), dict):
                parent[group] = {}
            parent = parent[group]
        # Mostly a new value: a fact left out makes most cases incomplete.
        ways = (_VALUE, _VALUE, _ABSENT) if spec.has_default else (_VALUE, _VALUE, _ABSENT, _NULL)
        way = draw(st.sampled_from(ways))
        if way == _ABSENT:
            parent.pop(key, None)
        elif way == _NULL:
            parent[key] = None
        elif spec.kind in ("bool", "enum"):
            # A different value, so that every change is a change.
            current = parent.get(key, spec.default if spec.has_default else None)
            options = (True, False) if spec.kind == "bool" else spec.options
            parent[key] = draw(st.sampled_from([o for o in options if o != current]))
        else:
            parent[key] = _value(draw, spec, path, dates)
    _redate(draw, document, FACTS, "", dates)
    return document


def _redate(draw, value: Any, spec: Field, path: str, dates: dict) -> None:
    """Every date given in the document, from this case's anchors."""
    if not isinstance(value, dict):
        return
    for child in spec.children:
        where = _join(path, child.name)
        present = value.get(child.name)
        if present is None:
            continue
        if child.kind == "date":
            value[child.name] = draw(_scalar(child, _item_path(where), dates))
        elif child.kind == "object":
            _redate(draw, present, child, where, dates)
        elif child.kind == "list" and isinstance(present, list):
            for i, item in enumerate(present):
                _redate(draw, item, child, _join(where, i), dates)


def _fix_gravity(draw, gravity: dict) -> None:
    low, high = SCORE_RANGE.get(gravity.get("matrix"), SCORES)
    base = gravity.get("base_score")
    if base is not None and not low <= base <= high:
        base = gravity["base_score"] = draw(st.integers(low, high))
    final = gravity.get("final_score")
    if final is not None:
        lo, hi = (low, high) if base is None else (max(low, base - 1), min(high, base + 1))
        if not lo <= final <= hi:
            gravity["final_score"] = draw(st.integers(lo, hi))


def matrix_for(document: dict) -> str | None:
    """The matrix Ruling R29 asks for (by the age on assessed_on, else on TODAY), or None
    when the date of birth is not given."""
    offender = document.get("offender")
    born = offender.get("date_of_birth") if isinstance(offender, dict) else None
    if not born:
        return None
    born = date.fromisoformat(born)
    on = date.fromisoformat(document.get("assessed_on") or TODAY.isoformat())
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return "adult" if age >= ADULT_MATRIX_AGE else "child"


def _make_consistent(draw, document: dict) -> None:
    offence = document.get("offence")
    if not isinstance(offence, dict):
        return
    category = offence.get("category")
    if category != "drugs_possession":
        offence.pop("drug", None)
    flag = IMPLIED_FLAGS.get(category)
    if flag is not None and offence.get(flag) is False:
        offence[flag] = True
    gravity = offence.get("gravity")
    if isinstance(gravity, dict):
        wanted = matrix_for(document)
        if wanted is not None and gravity.get("matrix") is not None:
            gravity["matrix"] = wanted  # Ruling R29
        _fix_gravity(draw, gravity)


@st.composite
def facts_documents(draw, near: dict | None = None) -> dict:
    """A valid facts document (decoded JSON); `near` a valid document to stay close to."""
    dates = _date_strategies(draw)
    document = _object(draw, FACTS, "", dates) if near is None else _near(draw, near, dates)
    _make_consistent(draw, document)
    return document


def json_values(max_leaves: int = 30, keys: st.SearchStrategy[str] | None = None):
    """Any JSON value (as decoded): big integers and awkward text included."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text()
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=5)
            | st.dictionaries(st.text() if keys is None else keys, inner, max_size=5)
        ),
        max_leaves=max_leaves,
    )


# --- Faults ------------------------------------------------------------------------------


def _positions(value: Any, spec: Field, path: str):
    """Every (object, field, path) of the document where a key of `spec` can be set."""
    if not isinstance(value, dict):
        return
    for child in spec.children:
        where = _join(path, child.name)
        yield value, child, where
        present = value.get(child.name)
        if child.kind == "object":
            yield from _positions(present, child, where)
        elif child.kind == "list" and isinstance(present, list):
            for i, item in enumerate(present):
                yield from _positions(item, child, _join(where, i))


def _objects(value: Any, spec: Field, path: str):
    """Every (object, field) of the document: where an unknown key can go."""
    if not isinstance(value, dict):
        return
    yield value, spec, path
    for child in spec.children:
        present = value.get(child.name)
        where = _join(path, child.name)
        if child.kind == "object":
            yield from _objects(present, child, where)
        elif child.kind == "list" and isinstance(present, list):
            for i, item in enumerate(present):
                yield from _objects(item, child, _join(where, i))


_NOT_BOOL = st.sampled_from([0, 1, "true", "false", "yes", 1.0, [], {}])
# 2.0 is the whole number 2 (JSON Schema says so; decision 0012): not a wrong value.
_NOT_INT = st.sampled_from([1.5, 2.5, True, False, "1", [1], {}])
_NOT_TEXT = st.sampled_from([1, 0.5, True, [], {}, ["a"]])
_BAD_DATES = st.sampled_from(
    [
        "2024-02-30",
        "20240301",
        "2024-W09-5",
        "2024-3-1",
        "2024-03-01T00:00:00",
        "01/03/2024",
        "2024-13-01",
        "",
        "２０２４-03-01",
        " 2024-03-01",
    ]
)


def _wrong_value(spec: Field) -> st.SearchStrategy:
    """A value of the wrong type (or outside the enum, or not a real date) for a field."""
    # null is a wrong value only where the field is required or has a default.
    null = [st.none()] if spec.required or spec.has_default else []
    if spec.kind == "bool":
        choices = [_NOT_BOOL]
    elif spec.kind == "int":
        choices = [_NOT_INT]
    elif spec.kind == "str":
        choices = [_NOT_TEXT]
    elif spec.kind == "date":
        choices = [_BAD_DATES, _NOT_TEXT]
    elif spec.kind == "enum":
        outside = st.one_of(
            st.sampled_from(spec.options).map(str.upper),
            st.sampled_from(spec.options).map(lambda o: f" {o}"),
            st.text(max_size=12),
        ).filter(lambda s: s not in spec.options)
        choices = [outside, _NOT_TEXT]
    elif spec.kind == "object":
        choices = [st.sampled_from([[], "x", 1, True, [{}]])]
    else:  # list
        choices = [st.sampled_from([{}, "x", 1, True]), st.just([1]), st.just(["x"])]
    return st.one_of(*choices, *null)


@st.composite
def mutated_documents(draw, near: dict | None = None) -> tuple[dict, str, str]:
    """(document, path, fault): a valid document with one structural fault at path."""
    document = draw(facts_documents(near=near))
    fault = draw(st.sampled_from(("unknown_key", "wrong_value", "not_an_object")))
    if fault == "not_an_object":
        return draw(st.sampled_from([[], [document], "facts", 1, None, True])), "(facts)", fault
    if fault == "unknown_key":
        target, spec, path = draw(st.sampled_from(list(_objects(document, FACTS, ""))))
        names = {c.name for c in spec.children}
        # Printable, as the parser writes other characters escaped in the path it reports.
        key = draw(
            st.text(min_size=1, max_size=20).filter(lambda k: k.isprintable() and k not in names)
        )
        target[key] = draw(json_values(max_leaves=3))
        return document, _join(path, key), fault
    target, spec, path = draw(st.sampled_from(list(_positions(document, FACTS, ""))))
    value = target[spec.name] = draw(_wrong_value(spec))
    if spec.kind == "list" and isinstance(value, list):
        path = _join(path, 0)  # a list whose first item is not an object
    return document, path, fault


def _ensure(document: dict, group: str) -> dict:
    if not isinstance(document.get(group), dict):
        document[group] = {}
    return document[group]


@st.composite
def inconsistent_documents(draw, near: dict | None = None) -> tuple[dict, str]:
    """(document, path): a valid document made impossible across fields at path."""
    document = draw(facts_documents(near=near))
    on = date.fromisoformat(document.get("assessed_on") or TODAY.isoformat())
    later = st.integers(1, 3000).map(lambda n: (on + timedelta(days=n)).isoformat())
    fault = draw(
        st.sampled_from(
            (
                "offence_after_assessment",
                "born_after_offence",
                "score_out_of_range",
                "scores_apart",
                "drug_not_possession",
                "implied_flag_false",
                "previous_after_assessment",
                "previous_before_birth",
                "matrix_for_another_age",
            )
        )
    )
    if fault == "matrix_for_another_age":
        offender = _ensure(document, "offender")
        if not offender.get("date_of_birth"):
            anchor = _ensure(document, "offence").get("date") or on.isoformat()
            years = draw(st.sampled_from((12, 17, 18, 30)))
            born = date.fromisoformat(anchor) - timedelta(days=years * 365 + 100)
            offender["date_of_birth"] = born.isoformat()
        previous = offender.get("previous_outcomes")
        if isinstance(previous, list):  # none before the birth just given
            offender["previous_outcomes"] = [
                p for p in previous if not (isinstance(p, dict) and p.get("date"))
            ]
        other = "child" if matrix_for(document) == "adult" else "adult"
        offence = _ensure(document, "offence")
        offence["gravity"] = {"matrix": other}
        return document, "offence.gravity.matrix"
    if fault == "offence_after_assessment":
        _ensure(document, "offence")["date"] = draw(later)
        return document, "offence.date"
    if fault == "born_after_offence":
        offence, offender = _ensure(document, "offence"), _ensure(document, "offender")
        anchor = offence.get("date") or on.isoformat()
        days = draw(st.integers(1, 3000))
        offender["date_of_birth"] = (date.fromisoformat(anchor) + timedelta(days=days)).isoformat()
        return document, "offender.date_of_birth"
    if fault == "previous_after_assessment":
        offender = _ensure(document, "offender")
        previous = offender.get("previous_outcomes")
        if not isinstance(previous, list):
            previous = offender["previous_outcomes"] = []
        previous.append({"outcome": draw(st.sampled_from(_options("outcome"))), "date": ""})
        previous[-1]["date"] = draw(later)
        return document, f"offender.previous_outcomes.{len(previous) - 1}.date"
    if fault == "previous_before_birth":
        offender = _ensure(document, "offender")
        if not offender.get("date_of_birth"):
            anchor = _ensure(document, "offence").get("date") or on.isoformat()
            offender["date_of_birth"] = (
                date.fromisoformat(anchor) - timedelta(days=7000)
            ).isoformat()
        born = date.fromisoformat(offender["date_of_birth"])
        previous = offender.get("previous_outcomes")
        if not isinstance(previous, list):
            previous = offender["previous_outcomes"] = []
        days = draw(st.integers(1, 3000))
        outcome = draw(st.sampled_from(_options("outcome")))
        previous.append({"outcome": outcome, "date": (born - timedelta(days=days)).isoformat()})
        return document, f"offender.previous_outcomes.{len(previous) - 1}.date"
    offence = _ensure(document, "offence")
    if fault == "drug_not_possession":
        others = [c for c in _options("category") if c != "drugs_possession"]
        offence["category"] = draw(st.sampled_from(others))
        offence["drug"] = {}
        _make_flags_consistent(offence)
        return document, "offence.drug"
    if fault == "implied_flag_false":
        category, flag = draw(st.sampled_from(sorted(IMPLIED_FLAGS.items())))
        offence["category"] = category
        offence.pop("drug", None)
        offence[flag] = False
        return document, f"offence.{flag}"
    gravity = offence["gravity"] = {}
    wanted = matrix_for(document)  # Ruling R29: a matrix the age allows, or none
    matrix = draw(st.sampled_from((None, *SCORE_RANGE) if wanted is None else (None, wanted)))
    if matrix is not None:
        gravity["matrix"] = matrix
    low, high = SCORE_RANGE.get(matrix, SCORES)
    if fault == "score_out_of_range":
        name = draw(st.sampled_from(("base_score", "final_score")))
        gravity[name] = draw(st.integers(max_value=low - 1) | st.integers(min_value=high + 1))
        return document, f"offence.gravity.{name}"
    base = draw(st.integers(low, high - 2))
    gravity["base_score"], gravity["final_score"] = base, draw(st.integers(base + 2, high))
    if draw(st.booleans()):
        gravity["base_score"], gravity["final_score"] = gravity["final_score"], base
    return document, "offence.gravity.final_score"


def _options(name: str) -> tuple[str, ...]:
    """The options of the first enum field called `name` in FACTS."""
    stack = [FACTS]
    while stack:
        spec = stack.pop(0)
        if spec.name == name and spec.kind == "enum":
            return spec.options
        stack.extend(spec.children)
    raise KeyError(name)


def _make_flags_consistent(offence: dict) -> None:
    flag = IMPLIED_FLAGS.get(offence.get("category"))
    if flag is not None and offence.get(flag) is False:
        offence[flag] = True
