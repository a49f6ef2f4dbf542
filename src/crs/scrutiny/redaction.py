"""Redaction of the free text a lay scrutiny panel reads (SOP 8; issue 15).

It starts from what crs knows about the case: the names, addresses, phones and emails of
its people, the organisation that is its victim, the names in its signatures, its crime
reference and those of the cases linked to it, and the users of the force who worked on it.
Then patterns catch what is written in the free text whatever crs knows: dates (a date of
birth in any form), crime references in the force's formats, phone numbers, emails, UK
postcodes, and names after a title ("Mrs Quigley"), a rank ("PC Ali", "Sgt 1234") or a
relation ("her brother Jo", "the witness Pat Quigley").

What it must not touch: SOP paragraph numbers ("4.2.1": a date needs a year of two or four
digits), amounts, times, and ordinary words. A person's name is redacted word by word (as a
whole word, case-insensitive), but an organisation's name or an address only as a phrase:
"The Corner Shop, 3 Mill Lane" must not blank every "the", "shop" or "lane" in the text.

A redactor only suggests: a person reads every field before it goes into a pack
(crs.scrutiny.review), and `Redactor.spans` on the text they save must find nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from crs.audit.models import AuditEntry

# What a span is, and what replaces it in the text the panel reads.
PLACEHOLDERS = {
    "name": "[name]",
    "organisation": "[organisation]",
    "address": "[address]",
    "postcode": "[postcode]",
    "date": "[date]",
    "crime reference": "[crime reference]",
    "phone": "[phone number]",
    "email": "[email address]",
}


@dataclass(frozen=True)
class Span:
    """Text the redactor would remove: where, what kind, and why."""

    start: int
    end: int
    text: str
    kind: str  # a key of PLACEHOLDERS
    why: str  # for the reviewer: "name of the victim", "date", "crime reference"

    @property
    def placeholder(self) -> str:
        return PLACEHOLDERS[self.kind]


@dataclass(frozen=True)
class Redaction:
    text: str  # the redacted text
    spans: tuple[Span, ...]  # what was taken out of the original, in order


@dataclass(frozen=True)
class Known:
    """Something crs knows about the case. `phrase`: matched only whole (an organisation,
    an address); otherwise a name, matched whole and word by word."""

    text: str
    kind: str
    why: str
    phrase: bool = False


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:(?:19|20)\d{2}|['’]\d{2})"
# Capitalised words that follow a rank or a relation without being anyone's name.
_NOT_NAMES = frozenset(
    """
    A An And As At Be But By For From Had Has He Her His I If In Is It Its Of On Or She
    So That The Their Them Then There They This To Was We Were Who With You Your After
    Before When Where While Acting Temporary Authority Team Youth Justice Supervisor
    Reviewer Review Rank Grade Police Staff Officer Constable Sergeant Inspector
    Superintendent Chief Detective Special PCSO CR Community Remedy Resolution Victim
    Offender Not No Yes
    """.split()  # noqa: SIM905 (a word list reads better as words)
)
_NAME_WORD = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
_NAME = rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
_RANKS = (
    r"(?:PC|DC|PS|DS|DI|DCI|DSU|PCSO|SC|Sgt|Insp|Ch\.?\s?Insp|Supt|Ch\.?\s?Supt|Constable|"
    r"Sergeant|Inspector|Superintendent|Detective)\.?"
)
_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame)\.?"
_RELATIONS = (
    r"(?i:brother|sister|mother|father|mum|mom|dad|son|daughter|step-?son|step-?daughter|"
    r"stepfather|stepmother|grandmother|grandfather|grandson|granddaughter|nan|nana|grandma|"
    r"grandad|uncle|aunt|auntie|cousin|nephew|niece|friend|neighbour|neighbor|witness|partner|"
    r"ex-partner|wife|husband|girlfriend|boyfriend|carer|guardian|manager|colleague|teacher|"
    r"called|named|known\s+as|aka)"
)

# (kind, why, pattern); a pattern with a `name` group redacts only that group.
PATTERNS: tuple[tuple[str, str, re.Pattern], ...] = (
    ("email", "email address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        "postcode",
        "postcode",
        re.compile(r"\b(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.I),
    ),
    (
        "crime reference",
        "crime reference",
        # CR/0001/24, DEMO-00011, SEED7/0000001, XY/77/23, 41/98765/26: see `_reference`.
        re.compile(
            r"(?<![\w/-])(?:[A-Z]{1,6}\d{0,4}(?:[/-]\d+[A-Z]?){1,3}|\d{1,4}/\d{3,}/\d{2,4})"
            r"(?![\w/-])"
        ),
    ),
    (
        "date",
        "date",
        re.compile(
            r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2}))\b"
            rf"|\b{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?(?![\w])"
            rf"|\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?![\w])"
        ),
    ),
    (
        "date",
        "year of birth",
        re.compile(r"(?<=\bborn\b)(?:\s+(?:in|on|during))?\s+(?P<name>(?:19|20)\d{2})\b", re.I),
    ),
    (
        "phone",
        "phone number",
        re.compile(r"(?<![\w+£])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d )-]{7,13}\d(?!\w)"),
    ),
    ("name", "name after a rank", re.compile(rf"\b{_RANKS}\s+(?:(?P<number>\d{{2,6}})|{_NAME})")),
    ("name", "name after a title", re.compile(rf"\b{_TITLES}\s+{_NAME}")),
    ("name", "name after a relation", re.compile(rf"\b{_RELATIONS},?\s+{_NAME}")),
)


def _reference(text: str) -> bool:
    """A crime reference has three digits or more (CR/1/24, not COVID-19 or A-1)."""
    return sum(ch.isdigit() for ch in text) >= 3


def _date(text: str) -> bool:
    """A numeric date must be one (18/04/1996, not 41/13/99)."""
    parts = re.split(r"[/.-]", text)
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return True  # written with a month's name: the pattern is enough
    if len(parts[0]) == 4:
        year, month, day = parts
    else:
        day, month, year = parts
    return 1 <= int(month) <= 12 and 1 <= int(day) <= 31 and bool(year)


def _phone(text: str) -> bool:
    digits = sum(ch.isdigit() for ch in text)
    return 10 <= digits <= 13


_CHECKS = {"crime reference": _reference, "date": _date, "phone": _phone}


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,;()]+", text or "") if len(w) > 1]


def _phrase_pattern(text: str) -> str:
    """The words of `text` in order, whatever the spacing or commas between them."""
    words = [re.escape(w) for w in re.split(r"[\s,]+", text.strip()) if w]
    return r"(?<!\w)" + r"[\s,]+".join(words) + r"(?!\w)"


class Redactor:
    """Finds (`spans`) and takes out (`redact`) what identifies someone in free text."""

    def __init__(self, known: Iterable[Known] = ()):
        self._known: list[tuple[re.Pattern, Known]] = []
        seen: set[tuple[str, str]] = set()
        for k in known:
            for piece in [k.text] if k.phrase else [k.text, *_words(k.text)]:
                piece = (piece or "").strip()
                key = (piece.lower(), k.kind)
                if len(piece) < 2 or key in seen:
                    continue
                seen.add(key)
                self._known.append((re.compile(_phrase_pattern(piece), re.I), k))

    def spans(self, text: str | None) -> list[Span]:
        """What would be redacted, in order, overlapping finds merged (the first's why kept)."""
        if not text:
            return []
        found: list[Span] = []
        for pattern, k in self._known:
            for m in pattern.finditer(text):
                found.append(Span(m.start(), m.end(), m.group(0), k.kind, k.why))
        for kind, why, pattern in PATTERNS:
            check = _CHECKS.get(kind)
            for m in pattern.finditer(text):
                group = next((g for g in ("name", "number") if m.groupdict().get(g)), None)
                start, end = m.span(group) if group else m.span()
                piece = text[start:end]
                if group == "name" and piece.split()[0] in _NOT_NAMES:
                    continue
                if check and not check(piece):
                    continue
                found.append(Span(start, end, piece, kind, why))
        found.sort(key=lambda s: (s.start, -s.end))
        merged: list[Span] = []
        for s in found:
            if merged and s.start < merged[-1].end:
                last = merged[-1]
                if s.end > last.end:
                    merged[-1] = Span(
                        last.start, s.end, text[last.start : s.end], last.kind, last.why
                    )
                continue
            merged.append(s)
        return merged

    def redact(self, text: str | None) -> Redaction:
        text = text or ""
        spans = self.spans(text)
        out, at = [], 0
        for s in spans:
            out.append(text[at : s.start])
            out.append(s.placeholder)
            at = s.end
        out.append(text[at:])
        return Redaction("".join(out), tuple(spans))

    def __call__(self, text: str | None) -> str:
        return self.redact(text).text


ROLE_WORDS = {
    "offender": "the offender",
    "victim": "the victim",
    "parent_guardian": "the parent or guardian",
    "appropriate_adult": "the appropriate adult",
}


def _person(p, whose: str) -> list[Known]:
    """A person's names word by word; their organisation and address as phrases."""
    out = []
    full = f"{p.given_name} {p.family_name}".strip()
    for name in (full, p.given_name, p.family_name):
        if name:
            out.append(Known(name, "name", f"name of {whose}"))
    if p.medical_professional:
        out.append(Known(p.medical_professional, "name", f"medical professional of {whose}"))
    if p.organisation:
        org = p.organisation.strip()
        out.append(Known(org, "organisation", f"name of {whose}", phrase=True))
        bare = re.sub(r"^the\s+", "", org, flags=re.I)
        if bare != org:
            out.append(Known(bare, "organisation", f"name of {whose}", phrase=True))
    if p.address:
        out += _address(p.address, f"address of {whose}")
    if p.email:
        out.append(Known(p.email, "email", f"email of {whose}", phrase=True))
    if p.phone:
        out.append(Known(p.phone, "phone", f"phone number of {whose}", phrase=True))
    return out


def _address(address: str, why: str) -> list[Known]:
    """The whole address, and each line or part of it that says something alone: one with a
    house number ("3 Mill Lane"), and the street or place without it when it is two words or
    more ("Mill Lane"). A single word ("Testtown", "Lane") is too common to take out alone."""
    out = [Known(address, "address", why, phrase=True)]
    for part in re.split(r"[,\n]+", address):
        part = part.strip()
        if not part:
            continue
        words = part.split()
        if any(ch.isdigit() for ch in part) or len(words) > 1:
            out.append(Known(part, "address", why, phrase=True))
        rest = re.sub(r"^(?:flat\s+)?\d+[a-z]?\s+", "", part, flags=re.I)
        if rest != part and len(rest.split()) > 1:
            out.append(Known(rest, "address", why, phrase=True))
    return out


def _user(u, why: str) -> list[Known]:
    out = [Known(u.username, "name", f"username of {why}", phrase=True)]
    for name in (f"{u.first_name} {u.last_name}".strip(), u.first_name, u.last_name):
        if name:
            out.append(Known(name, "name", f"name of {why}"))
    return out


def known_from(
    *, references=(), people=(), linked_people=(), signatures=(), users=()
) -> list[Known]:
    """What identifies someone, from records (or anything shaped like them: Person has
    role, given_name, family_name, organisation, address, email, phone, medical_professional;
    a signature has `name` and `party`; a user has username, first_name, last_name)."""
    known = [Known(r, "crime reference", "crime reference", phrase=True) for r in references]
    for p in people:
        known += _person(p, ROLE_WORDS.get(p.role, "someone in the case"))
    for p in linked_people:
        known += _person(p, "someone in a linked case")
    for sig in signatures:
        known.append(Known(sig.name, "name", f"name signed by the {_words_of(sig.party)}"))
    for u in users:
        if u is not None:
            known += _user(u, "an officer or member of staff")
    return known


def _words_of(code: str) -> str:
    return ROLE_WORDS.get(code, code.replace("_", " ")).removeprefix("the ")


def known_for(case) -> list[Known]:
    """Everything crs knows that identifies someone in `case` and the records linked to it:
    its people and signatures; the cases its previous outcomes were matched to (their
    references and people); the force's users who worked on it or appear in its audit trail
    (an officer's name is no secret inside the force, but a lay panel reads ranks only)."""
    linked = [
        prev.matched_case
        for prev in case.previous_outcomes.select_related("matched_case")
        if prev.matched_case is not None
    ]
    users = {case.owner}
    users |= {a.given_by for a in case.authorisations.select_related("given_by")}
    users |= {a.assessed_by for a in case.assessments.select_related("assessed_by")}
    users |= {v.asked_by for v in case.victim_views.select_related("asked_by")}
    users |= {c.made_by for c in case.contacts.select_related("made_by")}
    users |= {a.created_by for a in case.actions.select_related("created_by")}
    users |= {e.actor for e in AuditEntry.objects.filter(case=case).select_related("actor")}
    return known_from(
        references=[case.crime_reference, *(c.crime_reference for c in linked)],
        people=case.people.all(),
        linked_people=[p for c in linked for p in c.people.all()],
        signatures=case.signatures.all(),
        users=users,
    )


def redactor_for(case) -> Redactor:
    """The redactor for one case's free text."""
    return Redactor(known_for(case))
