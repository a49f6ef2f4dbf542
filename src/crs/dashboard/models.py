"""The dashboard's own copy of each case, reduced to what the figures count.

One narrow row per case (`CaseFigures`) and one row per IMU return (`Return`),
rebuilt from the record by crs.dashboard.summary; then their counts by month,
district and offence category (`Tally`), which is all the page reads. Over a
million cases even one scan of the per-case rows per figure is too slow for a
page; the tally holds a few rows per month, district and category whatever the
number of cases. Nothing here is the record: it can be deleted and rebuilt at will.
"""

from __future__ import annotations

from django.db import models


class CaseFigures(models.Model):
    case = models.OneToOneField(
        "cases.Case", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    offence_date = models.DateField(null=True)
    month = models.DateField(null=True, help_text="the first day of the offence's month")
    district = models.CharField(max_length=100)
    category = models.CharField(max_length=30)
    level = models.CharField(max_length=30, help_text="the highest authority the case needed")
    state = models.CharField(max_length=30)
    # given: the CR was delivered (agreed); not_given: refused, or withdrawn before agreement;
    # open: neither yet.
    outcome = models.CharField(max_length=10)
    restorative = models.BooleanField(default=False)
    completed = models.BooleanField(default=False)
    # Completed by due_by: within the limit of the pack the case was assessed under (16
    # weeks in the default pack; the name is the column's, kept).
    within_16_weeks = models.BooleanField(default=False)
    due_by = models.DateField(
        null=True,
        help_text="the day the outcomes must be complete by (4.4.4): the latest assessment's, "
        "under its pack's limit",
    )
    non_compliant = models.BooleanField(default=False)
    authorise_hours = models.FloatField(null=True)
    authorise_bucket = models.FloatField(
        null=True, help_text="authorise_hours rounded down to its histogram bucket"
    )
    imu_returns = models.PositiveIntegerField(default=0)
    satisfaction = models.CharField(max_length=30, blank=True)
    age_band = models.CharField(max_length=12)
    sex = models.CharField(max_length=12)
    ethnic_group = models.CharField(max_length=12)

    class Meta:
        indexes = [  # noqa: RUF012 (Django's Meta idiom)
            models.Index(fields=["offence_date"]),
            models.Index(fields=["authorise_hours"]),
        ]


class Return(models.Model):
    """An IMU return (4.5.4) and its reasons, copied from the audit trail."""

    figures = models.ForeignKey(CaseFigures, on_delete=models.CASCADE, related_name="returns")
    at = models.DateTimeField()
    reason = models.TextField()


class Tally(models.Model):
    """How many cases of one month, district and category count in one group of a figure.

    figure: headline (key: cases, given, restorative...), level, satisfaction, hours (key:
    the bucket's lower bound), reason (key: an IMU return's reason, n: returns), or one of
    age_band, sex, ethnic_group (key: the group, outcome: given, not_given or open).
    """

    month = models.DateField(null=True)
    district = models.CharField(max_length=100)
    category = models.CharField(max_length=30)
    figure = models.CharField(max_length=20)
    key = models.TextField()
    outcome = models.CharField(max_length=10, blank=True)
    n = models.PositiveBigIntegerField()
    # A rollup row sums every month of its district and category (month is then null): what
    # a page with no period chosen reads, a thirty-sixth of the rows for three years.
    rollup = models.BooleanField(default=False)

    class Meta:
        indexes = [  # noqa: RUF012 (Django's Meta idiom)
            models.Index(fields=["figure", "key", "month"]),
            models.Index(fields=["rollup", "month"]),
            models.Index(fields=["rollup", "district", "category"]),
        ]


class Refresh(models.Model):
    """When the copy was last brought up to date (one row)."""

    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    cases = models.PositiveIntegerField(default=0)
