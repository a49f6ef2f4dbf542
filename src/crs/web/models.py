"""The one table of crs.web: the rate limits' counts (crs.web.rate_counts)."""

from __future__ import annotations

from django.db import models


class RateCount(models.Model):
    """How many times one thing was counted (a token's calls, an address's failed sign-ins)
    in one short slice of time. A row a slice, so a limit can sum the slices of its window;
    `expires` is when the slice no longer falls in any window, and rows past it are deleted."""

    key = models.CharField(max_length=200)
    bucket = models.BigIntegerField()  # the slice's start, whole seconds since the epoch
    count = models.IntegerField(default=0)
    expires = models.BigIntegerField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "bucket"], name="web_ratecount_one_per_slice")
        ]

    def __str__(self):
        return f"{self.key} @{self.bucket}: {self.count}"
