"""Failed sign-ins counted per network address (issue 6, OWASP ASVS 2.2.1).

The lockout per username (django-axes) never sees password spraying, one guess tried against
many usernames, since no username reaches its limit. So failures are also counted per client
address, and past the limit a sign-in from that address is refused before any password is
checked. A police station signs in through one NAT address at shift change, so only failures
count, never successes, and the limit is generous: CRS_SIGN_IN_FAILURE_RATE, in the format of
CRS_API_RATE ("50/15m"; empty turns the throttle off), read at every call.

The counts are shared by every worker and instance (crs.accounts.rate_counts: the database, or
Redis with CRS_CACHE_URL), over any window of the rate's length ending now: 50 failures in
any 15 minutes, not in each clock quarter-hour. Retry-After is the time until enough of the
failures are old enough to leave the window. The check comes before the password and the
count after it, so failures sent at the very same moment from several workers can pass the
limit by one a worker, no more.
"""

from __future__ import annotations

import ipaddress
import logging
import time
from dataclasses import dataclass

from django.conf import settings

from crs.accounts import rate_counts

log = logging.getLogger("crs.accounts.sign_in_throttle")
now = time.time  # the clock, a name of its own so that tests can move it


@dataclass(frozen=True)
class Refusal:
    address: str
    failures: int
    retry_after: int  # seconds until a failure leaves the window


def client_ip(request) -> str:
    """The client's address as crs's own reverse proxies saw it.

    With CRS_TRUSTED_PROXIES = 0 (the default) the connection's address, REMOTE_ADDR: no
    X-Forwarded-For is trusted, since a client can write anything there. With N trusted
    proxies in front of crs, each appending the address it was reached from, the N-th entry
    from the right of X-Forwarded-For is the one the outermost trusted proxy saw; entries
    further left were written by the client and are ignored. django-axes reads it too
    (AXES_CLIENT_IP_CALLABLE), so its records name the same address."""
    trusted = int(getattr(settings, "CRS_TRUSTED_PROXIES", 0) or 0)
    if trusted > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= trusted:
            address = _address_only(hops[-trusted])
            if address is not None:
                return address
    return request.META.get("REMOTE_ADDR", "")


def _address_only(hop: str) -> str | None:
    """The address of one X-Forwarded-For entry, without the port some proxies add
    ("198.51.100.7:51234", "[2001:db8::1]:443"), or None if it is not an address: a port
    that changes with every connection must not make a new address, and the lockout's
    records keep addresses in an address column."""
    candidates = [hop]
    if hop.startswith("[") and "]" in hop:
        candidates = [hop[1 : hop.index("]")]]
    elif hop.count(":") == 1:
        candidates.append(hop.split(":", 1)[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def client_address(request) -> str:
    """The address failures are counted by: the client's (client_ip).

    An IPv6 host is usually given a whole /64, so its /64 counts as one address: otherwise
    it could take a fresh address for every guess."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _key(address: str) -> str:
    return f"sign-in-failures:{address}"


def refusal(request) -> Refusal | None:
    """Why a sign-in from this address must be refused now, or None if it may go ahead."""
    rate = rate_counts.Rate.parse(getattr(settings, "CRS_SIGN_IN_FAILURE_RATE", ""))
    if rate is None:
        return None
    address = client_address(request)
    try:
        failures = rate_counts.count(_key(address), rate, now())
    except rate_counts.STORE_DOWN as exc:
        # Only counts live there: without them sign-in goes on, guarded still by the
        # lockout per username (django-axes, its own table), rather than the whole site failing.
        log.warning("sign-in throttle: counts unavailable, not counting (%s)", exc)
        return None
    if failures.total < rate.limit:
        return None
    return Refusal(address, failures.total, failures.retry_after)


def count_failure(request) -> None:
    rate = rate_counts.Rate.parse(getattr(settings, "CRS_SIGN_IN_FAILURE_RATE", ""))
    if rate is None:
        return
    try:
        rate_counts.add(_key(client_address(request)), rate, now())
    except rate_counts.STORE_DOWN as exc:
        log.warning("sign-in throttle: counts unavailable, failure not counted (%s)", exc)
