"""A person reads every free-text field of a drawn case before it goes into the panel's pack.

The redactor (crs.scrutiny.redaction) suggests what to take out; the reviewer accepts its
suggestion or edits the text further, and saves. What they save is checked again: if the
redactor still finds something in it, it is refused with the field named. The pack prints
only reviewed text, and is refused while any field of any case is unreviewed. Each review
is written to the case's audit trail (who, when, the text approved).

A review holds for the text it was made of: `source` is a digest of the original, so if a
record were changed after the draw, its field would need reviewing again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from crs.audit.log import record
from crs.cases.errors import Invalid

from .models import ReviewedText, SampleCase
from .redaction import Redaction, redactor_for
from .services import _permit


class TextLeft(Invalid):
    """Reviewed text refused: `errors` maps each field's key to why."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("Check the text: " + "; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class FreeText:
    key: str  # stable within the case: "description", "victim_view.12.views"
    label: str  # for the reviewer
    text: str


def free_text(case) -> list[FreeText]:
    """The case's free text the panel reads, in the order the pack shows it (blank left out)."""
    fields = [
        FreeText("description", "What happened (the offence)", case.offence_description),
        FreeText(
            "gravity_rationale", "How the gravity score was arrived at", case.gravity_rationale
        ),
    ]
    for n, a in enumerate(case.authorisations.order_by("given_at", "pk"), start=1):
        fields.append(
            FreeText(f"authorisation.{a.pk}.rationale", f"Authority {n}: rationale", a.rationale)
        )
    for n, v in enumerate(case.victim_views.order_by("asked_at", "pk"), start=1):
        fields.append(FreeText(f"victim_view.{v.pk}.views", f"Victim's views {n}", v.views))
        fields.append(FreeText(f"victim_view.{v.pk}.wishes", f"Victim's wishes {n}", v.wishes))
    for n, a in enumerate(case.actions.order_by("pk"), start=1):
        fields.append(
            FreeText(f"action.{a.pk}.description", f"Action {n}: what was agreed", a.description)
        )
        fields.append(FreeText(f"action.{a.pk}.notes", f"Action {n}: notes", a.notes))
    fields.append(FreeText("outcome_reason", "Why the case ended as it did", case.outcome_reason))
    return [f for f in fields if (f.text or "").strip()]


def digest(text: str) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()


@dataclass(frozen=True)
class FieldReview:
    field: FreeText
    suggestion: Redaction  # the redactor's
    reviewed: ReviewedText | None  # None: not yet reviewed (or the text changed since)


def reviews(sample_case: SampleCase) -> list[FieldReview]:
    """Each free-text field of the case, the redactor's suggestion, and its review if any."""
    case = sample_case.case
    redactor = redactor_for(case)
    saved = {r.field: r for r in sample_case.reviewed.select_related("reviewed_by")}
    out = []
    for f in free_text(case):
        review = saved.get(f.key)
        if review is not None and review.source != digest(f.text):
            review = None
        out.append(FieldReview(f, redactor.redact(f.text), review))
    return out


def segments(text: str, redaction: Redaction) -> list[tuple[str, object]]:
    """The original text in pieces, (piece, Span or None), for a page to <mark> the spans."""
    out, at = [], 0
    for s in redaction.spans:
        if s.start > at:
            out.append((text[at : s.start], None))
        out.append((s.text, s))
        at = s.end
    if at < len(text):
        out.append((text[at:], None))
    return out


def reviewed_texts(sample_case: SampleCase) -> dict[str, str | None]:
    """key -> the reviewed text the pack prints, or None where not yet reviewed."""
    return {r.field.key: (r.reviewed.text if r.reviewed else None) for r in reviews(sample_case)}


def outstanding(sample) -> list[tuple[SampleCase, int]]:
    """The sample's cases with free text still to review, and how many fields each.
    (No redactor here: the sample's page asks this of every case.)"""
    saved: dict[int, dict[str, str]] = {}
    for sc_id, field, source in ReviewedText.objects.filter(sample_case__sample=sample).values_list(
        "sample_case_id", "field", "source"
    ):
        saved.setdefault(sc_id, {})[field] = source
    out = []
    for sc in sample.cases.select_related("case").order_by("position"):
        done = saved.get(sc.pk, {})
        left = sum(1 for f in free_text(sc.case) if done.get(f.key) != digest(f.text))
        if left:
            out.append((sc, left))
    return out


def reviewers(sample) -> list[str]:
    """Who reviewed the sample's free text, by name and title (for the pack's cover)."""
    rows = ReviewedText.objects.filter(sample_case__sample=sample).select_related("reviewed_by")
    names = {
        f"{r.reviewed_by.get_full_name() or r.reviewed_by.username}, {r.reviewed_by.title}"
        for r in rows
    }
    return sorted(names)


def left_in(redaction: Redaction) -> str:
    """What the redactor found, as a sentence for a field's error."""
    found = ", ".join(f"{s.text!r} ({s.why})" for s in redaction.spans[:3])
    more = len(redaction.spans) - 3
    return found + (f" and {more} more" if more > 0 else "")


def save_reviews(user, sample_case: SampleCase, texts: dict[str, str]) -> list[ReviewedText]:
    """Record the reviewer's text of each field named in `texts` (all or none).

    Raises TextLeft with `errors` {key: message} when a text still holds something the
    redactor would take out, or is empty.
    """
    _permit(user)
    case = sample_case.case
    fields = {f.key: f for f in free_text(case)}
    redactor = redactor_for(case)
    errors = {}
    for key, text in texts.items():
        if key not in fields:
            errors[key] = "This field is not part of the case: reload the page."
            continue
        text = (text or "").strip()
        if not text:
            errors[key] = f"Enter the text of {fields[key].label.lower()} the panel should read"
            continue
        left = redactor.redact(text)
        if left.spans:
            errors[key] = (
                f"{fields[key].label}: take out what still identifies someone: {left_in(left)}"
            )
    if errors:
        raise TextLeft(errors)
    now = timezone.now()
    saved = []
    with transaction.atomic():
        for key, text in texts.items():
            text = text.strip()
            source = digest(fields[key].text)
            row = (
                ReviewedText.objects.select_for_update()
                .filter(sample_case=sample_case, field=key)
                .first()
            )
            before = None if row is None else {"text": row.text}
            if row is not None and row.text == text and row.source == source:
                saved.append(row)
                continue
            row = row or ReviewedText(sample_case=sample_case, field=key)
            row.source, row.text, row.reviewed_by, row.reviewed_at = source, text, user, now
            row.save()
            record(
                actor=user,
                case=case,
                action="scrutiny_text_reviewed",
                before=before,
                after={
                    "sample": sample_case.sample.name,
                    "pseudonym": sample_case.pseudonym,
                    "field": key,
                    "text": text,
                },
                why=f"Free text reviewed for the scrutiny pack, sample {sample_case.sample.name}",
            )
            saved.append(row)
    return saved
