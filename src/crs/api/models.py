"""Per-user API tokens: only a prefix (the token's id) and a SHA-256 of the whole token are kept.

A token reads `crs_<prefix>_<secret>`. The prefix finds the row; the digest of
the whole string is compared in constant time. The secret itself is never
stored, so it is shown once, when the token is made. A token is scoped (what
it may do), expires, and can be revoked; a revoked or expired token is kept for
the record (who had one, when it was last used) but no longer authenticates.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# What a token may be used for. "cases:write" implies "cases:read" (see ApiToken.allows).
SCOPES = {
    "assess": "Assess facts (POST /assessments); nothing is saved.",
    "cases:read": "Read the cases you may see, and their records.",
    "cases:write": "Open and change cases, as you could on the web.",
    "exchange:read": "Export data (the data exchange).",
    "exchange:write": "Import data (the data exchange).",
}
IMPLIED = {"cases:write": {"cases:read"}, "exchange:write": {"exchange:read"}}

PREFIX = "crs"
ID_FORM = re.compile(r"[0-9a-f]{12}")
MAX_DAYS = 366  # a token always expires: at most a year and a day after it is made


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class TokenQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for.")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = TokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]  # noqa: RUF012 (Django's Meta idiom)

    def __str__(self) -> str:
        return f"{self.prefix} ({self.name})"

    @classmethod
    def issue(cls, user, *, name: str, scopes, days: int) -> tuple[ApiToken, str]:
        """Make a token; return it and the secret string, which is never stored or shown again."""
        scopes = sorted(set(scopes))
        unknown = [s for s in scopes if s not in SCOPES]
        if unknown or not scopes:
            raise ValueError(
                f"scopes: unknown scope {unknown[0]!r}"
                if unknown
                else "scopes: choose at least one"
            )
        if not 1 <= days <= MAX_DAYS:
            raise ValueError(f"expires_in_days: must be between 1 and {MAX_DAYS}")
        name = (name or "").strip()
        if not name or len(name) > 100:
            raise ValueError("name: give a name of 1 to 100 characters")
        prefix = secrets.token_hex(6)
        token = f"{PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
        row = cls.objects.create(
            user=user,
            name=name,
            prefix=prefix,
            digest=digest(token),
            scopes=scopes,
            expires_at=timezone.now() + timedelta(days=days),
        )
        return row, token

    @classmethod
    def find(cls, token: str) -> ApiToken | None:
        """The active token this string is, or None (unknown, altered, expired or revoked)."""
        parts = token.split("_", 2)
        # The id is what issue() made (12 hex digits): anything else is not looked up at all.
        if len(parts) != 3 or parts[0] != PREFIX or not ID_FORM.fullmatch(parts[1]):
            return None
        row = cls.objects.active().select_related("user").filter(prefix=parts[1]).first()
        if row is None or not hmac.compare_digest(row.digest, digest(token)):
            return None
        if not row.user.is_active:
            return None
        return row

    def allows(self, scope: str) -> bool:
        granted = set(self.scopes)
        for scope_held in self.scopes:
            granted |= IMPLIED.get(scope_held, set())
        return scope in granted

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
