"""Scrutiny panels: a sample of closed cases drawn for one sitting, and the panel's findings.

A Sample is one panel sitting's draw; it keeps everything needed to draw it
again (the seed, the period, the size, the stratification) and what it found
(how many closed cases, and how many of each offence category were drawn).
Each SampleCase carries the pseudonym the panel knows the case by. A Finding is
the panel's view of one case at that sitting, at most one per case per sitting.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

USER = settings.AUTH_USER_MODEL


class Sample(models.Model):
    class Stratification(models.TextChoices):
        OFFENCE_CATEGORY = "offence_category", "Offence category, in proportion"

    seed = models.BigIntegerField(
        help_text="the random generator's seed: the same seed and "
        "the same closed cases draw the same sample"
    )
    stratification = models.CharField(
        max_length=30, choices=Stratification.choices, default=Stratification.OFFENCE_CATEGORY
    )
    size = models.PositiveIntegerField(help_text="cases asked for")
    period_start = models.DateField(help_text="cases closed on or after this day")
    period_end = models.DateField(help_text="cases closed on or before this day")
    population = models.PositiveIntegerField(help_text="closed cases in the period when drawn")
    # {category: [closed cases in the period, cases drawn]}
    strata = models.JSONField(default=dict)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-pk",)

    def __str__(self) -> str:
        return f"Sample S{self.pk}"

    @property
    def name(self) -> str:
        return f"S{self.pk}"


class SampleCase(models.Model):
    sample = models.ForeignKey(Sample, on_delete=models.PROTECT, related_name="cases")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(help_text="1, 2, ... in the order drawn")
    offence_category = models.CharField(max_length=30, blank=True, help_text="its stratum")

    class Meta:
        ordering = ("sample", "position")
        constraints = (
            models.UniqueConstraint(fields=("sample", "position"), name="sample_position_unique"),
            models.UniqueConstraint(fields=("sample", "case"), name="sample_case_once"),
        )

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def pseudonym(self) -> str:
        """What the panel calls the case: S<sample>-<position>, never the crime reference."""
        return f"S{self.sample_id}-{self.position:02d}"


class Finding(models.Model):
    class Verdict(models.TextChoices):
        APPROPRIATE = "appropriate", "Appropriate"
        WITH_OBSERVATIONS = "appropriate_with_observations", "Appropriate with observations"
        INAPPROPRIATE = "inappropriate", "Inappropriate"
        NO_AGREEMENT = "no_agreement", "No agreement"

    sample_case = models.OneToOneField(SampleCase, on_delete=models.PROTECT, related_name="finding")
    finding = models.CharField(max_length=30, choices=Verdict.choices)
    comments = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.sample_case}: {self.get_finding_display()}"


class ReviewedText(models.Model):
    """One free-text field of a drawn case as a person approved it for the panel's pack.

    The pack prints `text`, never the field itself. `source` is a digest of the field as it
    was when reviewed: if the record changes, the review no longer counts (see review.py).
    """

    sample_case = models.ForeignKey(SampleCase, on_delete=models.PROTECT, related_name="reviewed")
    field = models.CharField(max_length=60, help_text="which text: review.free_text's key")
    source = models.CharField(max_length=64, help_text="SHA-256 of the original text")
    text = models.TextField(help_text="the redacted text the pack prints")
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField()

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("sample_case", "field"), name="reviewed_text_once"),
        )

    def __str__(self) -> str:
        return f"{self.sample_case}: {self.field}"
