"""The cache the rate limits count in (CRS_CACHE_URL, docs/deploy.md), and what it raises
when it cannot be reached.

The cache holds only counts, so a limit whose cache is down lets the request through and
logs it: losing the cache must cost the limits for a while, never the site.
"""

from __future__ import annotations


def cache_errors() -> tuple[type[BaseException], ...]:
    """The errors of an unreachable cache: the socket's own, and Redis's when it is used."""
    errors: list[type[BaseException]] = [OSError]
    try:
        from redis.exceptions import RedisError
    except ImportError:  # no Redis client installed: the cache is in this process's memory
        pass
    else:
        errors.append(RedisError)
    return tuple(errors)
