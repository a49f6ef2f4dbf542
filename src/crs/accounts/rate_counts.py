"""Where the rate limits count (the API's per token, failed sign-ins per address), shared by
every process of a deployment: the database by default, which every deployment has, so the
limits hold across gunicorn's workers and several instances with nothing else to run; or
Redis, through Django's cache, when CRS_CACHE_URL names one (for scale: no database write per
API call).

A limit ("600/m") holds over any window of its length ending now, not over fixed windows,
which let twice the limit through across a window's edge. Counts are kept per slice of time:
a second, or a 900th of a window longer than 15 minutes. Every slice the window touches
counts whole, so a count is never less than the true one: a limit may hold up to one slice
longer than it needs to, and never lets more through. Only slices with a count are stored.

Each count is one atomic statement on the shared store (an UPDATE … SET count = count + 1, or
the INSERT that the unique key lets only one process make; Redis's INCR), so processes
counting at once lose nothing: tests/accounts/test_shared_counts.py runs two at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from ninja.throttling import SimpleRateThrottle

from .models import RateCount

SLICES = 900  # at most this many slices to a window


def _store_errors() -> tuple[type[BaseException], ...]:
    """What an unreachable store raises: the database's errors, the socket's, and Redis's when
    it is used. The store holds only counts, so the caller then lets the request through and
    logs it: losing the counts must cost the limits for a while, never the site."""
    errors: list[type[BaseException]] = [DatabaseError, OSError]
    try:
        # Redis is optional: its client is installed only where CRS_CACHE_URL names one
        from redis.exceptions import RedisError
    except ImportError:  # no Redis client installed
        pass
    else:
        errors.append(RedisError)
    return tuple(errors)


STORE_DOWN = _store_errors()


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int

    @classmethod
    def parse(cls, rate: str) -> Rate | None:
        """ "600/m" → 600 in 60 seconds; empty means no limit. The format is django-ninja's."""
        if not rate:
            return None
        parsed = SimpleRateThrottle(rate=rate)
        return cls(parsed.num_requests, parsed.duration)

    @property
    def slice(self) -> int:
        return max(1, math.ceil(self.seconds / SLICES))

    def slices(self, now: float) -> list[int]:
        """The starts of the slices the window ending now touches, oldest first."""
        width = self.slice
        first = int((now - self.seconds) // width) * width  # holds the window's start
        last = int(now // width) * width
        return list(range(first, last + 1, width))

    def expires(self, start: int) -> int:
        return start + self.slice + self.seconds


@dataclass(frozen=True)
class Count:
    total: int
    retry_after: int  # seconds until the total is below the limit again (0 if it is now)


def add(key: str, rate: Rate, now: float, by: int = 1) -> None:
    """Counts one (or `by`) against key in the current slice."""
    start = rate.slices(now)[-1]
    _store().add(key, start, by, rate.expires(start), now)


def count(key: str, rate: Rate, now: float) -> Count:
    """What key has counted over the window ending now."""
    starts = rate.slices(now)
    found = _store().get(key, starts)
    return Count(sum(found.values()), _retry_after(found, rate, now))


def take(key: str, rate: Rate, now: float) -> Count | None:
    """One more against key if the limit allows it (None), or what refused it. Counted
    first and checked after, so two processes taking the last place at once cannot both
    have it; a refusal is taken back, so a client that keeps trying is not held off longer."""
    start = rate.slices(now)[-1]
    store = _store()
    store.add(key, start, 1, rate.expires(start), now)
    found = store.get(key, rate.slices(now))
    if sum(found.values()) <= rate.limit:
        return None
    store.add(key, start, -1, rate.expires(start), now)
    found[start] = found.get(start, 1) - 1
    return Count(sum(found.values()), _retry_after(found, rate, now))


def _retry_after(found: dict[int, int], rate: Rate, now: float) -> int:
    total = sum(found.values())
    for start in sorted(found):
        if total < rate.limit:
            break
        total -= found[start]
        if total < rate.limit:
            return max(1, math.ceil(rate.expires(start) - now))
    return 0


def _store():
    return _CacheStore() if settings.CRS_CACHE_URL else _DatabaseStore()


class _DatabaseStore:
    def add(self, key, start, by, expires, now):
        row = RateCount.objects.filter(key=key, bucket=start)
        # Its own transaction (a savepoint inside another), so a failure here spoils no
        # caller's transaction on PostgreSQL.
        with transaction.atomic():
            if row.update(count=F("count") + by):
                return
            try:
                with transaction.atomic():
                    RateCount.objects.create(key=key, bucket=start, count=by, expires=expires)
            except IntegrityError:  # another process made the row first: count on it
                row.update(count=F("count") + by)
                return
        # A new slice: a moment to drop the slices no window can reach any more, so the
        # table holds only live counts.
        RateCount.objects.filter(expires__lt=now).delete()

    def get(self, key, starts):
        # Later slices too: another process, its clock a moment ahead, may already count in
        # the next slice, and a count it has made must be seen here, or both could take the
        # last place.
        rows = RateCount.objects.filter(key=key, bucket__gte=starts[0])
        return dict(rows.values_list("bucket", "count"))


class _CacheStore:
    """Redis through Django's cache: add then incr is atomic there (INCR), and a slice's key
    expires by itself."""

    @staticmethod
    def _key(key, start):
        return f"rate:{key}:{start}"

    def add(self, key, start, by, expires, now):
        name = self._key(key, start)
        timeout = max(1, math.ceil(expires - now))
        cache.add(name, 0, timeout=timeout)
        try:
            cache.incr(name, by)
        except ValueError:  # expired between the two calls
            cache.set(name, max(0, by), timeout=timeout)

    def get(self, key, starts):
        width = starts[1] - starts[0] if len(starts) > 1 else 1
        ahead = [starts[-1] + width * n for n in (1, 2)]  # as _DatabaseStore.get, two ahead
        names = {self._key(key, start): start for start in [*starts, *ahead]}
        return {names[name]: value for name, value in cache.get_many(list(names)).items()}
