"""One guided question as a GOV.UK form: its answer type decides the input.

    bool   Yes / No radios            enum   radios of the options
    date   day, month, year boxes     int    a number box
    str    a text area                list   "any found?" radios and a count per kind

Every input is optional to Django: a missing answer is judged by the engine
(`apply_answer` says "an answer is needed", or takes the default), so the web
and `crs interview` refuse the same answers with the same words. `raw()` turns
the cleaned input into the text apply_answer reads.
"""

from __future__ import annotations

from datetime import date

from django import forms

from crs.policy.labels import field_label
from crs.policy.questions import NONE, AnswerError, Question
from crs.ui.forms import DateField, GovukForm

YES_NO = [("yes", "Yes"), ("no", "No")]
LIST_HINT = (
    "Include every caution, community resolution, penalty notice, warning and conviction "
    "the checks found, with the number of each kind."
)


class QuestionForm(GovukForm):
    def __init__(self, question: Question, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = q = question
        # The engine's help for the list speaks to a terminal ("by number, separated by
        # commas"); the page asks for a count of each kind instead.
        hint = LIST_HINT if q.multiple else q.help
        if q.paragraph:
            hint = f"{hint} (SOP {q.paragraph})".strip()
        common = {"label": q.text, "required": False, "help_text": hint}
        if q.multiple:
            self.fields["answer"] = forms.ChoiceField(
                choices=[("yes", "Yes"), ("no", "No, none were found")],
                widget=forms.RadioSelect,
                **common,
            )
            for value, label in q.options:
                if value != NONE:
                    self.fields[f"count-{value}"] = forms.CharField(
                        label=label,
                        required=False,
                        widget=forms.TextInput(
                            attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}
                        ),
                    )
        elif q.answer_type == "bool":
            field = forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
            field.inline = True
            self.fields["answer"] = field
        elif q.answer_type == "enum":
            self.fields["answer"] = forms.ChoiceField(
                choices=list(q.options), widget=forms.RadioSelect, **common
            )
        elif q.answer_type == "date":
            self.fields["answer"] = DateField(subject=field_label(q.field), **common)
        elif q.answer_type == "int":
            self.fields["answer"] = forms.CharField(
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}
                ),
                **common,
            )
        else:
            self.fields["answer"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}), **common
            )

    @property
    def counts(self):
        return [self[name] for name in self.fields if name.startswith("count-")]

    def raw(self) -> str:
        """The answer as apply_answer reads it. Call after is_valid(); raises AnswerError."""
        q, data = self.question, self.cleaned_data
        if q.multiple:
            return self._list(data)
        value = data.get("answer")
        if value is None:
            return ""
        if q.answer_type == "date":
            return value.isoformat()
        return str(value).strip()

    def _list(self, data) -> str:
        kinds = []
        for value, _label in self.question.options:
            if value == NONE:
                continue
            text = (data.get(f"count-{value}") or "").strip() or "0"
            if not text.isdigit():
                raise AnswerError(self.question.field, "each number must be a whole number")
            kinds += [value] * int(text)
        found = data.get("answer")
        if found == "no":
            if kinds:
                raise AnswerError(self.question.field, "none cannot be given with other outcomes")
            return NONE
        if found == "yes":
            if not kinds:
                raise AnswerError(self.question.field, "give the number of each kind found")
            return ",".join(kinds)
        return ""


def initial_for(q: Question, value) -> dict:
    """The form's initial data for a stored answer (a Change link shows the answer given)."""
    if value is None:
        return {}
    if q.multiple:
        counts: dict[str, int] = {}
        for item in value:
            key = f"count-{item.get('outcome')}"
            counts[key] = counts.get(key, 0) + 1
        return {"answer": "yes" if value else "no", **{k: str(v) for k, v in counts.items()}}
    if q.answer_type == "bool":
        return {"answer": "yes" if value else "no"}
    if q.answer_type == "date":
        return {"answer": date.fromisoformat(value)}
    return {"answer": str(value)}
