"""Which questions share a page: related facts asked together, as a form shows them.

    ask = next_page(state.questions, state.assessment)   # state = questions.review(...)
    ask.heading, ask.parts                                # each part: a question, or a
                                                          # "Select all that apply" of several
                                                          # yes/no facts (Choices)

A page is shown with the questions of it still to ask, and the page comes from
the first question `review` puts first, so the order that finds a case not
eligible soonest (crs.policy.questions) is kept page by page. When that first
question is one an exclusion rests on (an unconfirmed default: exceptional
circumstances after a knife offence), the page holds only such questions, so a
case that is not eligible is found in as few answers as before.

Pages follow the GOV.UK Design System: several questions on one page when
they are about the same thing, each its own fieldset; several yes/no facts of
one kind (the status checks of 2.3.4) as one "Select all that apply" with an
exclusive "None of these".
"""

from __future__ import annotations

from dataclasses import dataclass

from .questions import LIST_FIELD, Question, _pattern

OUTCOME_ITEM = LIST_FIELD + ".*"


@dataclass(frozen=True, slots=True)
class Choices:
    """Several yes/no facts as one checkboxes question: a box ticked is yes, the rest no."""

    name: str  # the form's name for it
    text: str
    hint: str
    options: tuple[tuple[str, str], ...]  # (fact path, what a ticked box says)
    # GOV.UK's one message for no box ticked and for "None of these" ticked with another.
    error: str
    none: str = "None of these"

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(path for path, _ in self.options)


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    heading: str  # "{n}": the previous outcome's number, on its own page
    paths: tuple[str, ...]  # patterns: "*" for a previous outcome's index
    choices: tuple[Choices, ...] = ()

    def choices_of(self, path: str) -> Choices | None:
        return next((c for c in self.choices if path in c.paths), None)


EXCLUDED = Choices(
    "excluded",
    "Is the offence any of these?",
    "Select all that apply. Knife, sexual, traffic and indictable-only offences are "
    "excluded or need exceptional circumstances (SOP 2.3.1 to 2.3.3).",
    (
        ("offence.indictable_only", "Triable only on indictment (indictable only)"),
        ("offence.knife_or_weapon", "A knife or weapon offence"),
        ("offence.sexual", "A sexual offence"),
        ("offence.traffic", "A traffic offence"),
    ),
    "Select if the offence is any of these, or select ‘None of these’",
)
STATUS = Choices(
    "status",
    "Is the offender any of these?",
    "Select all that apply. Check the Police National Computer and local systems (SOP 2.3.4).",
    (
        (
            "offender.court_order",
            "Subject to an existing court order (such as a Criminal Behaviour Order)",
        ),
        ("offender.bail_post_charge", "On bail after charge for other offences"),
        ("offender.suspended_sentence", "On a suspended sentence"),
        ("offender.wanted_on_warrant", "Wanted on warrant"),
        ("offender.pre_charge_bail", "On bail without charge (pre-charge bail)"),
        ("offender.released_under_investigation", "Released under investigation (RUI)"),
    ),
    "Select if the offender is any of these, or select ‘None of these’",
)

# Four pages for a routine case (issue 13: seven took too long on a shift). Each is one
# subject an officer works through in one sitting: what the offence is and scores; what
# could exclude it; the offender (checks, history, acceptance); the victim.
PAGES: tuple[Page, ...] = (
    Page(
        "offence",
        "The offence",
        (
            "offence.category",
            "offence.date",
            "victim.kind",
            "offence.gravity.matrix",
            "offence.gravity.base_score",
            "offence.gravity.final_score",
        ),
    ),
    Page("date-of-birth", "The offender's date of birth", ("offender.date_of_birth",)),
    Page(
        "about-the-offence",
        "About the offence",
        (
            *EXCLUDED.paths,
            "offence.exceptional_circumstances",
            "offence.domestic_abuse",
            "offence.coercive_control",
            "offence.hate_crime",
            "offence.suitable_for_prosecution",
        ),
        (EXCLUDED,),
    ),
    Page(
        "offender",
        "The offender",
        (
            *STATUS.paths,
            LIST_FIELD,
            "offender.accepts_responsibility",
            "offender.lawful_defence_or_mitigation_raised",
            "offender.understands_process",
            "offender.consents",
            "offender.vulnerable",
            "offender.capacity_confirmed",
        ),
        (STATUS,),
    ),
    Page(
        "drug",
        "The drug",
        ("offence.drug.personal_use", "offence.drug.substance", "offence.drug.class"),
    ),
    Page(
        "previous-outcome",
        "Previous outcome {n}",
        tuple(f"{OUTCOME_ITEM}.{leaf}" for leaf in ("outcome", "date", "category", "substance")),
    ),
    Page(
        "victim",
        "The victim",
        ("victim.consulted", "victim.consents", "victim.opportunity_to_express_views"),
    ),
    Page(
        "officer",
        "The officer who will deliver it",
        (
            "officer.role",
            "officer.rj_level1_trained",
            "officer.pcso_designated_power",
            "officer.investigated_by_warranted_officer",
        ),
    ),
)
_BY_PATTERN = {pattern: page for page in PAGES for pattern in page.paths}


@dataclass(frozen=True, slots=True)
class Part:
    """One question of a page, or one "Select all that apply" (`choices`) of several."""

    questions: tuple[Question, ...]
    choices: Choices | None = None


@dataclass(frozen=True, slots=True)
class PageAsk:
    page: Page
    heading: str
    questions: tuple[Question, ...]  # in the page's order

    @property
    def parts(self) -> list[Part]:
        return parts(self.page, self.questions)

    @property
    def first(self) -> str:
        return self.questions[0].field


def page_of(path: str) -> Page:
    """The page a fact is asked on (a page of its own for a fact no page names)."""
    pattern = _pattern(path)
    return _BY_PATTERN.get(pattern) or Page(pattern, "", (pattern,))


def paths_on(path: str) -> list[str]:
    """The facts asked on the page of `path` (of the same previous outcome, for an item)."""
    page = page_of(path)
    index = _index(path)
    return [p.replace("*", index) if index else p for p in page.paths]


def heading_of(path: str) -> str:
    page = page_of(path)
    index = _index(path)
    return page.heading.format(n=int(index) + 1) if index else page.heading


def ask(path: str, questions: list[Question]) -> PageAsk:
    """The page of `path` holding those of `questions` that are on it."""
    on = paths_on(path)
    chosen = sorted((q for q in questions if q.field in on), key=lambda q: on.index(q.field))
    return PageAsk(page_of(path), heading_of(path), tuple(chosen))


def next_page(questions: list[Question], assessment: dict) -> PageAsk | None:
    """The next page to show: the page of the first question, with those of `questions`
    (still to ask, best first) that are on it; only the ones an exclusion rests on when
    the first is such a one. None when nothing is left to ask."""
    if not questions:
        return None
    pending = _pending(questions, assessment)
    first = questions[0]
    if first.field in pending:
        questions = [q for q in questions if q.field in pending]
    return ask(first.field, questions)


def parts(page: Page, questions: tuple[Question, ...]) -> list[Part]:
    """The questions as the page shows them: each Choices once, where its first fact is."""
    out: list[Part] = []
    done: set[str] = set()
    for q in questions:
        choices = page.choices_of(_pattern(q.field))
        if choices is None:
            out.append(Part((q,)))
        elif choices.name not in done:
            done.add(choices.name)
            together = tuple(x for x in questions if _pattern(x.field) in choices.paths)
            out.append(Part(together, choices))
    return out


def _pending(questions: list[Question], assessment: dict) -> set[str]:
    defaults = {q.field for q in questions if q.has_default}
    out: set[str] = set()
    for reason in assessment.get("reasons", ()):
        if reason.get("effect") == "excludes":
            out |= defaults & set(reason.get("facts", ()))
    return out


def _index(path: str) -> str:
    parts_ = path.split(".")
    if path.startswith(LIST_FIELD + ".") and len(parts_) > 2 and parts_[2].isdigit():
        return parts_[2]
    return ""
