"""The batch's answers written straight to JSON text, from parts written once.

`crs assess --batch` must answer 20,000 cases a second on one core
(docs/performance.md). `engine.answer` builds each answer as dicts (a reason
is a seven-key dict) that orjson then writes out: about half of a line's
time. Here the same answer is put together from the rules' findings
(`engine.findings`) as text: each rule's reason and authorisation is written
once (per pack) by orjson, and a case only adds the detail a rule gives it
(an age, a date). It combines the findings as `engine.answer` does, and takes
its decision from the same step (`engine.decide`); a test checks that the two
give the same bytes (docs/decisions/0008-engine-speed.md).

    parts = AnswerText().parts(facts, pack)
    b"".join(parts) == orjson.dumps(engine.assess(facts, pack), option=OPT_APPEND_NEWLINE)
"""

from __future__ import annotations

import orjson

from .case import Case
from .engine import (
    _R3,
    _R14,
    _R29,
    _R37,
    _RULING_KEYS,
    _SEVERITY,
    ALL_RULING_KEYS,
    NOTED,
    RANKS,
    YJS,
    _already_required,
    _authorisation,
    _iso,
    _missing_paths,
    decide,
    findings,
    merged,
    templates,
)
from .facts import Record
from .pack import Pack
from .records import ALWAYS, WITH_VICTIM
from .rule import EXCLUDES, REQUIRES, Fired, Missing
from .rules import RULES

_dumps = orjson.dumps
_MARK = "\ue000"  # a private-use character no rule's text holds: where a detail goes
_VICTIM_CONTACT = ["immediately_after_delivery", "on_conclusion_of_outcomes"]
# Every ruling a rule or the engine cites, in the order of `interpretations`,
# so that a set of rulings is a mask of bits and sorted by reading it.
_ORDER = sorted(ALL_RULING_KEYS)
_BIT = {key: 1 << n for n, key in enumerate(_ORDER)}
_R3_BIT, _R37_BIT = _BIT[_R3], _BIT[_R37]
_ADULT_NOW_BITS = _BIT[_R14] | _BIT[_R29]
_NOTED_BIT = {rid: _BIT[key] for rid, key in NOTED.items()}
_LIMIT = 20_000  # texts kept in each table, at most (they repeat: a few hundred in a batch)


def _cut(text: bytes) -> tuple[bytes, bytes]:
    """JSON text cut where the mark was (the mark itself dropped)."""
    before, after = text.split(_MARK.encode())
    return before, after


class _Prepared:
    """What a pack's answers are made of, written once."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self.rules = []
        self.texts = texts = templates(pack)
        for r in RULES:
            template = dict(texts[r.code], text=f"{texts[r.code]['text']}{_MARK}")
            reason = _cut(_dumps(template))
            mask = 0
            for key in _RULING_KEYS[r.code]:
                mask |= _BIT[key]
            requires = None
            if r.effect == REQUIRES:
                requires = {j: self._authorisation(r, j) for j in (None, True, False)}
            excludes = r.effect == EXCLUDES
            below_age = r.code == "below_age_of_criminal_responsibility"
            self.rules.append(
                (reason, reason[0] + reason[1], mask, r.records, excludes, requires, r, below_age)
            )
        self.head = _dumps({"policy": pack.policy, "policy_version": pack.version})[:-1]
        self.deadlines = {
            (juvenile, deferred): b',"parent_guardian_informed_within_hours":'
            + _dumps(pack.parent_guardian_hours if juvenile else None)
            + b',"deferred_outcomes_allowed":'
            + _dumps(deferred)
            for juvenile in (True, False)
            for deferred in (None, True, False)
        }
        self.dates: dict = {}

    def _authorisation(self, r, juvenile) -> tuple:
        """(text before the detail, after it, the authority, whether the date of birth
        is missing, (authority, paragraph)) of the rule's authorisation, as
        engine._authorisation makes it."""
        authority = self.pack.authority[r.authority]
        entry = {"authority": authority, "paragraph": r.paragraph, "reason": "", "code": r.code}
        unknown_age = False
        if authority == "sergeant":
            if juvenile is None:
                unknown_age = True
            elif juvenile:
                entry["authority"] = self.pack.authority["juvenile_in_place_of_sergeant"]
                entry["instead_of"] = "sergeant"
            elif r.code == "pre_charge_bail_or_rui":
                entry["pse_equivalent_allowed"] = True
        entry["reason"] = f"{self.texts[r.code]['text']}{_MARK}"
        before, after = _cut(_dumps(entry))
        return before, after, entry["authority"], unknown_age, (entry["authority"], r.paragraph)

    def date_text(self, on) -> bytes:
        text = self.dates.get(on)
        if text is None:
            if len(self.dates) >= _LIMIT:
                self.dates.clear()
            pack = self.pack
            text = self.dates[on] = (
                _dumps(_iso(on))
                + b',"policy_effective_from":'
                + _dumps(_iso(pack.effective_from))
                + b',"policy_digest":'
                + _dumps(pack.digest)
                + b"}\n"
            )
        return text


class AnswerText:
    """Writes answers as JSON lines, each as a list of bytes to join."""

    def __init__(self):
        self._packs: dict[int, _Prepared] = {}
        self._due: dict = {None: b"null"}
        self._records: dict[tuple, bytes] = {}
        self._rulings: dict[int, bytes] = {}
        self._decisions = {
            (decision, recommended): _dumps(decision)
            + b',"recommended_disposal":'
            + _dumps(recommended)
            + b',"authorisations":['
            for decision in ("not_eligible", "incomplete", "authorisation_required", "eligible")
            for recommended in (None, "community_resolution", *_SEVERITY)
        }

    def _prepared(self, pack: Pack) -> _Prepared:
        prepared = self._packs.get(id(pack))
        if prepared is None or prepared.pack is not pack:
            prepared = self._packs[id(pack)] = _Prepared(pack)
        return prepared

    def parts(self, facts: Record, pack: Pack) -> list[bytes]:
        """The answer for these facts under this pack: the parts of one line of JSON.

        Step by step as `engine.answer`, which says why each step is taken.
        """
        c = Case(facts, pack)
        found = findings(c)
        prepared = self._packs.get(id(pack))
        if prepared is None or prepared.pack is not pack:
            prepared = self._prepared(pack)
        table = prepared.rules
        juvenile = c.juvenile
        reasons, authorisations, authorities, places, fired = [], [], [], [], []
        missing, records, pending, disposals = [], [], [], []
        rulings = 0
        excluded = below_age = False
        for k in range(0, len(found), 2):
            reason, whole, mask, rule_records, excludes, requires, r, below = table[found[k]]
            result = found[k + 1]
            kind = result.__class__
            if kind is Missing:
                if requires is not None:
                    pending.append((r, result.paths))
                else:
                    missing.extend(result.paths)
                continue
            detail = result.detail if kind is Fired else ""
            if detail:
                detail = b" " + _dumps(detail)[1:-1]
                reasons.append(reason[0] + detail + reason[1])
            else:
                reasons.append(whole)
            rulings |= mask
            if rule_records:
                records += rule_records
            if excludes:
                excluded = True
                disposal = (result.disposal if kind is Fired else None) or r.disposal
                if disposal:
                    disposals.append(disposal)
                below_age = below_age or below
            elif requires is not None:
                before, after, authority, unknown_age, place = requires[juvenile]
                authorisations.append(before + detail + after if detail else before + after)
                authorities.append(authority)
                places.append(place)
                fired.append((r, result))
                if unknown_age:
                    missing.append("offender.date_of_birth")

        if pending:
            wanted = [{"authority": a} for a in authorities]
            for r, paths in pending:
                if not _already_required(c, r, wanted):
                    missing.extend(paths)
        if len(authorisations) > 1:
            rulings |= _R3_BIT
            if len(set(places)) < len(places):
                # Entries to merge (Ruling R37): made as the engine makes them.
                authorisations = _merged_text(c, fired)
                rulings |= _R37_BIT
        age = c.age_at_offence
        if age is not None and age < pack.age_adult and not juvenile:
            rulings |= _ADULT_NOW_BITS
        for rid in c.noted:
            rulings |= _NOTED_BIT[rid]

        decision, recommended, cites = decide(
            excluded, disposals, below_age, missing, authorisations
        )
        for key in cites:
            rulings |= _BIT[key]

        victim = c.identifiable_victim
        records = tuple(records)
        records_text = self._records.get((records, victim))
        if records_text is None:
            records_text = self._records_text(records, victim)
        rulings_text = self._rulings.get(rulings)
        if rulings_text is None:
            rulings_text = self._rulings_text(rulings)
        due = c.outcomes_complete_by
        due_text = self._due.get(due)
        if due_text is None:
            if len(self._due) >= _LIMIT:
                self._due.clear()
                self._due[None] = b"null"
            due_text = self._due[due] = _dumps(_iso(due))
        return [
            prepared.head,
            b',"decision":',
            self._decisions[decision, recommended],
            b",".join(authorisations),
            b'],"reasons":[',
            b",".join(reasons),
            b'],"missing":',
            _dumps(_missing_paths(facts, missing)) if missing else b"[]",
            records_text,
            due_text,
            prepared.deadlines[bool(juvenile), None if due is None else facts.assessed_on <= due],
            _CONTACT_TEXT[bool(victim)],
            rulings_text,
            _authorities_text(authorities),
            prepared.date_text(facts.assessed_on),
        ]

    def _records_text(self, records: tuple, victim) -> bytes:
        listed = list(records)
        if victim:
            listed.extend(WITH_VICTIM)
        listed.extend(ALWAYS)
        if len(self._records) >= _LIMIT:
            self._records.clear()
        text = self._records[records, victim] = (
            b',"records_required":'
            + _dumps(list(dict.fromkeys(listed)))
            + b',"deadlines":{"outcomes_complete_by":'
        )
        return text

    def _rulings_text(self, rulings: int) -> bytes:
        cited = [rid for n, (_, rid) in enumerate(_ORDER) if rulings >> n & 1]
        text = self._rulings[rulings] = (
            b'},"interpretations":' + _dumps(cited) + b',"authorities_required":'
        )
        return text


def _merged_text(c: Case, fired: list) -> list[bytes]:
    """The authorisations of `fired` ((rule, result) pairs) merged as engine.answer merges
    them (Ruling R37), each written as JSON."""
    entries = []
    texts = templates(c.pack)
    for r, result in fired:
        detail = result.detail if result.__class__ is Fired else ""
        text = texts[r.code]["text"]
        text = f"{text} {detail}" if detail else text
        entries.append(_authorisation(c, r, text, []))
    return [_dumps(entry) for entry in merged(entries)]


_CONTACT_TEXT = {
    victim: b',"victim_contact":' + _dumps(_VICTIM_CONTACT if victim else [])
    for victim in (True, False)
}
_AUTHORITIES: dict[tuple, bytes] = {(): b'[],"assessed_on":'}


def _authorities_text(authorities: list[str]) -> bytes:
    """As engine._authorities_required: the highest rank wanted, and the YJS."""
    key = tuple(authorities)
    text = _AUTHORITIES.get(key)
    if text is None:
        wanted = set(authorities)
        ranks = [r for r in RANKS if r in wanted]
        listed = ranks[-1:] + ([YJS] if YJS in wanted else [])
        if len(_AUTHORITIES) >= _LIMIT:
            _AUTHORITIES.clear()
            _AUTHORITIES[()] = b'[],"assessed_on":'
        text = _AUTHORITIES[key] = _dumps(listed) + b',"assessed_on":'
    return text
