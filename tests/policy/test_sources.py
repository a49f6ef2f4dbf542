"""Every rule carries its source: SOP words that exist where it says, rulings that exist.

The SOP text and rulings.md in shared/sop are the sources (the tests that read them are
skipped when they are not there, tests/conftest.py); the rules, the records and the
policy pack's copy of the rulings are checked against them. Quotes are compared with
whitespace folded but characters exact: the SOP's curly apostrophe (’) is not an
ASCII one.
"""

import re

import pytest

from crs.policy import coverage as cov
from crs.policy.pack import DEFAULT_POLICY, PACKS_DIR, packs_in
from crs.policy.records import RECORDS
from crs.policy.rule import RULES as DECLARED
from crs.policy.rule import rule, topic
from crs.policy.rules import RULES

RULED = [r for r in RULES if r.rulings]
# A ruling: "**R1 — Rank order (2.1.4, 4.2.2).** Text ..." up to the next ruling or heading.
# The brackets may also name rulings or the contract it builds on: "(3.1.1, R14, R21)".
_RULING = re.compile(
    r"^\*\*(R\d+) — (.+?)(?: \(([^)]*)\))?\.\*\*(.*?)(?=^\*\*R\d+ |^#|\Z)", re.M | re.S
)
RULING_IDS = [f"R{n}" for n in range(1, 40)]


def fold(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sop(sop_text):
    return fold(sop_text)


@pytest.fixture(scope="module")
def paragraphs(sop_text):
    return cov.sop_paragraphs(sop_text)


def read_rulings(markdown: str) -> dict[str, tuple[str, tuple[str, ...], str, tuple[str, ...]]]:
    """rulings.md as {id: (title, paragraphs, text, see)}: `see`, the rulings (or the
    contract) named in the brackets beside the paragraphs."""
    found = {}
    for m in _RULING.finditer(markdown):
        rid, title, cited, text = m.groups()
        named = [p.strip() for p in (cited or "").split(",") if p.strip()]
        found[rid] = (
            title,
            tuple(p for p in named if p[0].isdigit()),
            fold(text),
            tuple(p for p in named if not p[0].isdigit()),
        )
    return found


@pytest.fixture(scope="module")
def rulings_md(rulings_text):
    found = read_rulings(rulings_text)
    assert found, "no ruling found in rulings.md"
    return found


def default_pack():
    return [p for p in packs_in(PACKS_DIR) if p.policy == DEFAULT_POLICY][-1]


# The SOP's words --------------------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_quotes_the_sop_verbatim(rule, sop):
    assert rule.sop, f"{rule.code}: no quote"
    assert rule.sop in sop, f"{rule.code}: “{rule.sop}” is not in the SOP text"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_quote_lies_in_the_paragraph_it_cites(rule, paragraphs):
    paragraph = cov.paragraph_of(rule.paragraph)
    assert paragraph in paragraphs, f"{rule.code}: the SOP has no paragraph {rule.paragraph}"
    assert rule.sop in paragraphs[paragraph], (
        f"{rule.code}: “{rule.sop}” is not in paragraph {rule.paragraph}"
    )


def test_a_quote_with_a_straight_apostrophe_does_not_match_the_sops_curly_one(sop):
    assert "The victim’s views MUST be considered" in sop
    assert "The victim's views MUST be considered" not in sop


def test_a_paragraphs_span_ends_where_the_next_paragraph_begins(paragraphs):
    assert "A three-point escalation" not in paragraphs["2.4.1"]
    assert "A three-point escalation" in paragraphs["2.4.2"]


# Rulings ----------------------------------------------------------------------------------
# The rules are checked against the default pack's copy of the rulings, which is in the
# repository; that copy is checked against rulings.md itself when the shared text is there.


def test_rulings_md_has_rulings_r1_to_r39(rulings_md):
    assert list(rulings_md) == RULING_IDS


def test_the_default_pack_has_rulings_r1_to_r39():
    assert list(default_pack().rulings) == RULING_IDS


@pytest.mark.parametrize(
    "rule,rid", [(r, rid) for r in RULED for rid in r.rulings], ids=lambda x: getattr(x, "code", x)
)
def test_every_ruling_a_rule_cites_exists_in_the_rulings(rule, rid):
    assert rid in default_pack().rulings, f"{rule.code} cites {rid}, which the rulings lack"


@pytest.mark.parametrize("rid", RULING_IDS)
def test_every_ruling_is_applied_somewhere(rid):
    (applied,) = cov.rulings([rid])
    assert applied.applied, f"{rid}: no rule names it and the coverage map has no engine note"


@pytest.mark.parametrize("rid", RULING_IDS)
def test_every_paragraph_a_ruling_reads_is_implemented(rid):
    status = {e.paragraph: e.status for e in cov.coverage()}
    cited = default_pack().rulings[rid].paragraphs
    assert [p for p in cited if status.get(p) != cov.IMPLEMENTED] == []


def test_the_default_pack_has_exactly_the_rulings_of_rulings_md(rulings_md):
    assert list(default_pack().rulings) == list(rulings_md)


@pytest.mark.parametrize("rid", RULING_IDS)
def test_the_default_packs_copy_of_a_ruling_matches_rulings_md(rid, rulings_md):
    ruling = default_pack().rulings[rid]
    title, cited, text, see = rulings_md[rid]
    assert ruling.title == title
    assert ruling.paragraphs == cited
    assert ruling.see == see
    assert fold(ruling.text) == text


# Codes and records ------------------------------------------------------------------------


def test_a_rule_declared_with_a_code_already_used_is_refused_and_not_registered():
    # Codes are unique because declaring a rule refuses a code in use (crs.policy.rule):
    # a check of RULES afterwards could never see a duplicate.
    taken = RULES[-1]
    before = list(DECLARED)
    with pytest.raises(ValueError, match=f"rule code {taken.code} is used twice"):

        @rule(taken.paragraph, code=taken.code, effect="informs", text="Declared again.")
        def again(c):
            """“Declared again.”"""

    assert before == DECLARED


def test_a_topic_declared_twice_is_refused():
    # The engine tests each topic once (engine._live_topics): a second declaration
    # under the same name, perhaps with another test, would leave one of them unread.
    taken = next(r.topic for r in RULES if r.topic is not None)
    with pytest.raises(ValueError, match=f"topic {taken.name} is declared twice"):
        topic(taken.name, taken.live)


def test_a_rule_naming_its_topic_instead_of_declaring_it_is_refused_and_not_registered():
    # A bare name carries no test of when the rule can say anything, so the engine
    # could not skip (or run) it correctly.
    before = list(DECLARED)
    with pytest.raises(ValueError, match="a topic is declared with `topic"):

        @rule("2.3.1", code="named_topic", effect="informs", text="Named.", topic="traffic")
        def named_topic(c):
            """“Named.”"""

    assert before == DECLARED


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_codes_are_snake_case(rule):
    assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", rule.code)


@pytest.mark.parametrize(
    "rule,record",
    [(r, code) for r in RULES for code in r.records],
    ids=lambda x: getattr(x, "code", x),
)
def test_every_record_a_rule_names_exists(rule, record):
    assert record in RECORDS, f"{rule.code} names record {record}, which records.py lacks"


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_every_record_cites_a_paragraph_of_the_sop(record, paragraphs):
    paragraph, text = RECORDS[record]
    assert cov.paragraph_of(paragraph) in paragraphs, f"{record} cites {paragraph}"
    assert text.strip()


@pytest.mark.parametrize(
    "rule,rid",
    [(r, rid) for r in RULES for rid in r.notes],
    ids=lambda x: getattr(x, "code", x),
)
def test_every_ruling_a_rule_notes_on_a_case_exists_in_the_rulings(rule, rid):
    assert rid in default_pack().rulings, f"{rule.code} notes {rid}, which the rulings lack"


@pytest.mark.parametrize("rid", sorted(cov.RULING_ELSEWHERE))
def test_a_ruling_applied_outside_the_engine_quotes_a_paragraph_it_reads(rid, paragraphs):
    quote = fold(cov.RULING_ELSEWHERE[rid].sop)
    cited = default_pack().rulings[rid].paragraphs
    assert any(quote in paragraphs[p] for p in cited), f"{rid}: “{quote}” not in {cited}"
