"""The redactor of the pack's free text, against the corpus: nothing identifying left,
nothing harmless taken (both directions, one test per snippet)."""

from __future__ import annotations

import pytest

from crs.scrutiny.redaction import Known, Redactor, known_from

from . import corpus

REDACTOR = Redactor(
    known_from(
        references=[corpus.REFERENCE, corpus.LINKED_REFERENCE],
        people=corpus.PEOPLE,
        linked_people=corpus.LINKED_PEOPLE,
        signatures=corpus.SIGNATURES,
        users=corpus.USERS,
    )
)
IDS = [s.text[:40] for s in corpus.SNIPPETS]


def test_the_corpus_plants_every_kind_of_identifier_and_enough_harmless_text():
    kinds = {s.kind for snippet in corpus.SNIPPETS for s in REDACTOR.spans(snippet.text)}
    assert kinds >= {
        "name",
        "organisation",
        "address",
        "postcode",
        "date",
        "crime reference",
        "phone",
        "email",
    }
    assert len(corpus.SNIPPETS) >= 30
    assert sum(1 for s in corpus.SNIPPETS if not s.gone) >= 8  # snippets with nothing to take


@pytest.mark.parametrize("snippet", corpus.SNIPPETS, ids=IDS)
def test_nothing_identifying_is_left_in_the_snippet(snippet):
    redacted = REDACTOR(snippet.text).lower()
    for planted in snippet.gone:
        assert planted.lower() not in redacted, f"{planted!r} left in {redacted!r}"


@pytest.mark.parametrize("snippet", corpus.SNIPPETS, ids=IDS)
def test_nothing_harmless_is_taken_from_the_snippet(snippet):
    redacted = REDACTOR(snippet.text)
    for harmless in snippet.kept:
        assert harmless in redacted, f"{harmless!r} taken from {redacted!r}"


@pytest.mark.parametrize("snippet", corpus.SNIPPETS, ids=IDS)
def test_the_redacted_snippet_passes_the_check_a_reviewer_s_text_must_pass(snippet):
    assert REDACTOR.spans(REDACTOR(snippet.text)) == []


def test_each_span_says_what_it_is_and_why():
    spans = REDACTOR.spans("Avery Ashdown of The Corner Shop, 18/04/1996, CR/0001/24.")
    assert [(s.text, s.why) for s in spans] == [
        ("Avery Ashdown", "name of the offender"),
        ("The Corner Shop", "name of the victim"),
        ("18/04/1996", "date"),
        ("CR/0001/24", "crime reference"),
    ]
    result = REDACTOR.redact("Avery Ashdown of The Corner Shop, 18/04/1996, CR/0001/24.")
    assert result.text == "[name] of [organisation], [date], [crime reference]."
    assert result.spans == tuple(spans)


def test_a_name_is_taken_as_a_whole_word_in_any_case_and_never_inside_another():
    redact = Redactor([Known("Avery Ashdown", "name", "name of the offender")])
    assert redact("AVERY ashdown; Averyville and Ashdowns stay") == (
        "[name]; Averyville and Ashdowns stay"
    )


def test_an_organisation_s_common_words_are_not_taken_on_their_own():
    redact = Redactor([Known("The Corner Shop", "organisation", "victim", phrase=True)])
    text = "The manager of the shop on the corner rang. The Corner Shop was shut."
    assert redact(text) == "The manager of the shop on the corner rang. [organisation] was shut."
