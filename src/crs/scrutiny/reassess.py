"""The annual policy review: what would change if every stored case were decided under a new pack.

Each case's current assessment (its latest) keeps the facts the engine read and
the result it gave. The review parses those facts with the engine's own parser,
assesses them under the new pack, and compares with what is stored: the decision,
the recommended disposal, each authority required (Rulings R1, R3), each rule that
gave a reason and each ruling applied. A case counts as changed when any of them
would change, so a wider window that only adds a reason is never "unchanged".

The new pack is applied whatever its effective date: the question is "what would
this policy decide on these facts", not "which pack was in force then". Each case
keeps the `assessed_on` it was assessed on, so windows and ages count from the
same day as before.

Speed (docs/performance.md, at least 10,000 cases a second): rows are streamed as
text, never as Django objects; a facts document seen before is not parsed or
assessed again (one case's facts are often the same as another's once the
previous-outcome matching has found nothing); and a long run is split by
primary key over worker processes, each with its own database connection.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import orjson
from django.db import connection, connections
from django.db.models import Exists, Func, Max, Min, OuterRef, TextField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from crs.cases.models import Assessment
from crs.policy import FactsError, Pack, assess, parse_facts
from crs.policy.engine import templates
from crs.private_files import open_private

CHUNK = 5_000
CACHE_LIMIT = 200_000  # entries per cache before it is emptied; bounds memory on any history
PARALLEL_FROM = 20_000  # cases; below this one process is quicker than starting more

DECISION_AND_AUTHORITY = "decision and authority"
DECISION_ONLY = "decision only"
AUTHORITY_ONLY = "authority only"
RECOMMENDATION_ONLY = "recommended disposal only"
EXPLANATION_ONLY = "reasons or rulings only"
CHANGE_KINDS = (
    DECISION_AND_AUTHORITY,
    DECISION_ONLY,
    AUTHORITY_ONLY,
    RECOMMENDATION_ONLY,
    EXPLANATION_ONLY,
)

CSV_HEADER = (
    "crime_reference",
    "assessed_on",
    "change",
    "old_decision",
    "new_decision",
    "old_authorities",
    "new_authorities",
    "reasons_added",
    "reasons_removed",
    "old_recommended_disposal",
    "new_recommended_disposal",
    "authorities_added",
    "authorities_removed",
    "rulings_added",
    "rulings_removed",
)


@dataclass(frozen=True, slots=True)
class Changed:
    """One case whose decision or authority would change."""

    crime_reference: str
    assessed_on: str
    kind: str
    old_decision: str
    new_decision: str
    old_authorities: tuple[str, ...]
    new_authorities: tuple[str, ...]
    reasons_added: tuple[str, ...]
    reasons_removed: tuple[str, ...]
    old_recommended: str = ""
    new_recommended: str = ""
    rulings_added: tuple[str, ...] = ()
    rulings_removed: tuple[str, ...] = ()

    @property
    def authorities_added(self) -> tuple[str, ...]:
        return tuple(a for a in self.new_authorities if a not in self.old_authorities)

    @property
    def authorities_removed(self) -> tuple[str, ...]:
        return tuple(a for a in self.old_authorities if a not in self.new_authorities)

    def row(self) -> tuple[str, ...]:
        return (
            self.crime_reference,
            self.assessed_on,
            self.kind,
            self.old_decision,
            self.new_decision,
            " ".join(self.old_authorities),
            " ".join(self.new_authorities),
            " ".join(self.reasons_added),
            " ".join(self.reasons_removed),
            self.old_recommended,
            self.new_recommended,
            " ".join(self.authorities_added),
            " ".join(self.authorities_removed),
            " ".join(self.rulings_added),
            " ".join(self.rulings_removed),
        )


@dataclass
class Report:
    pack: Pack
    since: date | None
    cases: int = 0
    changed: list[Changed] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    decisions: Counter = field(default_factory=Counter)  # (old, new) -> cases
    added: Counter = field(default_factory=Counter)  # rule code -> changed cases gaining it
    removed: Counter = field(default_factory=Counter)
    recommended: Counter = field(default_factory=Counter)  # (old, new) -> cases
    authorities_added: Counter = field(default_factory=Counter)  # authority -> cases
    authorities_removed: Counter = field(default_factory=Counter)
    rulings_added: Counter = field(default_factory=Counter)  # ruling id -> cases
    rulings_removed: Counter = field(default_factory=Counter)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (reference, problem)

    def _counters(self) -> tuple[Counter, ...]:
        return (
            self.kinds,
            self.decisions,
            self.added,
            self.removed,
            self.recommended,
            self.authorities_added,
            self.authorities_removed,
            self.rulings_added,
            self.rulings_removed,
        )

    def merge(self, other: Report) -> None:
        self.cases += other.cases
        self.changed.extend(other.changed)
        for mine, theirs in zip(self._counters(), other._counters(), strict=True):
            mine.update(theirs)
        self.unreadable.extend(other.unreadable)

    @property
    def unchanged(self) -> int:
        return self.cases - len(self.changed) - len(self.unreadable)


class Reviewer:
    """Compares stored results with the new pack's, remembering what it has worked out."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self._new: dict[str, tuple] = {}
        self._old: dict[tuple[str, str], tuple] = {}

    def new_result(self, facts_text: str) -> tuple | str:
        """(decision, authorities, reason codes, recommended disposal, rulings) under the
        new pack, or the parser's error."""
        found = self._new.get(facts_text)
        if found is None:
            if len(self._new) >= CACHE_LIMIT:
                self._new.clear()
            try:
                facts = parse_facts(orjson.loads(facts_text))
            except FactsError as exc:
                found = str(exc)
            except orjson.JSONDecodeError as exc:
                found = f"the stored facts are not JSON: {exc}"
            else:
                result = assess(facts, self.pack)
                found = (
                    result["decision"],
                    tuple(result["authorities_required"]),
                    frozenset(r["code"] for r in result["reasons"]),
                    result.get("recommended_disposal") or "",
                    frozenset(result.get("interpretations") or ()),
                )
            self._new[facts_text] = found
        return found

    def old_result(
        self, codes_text: str | None, authorities_text: str | None, rulings_text: str | None
    ) -> tuple:
        """(authorities, reason codes, rulings) of a stored result, from its arrays as text."""
        key = (codes_text or "", authorities_text or "", rulings_text or "")
        found = self._old.get(key)
        if found is None:
            if len(self._old) >= CACHE_LIMIT:
                self._old.clear()
            codes = orjson.loads(codes_text) if codes_text else []
            authorities = orjson.loads(authorities_text) if authorities_text else []
            rulings = orjson.loads(rulings_text) if rulings_text else []
            found = self._old[key] = (
                tuple(authorities or ()),
                frozenset(c for c in codes or () if c),
                frozenset(rulings or ()),
            )
        return found

    def review(self, rows, report: Report) -> None:
        """Add rows (reference, assessed_on, decision, facts, reason codes, authorities,
        recommended disposal, rulings)."""
        new_result, old_result = self.new_result, self.old_result
        changed, kinds = report.changed, report.kinds
        n = 0
        for row in rows:
            reference, assessed_on, old_decision, facts_text = row[:4]
            codes_text, auth_text, old_recommended, rulings_text = row[4:]
            n += 1
            new = new_result(facts_text)
            if new.__class__ is str:
                report.unreadable.append((reference, new))
                continue
            new_decision, new_auth, new_codes, new_recommended, new_rulings = new
            old_auth, old_codes, old_rulings = old_result(codes_text, auth_text, rulings_text)
            old_recommended = old_recommended or ""
            decision_moves = new_decision != old_decision
            authority_moves = new_auth != old_auth
            kind = (
                (DECISION_AND_AUTHORITY if authority_moves else DECISION_ONLY)
                if decision_moves
                else AUTHORITY_ONLY
                if authority_moves
                else RECOMMENDATION_ONLY
                if new_recommended != old_recommended
                else EXPLANATION_ONLY
                if new_codes != old_codes or new_rulings != old_rulings
                else None
            )
            if kind is None:
                continue
            case = Changed(
                reference,
                str(assessed_on),
                kind,
                old_decision,
                new_decision,
                old_auth,
                new_auth,
                tuple(sorted(new_codes - old_codes)),
                tuple(sorted(old_codes - new_codes)),
                old_recommended,
                new_recommended,
                tuple(sorted(new_rulings - old_rulings)),
                tuple(sorted(old_rulings - new_rulings)),
            )
            changed.append(case)
            kinds[kind] += 1
            if decision_moves:
                report.decisions[(old_decision, new_decision)] += 1
            if new_recommended != old_recommended:
                report.recommended[(old_recommended, new_recommended)] += 1
            report.added.update(case.reasons_added)
            report.removed.update(case.reasons_removed)
            report.authorities_added.update(case.authorities_added)
            report.authorities_removed.update(case.authorities_removed)
            report.rulings_added.update(case.rulings_added)
            report.rulings_removed.update(case.rulings_removed)
        report.cases += n


def current_assessments(since: date | None = None):
    """Each case's latest assessment (assessed on or after `since`).

    "No later assessment of the same case" is one anti-join, cheaper on a force's
    history than comparing with each case's maximum id.
    """
    later = Assessment.objects.filter(case_id=OuterRef("case_id"), id__gt=OuterRef("id"))
    rows = Assessment.objects.filter(~Exists(later))
    if since is not None:
        rows = rows.filter(assessed_on__gte=since)
    return rows


class ReasonCodes(Func):
    """The codes of a stored result's reasons, as a JSON array in text, worked out by the
    database: the reasons' texts (most of a result) then never leave it."""

    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "jsonb_path_query_array(%(expressions)s, '$.reasons[*].code')::text"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        template = (
            "(SELECT json_group_array(json_extract(value, '$.code')) "
            "FROM json_each(%(expressions)s, '$.reasons'))"
        )
        return self.as_sql(compiler, connection, template=template, **extra)


def _rows(queryset):
    # No ORDER BY: sorting rows that carry whole facts documents spills to disk on a
    # force's history, and the report is sorted by crime reference at the end anyway.
    return (
        queryset.order_by()
        .values_list(
            "case__crime_reference",
            "assessed_on",
            "decision",
            Cast("facts", output_field=TextField()),
            ReasonCodes("result"),
            KT("result__authorities_required"),
            KT("result__recommended_disposal"),
            KT("result__interpretations"),
            named=False,
        )
        .iterator(chunk_size=CHUNK)
    )


def _review_range(pack: Pack, since: date | None, lo: int, hi: int) -> Report:
    report = Report(pack, since)
    Reviewer(pack).review(_rows(current_assessments(since).filter(id__gte=lo, id__lt=hi)), report)
    return report


def _in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def default_workers(cases: int) -> int:
    if cases < PARALLEL_FROM or _in_memory_sqlite():
        return 1
    return max(1, min(os.cpu_count() or 1, cases // (PARALLEL_FROM // 2)))


def review(pack: Pack, since: date | None = None, workers: int | None = None) -> Report:
    """The whole review: every case's current assessment under `pack`."""
    queryset = current_assessments(since)
    report = Report(pack, since)
    if workers is None:
        # Every assessment, not only the current ones: an upper bound is enough here and
        # costs a count of the table rather than the review's own anti-join.
        workers = default_workers(Assessment.objects.count())
    if workers <= 1 or _in_memory_sqlite():
        Reviewer(pack).review(_rows(queryset), report)
    else:
        for part in _in_parallel(pack, since, queryset, workers):
            report.merge(part)
    report.changed.sort(key=lambda c: c.crime_reference)
    report.unreadable.sort()
    return report


def _in_parallel(pack: Pack, since, queryset, workers: int) -> list[Report]:
    """Split the assessments' primary keys into equal ranges, one process each (fork: the
    children inherit the loaded engine and pack; each opens its own connection)."""
    bounds = queryset.aggregate(lo=Min("id"), hi=Max("id"))
    if bounds["lo"] is None:
        return []
    lo, hi = bounds["lo"], bounds["hi"] + 1
    step = -(-(hi - lo) // workers)
    ranges = [(pack, since, a, min(a + step, hi)) for a in range(lo, hi, step)]
    connections.close_all()  # a connection must never be shared across a fork
    with multiprocessing.get_context("fork").Pool(len(ranges)) as pool:
        return pool.starmap(_review_range, ranges)


def write_csv(report: Report, path) -> None:
    with open_private(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        writer.writerows(c.row() for c in report.changed)


def _table(title: str, header: tuple[str, ...], rows: list[tuple]) -> list[str]:
    cells = [tuple(str(c) for c in header), *[tuple(str(c) for c in r) for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row):
        first = row[0].ljust(widths[0])
        return "  ".join([first, *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True))])

    return ["", title, line(cells[0]), *(line(r) for r in cells[1:])]


def _words(code: str) -> str:
    return code.replace("_", " ") if code else "none"


def _in_short(report: Report) -> list[str]:
    """The few sentences a policy lead reads first."""
    k, total = report.kinds, report.cases
    changed = len(report.changed)
    share = f" ({changed / total:.0%})" if total else ""
    lines = ["", f"In short: {changed:,} of {total:,} cases{share} would change under this pack."]
    decided = k[DECISION_AND_AUTHORITY] + k[DECISION_ONLY]
    authority = k[DECISION_AND_AUTHORITY] + k[AUTHORITY_ONLY]
    if decided:
        lines.append(f"- {decided:,} would get a different decision.")
    if authority:
        moves = [
            f"{_words(a)} in {n:,} {more}"
            for counter, more in (
                (report.authorities_added, "more"),
                (report.authorities_removed, "fewer"),
            )
            for a, n in sorted(counter.items())
        ]
        lines.append(f"- {authority:,} would need different authority: " + ", ".join(moves) + ".")
    if k[RECOMMENDATION_ONLY]:
        lines.append(
            f"- {k[RECOMMENDATION_ONLY]:,} would keep the decision and authority but be "
            "recommended another disposal."
        )
    if k[EXPLANATION_ONLY]:
        lines.append(
            f"- {k[EXPLANATION_ONLY]:,} would be decided the same way for different reasons "
            "or under different rulings."
        )
    return lines


def _moves(title: str, counter: Counter) -> list[str]:
    rows = [
        (f"{_words(old)} to {_words(new)}", f"{n:,}")
        for (old, new), n in sorted(counter.items(), key=lambda i: (-i[1], i[0]))
    ]
    return _table(title, ("from and to", "cases"), rows) if rows else []


def _gains(title: str, what: str, gained: Counter, lost: Counter, name=_words) -> list[str]:
    keys = sorted(set(gained) | set(lost), key=lambda c: (-(gained[c] + lost[c]), c))
    rows = [(name(c), f"{gained[c]:,}", f"{lost[c]:,}") for c in keys]
    return _table(title, (what, "cases gaining", "cases losing"), rows) if rows else []


def _reason_texts(pack: Pack, codes: set[str]) -> list[str]:
    """What each of those rules says, as this pack would word it (its own window and
    deadlines), so the table's codes can be read."""
    texts = templates(pack)
    lines = [f"- {code}: {texts[code]['text']}" for code in sorted(codes) if code in texts]
    return ["", "What those rules say under this pack", *lines] if lines else []


def summary(report: Report) -> str:
    p = report.pack
    since = f" assessed on or after {report.since:%d %B %Y}" if report.since else ""
    lines = [
        f"Policy review under {p.policy} {p.version} ({p.title}), sha256 {p.digest[:12]}",
        f"{report.cases:,} cases with a stored assessment{since}.",
        f"Each case's stored facts were assessed under this pack on the date each was "
        f"first assessed, whatever the pack's effective date ({p.effective_from:%d %B %Y}).",
        *_in_short(report),
    ]
    kinds = [(k, f"{report.kinds[k]:,}") for k in CHANGE_KINDS]
    kinds.append(("unchanged", f"{report.unchanged:,}"))
    if report.unreadable:
        kinds.append(("facts that could not be read", f"{len(report.unreadable):,}"))
    lines += _table("What would change", ("change", "cases"), kinds)
    lines += _moves("Decisions that would change", report.decisions)
    lines += _moves("Recommended disposals that would change", report.recommended)
    lines += _gains(
        "Authorities that would be needed, or no longer needed",
        "authority",
        report.authorities_added,
        report.authorities_removed,
    )
    lines += _gains(
        "Rules that would give or stop giving a reason, in the changed cases",
        "rule",
        report.added,
        report.removed,
        name=str,
    )
    lines += _reason_texts(p, set(report.added) | set(report.removed))
    lines += _gains(
        "Rulings that would be applied, or no longer applied",
        "ruling",
        report.rulings_added,
        report.rulings_removed,
        name=str,
    )
    for reference, problem in report.unreadable[:20]:
        lines.append(f"not read: {reference}: {problem}")
    return "\n".join(lines) + "\n"
