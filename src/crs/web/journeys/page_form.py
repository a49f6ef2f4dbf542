"""One page of the guided assessment as a GOV.UK form: several questions, each its own
fieldset with its own legend and errors (crs.policy.pages says which share a page).

    form = PageForm(ask, request.POST)      # ask: a crs.policy.pages.PageAsk
    form.is_valid()
    working = apply(form, working, today=...)   # keep it only when not form.errors

Each question is a QuestionForm (question_form.py) named after its fact
("offence.date-answer-day"); a "Select all that apply" of several yes/no facts
is a ChoicesForm whose exclusive "None of these" cannot be ticked with another
box. To the templates the page is one form: its fields, errors and error
summary are those of every question on it, in order.
"""

from __future__ import annotations

from django import forms

from crs.policy.pages import Choices, PageAsk, Part
from crs.policy.questions import AnswerError, Question, value_at
from crs.ui.forms import GovukForm

from . import answers
from .question_form import QuestionForm, initial_for

NONE = "none"


class ChoicesForm(GovukForm):
    """Several yes/no facts: a ticked box is yes, every other box no."""

    def __init__(self, choices: Choices, questions: tuple[Question, ...], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices, self.questions = choices, questions
        labels = dict(choices.options)
        field = forms.MultipleChoiceField(
            label=choices.text,
            help_text=choices.hint,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[*((q.field, labels[q.field]) for q in questions), (NONE, choices.none)],
            error_messages={"invalid_choice": choices.error},
        )
        field.exclusive = NONE
        self.fields["checks"] = field

    def clean_checks(self):
        ticked = self.cleaned_data["checks"]
        if not ticked or (NONE in ticked and len(ticked) > 1):
            raise forms.ValidationError(self.choices.error)
        return ticked

    def raws(self) -> list[tuple[Question, str]]:
        ticked = set(self.cleaned_data["checks"])
        return [(q, "yes" if q.field in ticked else "no") for q in self.questions]


def initial_checks(questions: tuple[Question, ...], facts: dict) -> list[str]:
    """The boxes of the answers given: "None of these" once every fact is answered no."""
    values = [value_at(facts, q.field) for q in questions]
    ticked = [q.field for q, value in zip(questions, values, strict=True) if value is True]
    if not ticked and values and all(value is False for value in values):
        return [NONE]
    return ticked


class PartForm:
    def __init__(self, part: Part, form):
        self.part, self.form = part, form
        self.question = part.questions[0]

    @property
    def field(self):
        return self.form["checks"] if self.part.choices else self.form["answer"]

    @property
    def optional(self) -> bool:
        q = self.question
        return self.part.choices is None and not q.needed and not q.has_default


class PageForm:
    """The forms of one page, to the templates one form (`errors`, and its fields in order
    for the error summary)."""

    def __init__(self, ask: PageAsk, data=None, *, facts: dict | None = None):
        self.ask = ask
        self.parts: list[PartForm] = []
        for part in ask.parts:
            if part.choices is not None:
                initial = {"checks": initial_checks(part.questions, facts)} if facts else {}
                form = ChoicesForm(
                    part.choices, part.questions, data, prefix=part.choices.name, initial=initial
                )
            else:
                q = part.questions[0]
                initial = initial_for(q, value_at(facts, q.field)) if facts else {}
                form = QuestionForm(q, data, prefix=q.field, initial=initial)
            self.parts.append(PartForm(part, form))

    def is_valid(self) -> bool:
        return all([p.form.is_valid() for p in self.parts])  # a list: every form cleaned

    @property
    def errors(self) -> dict:
        return {p.question.field: p.form.errors for p in self.parts if p.form.errors}

    def non_field_errors(self) -> list:
        return []

    def __iter__(self):
        for p in self.parts:
            yield from p.form


def apply(form: PageForm, working: answers.Working, *, today, case, draft: bool = False):
    """`working` with every answer on the page put in, in the page's order. Call after
    `form.is_valid()`, valid or not, so that every field says what is wrong with it: an
    answer refused is put on its own field; the caller keeps nothing when `form.errors`.
    `draft`: only the answers that can be used, errors left unsaid (the live panel)."""
    skipped = list(working.skipped)
    for p in form.parts:
        if p.form.errors:
            continue  # refused already (call after is_valid): unreadable
        target = "checks" if p.part.choices is not None else "answer"
        try:
            given = p.form.raws() if p.part.choices is not None else [(p.question, p.form.raw())]
        except AnswerError as exc:
            if not draft:
                p.form.add_error(target, answers.message(exc))
            continue
        for q, raw in given:
            try:
                working = answers.answer(working, q, raw, today=today, case=case)
            except answers.Skip:
                skipped.append(q.field)
            except AnswerError as exc:
                if not draft:
                    p.form.add_error(target, answers.message(exc))
                break
            else:
                skipped = [f for f in skipped if f != q.field]
    working.skipped = skipped
    return working
