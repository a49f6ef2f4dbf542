"""Do the documented rate limits hold on a running site? (issue 11 item 9)

Against a crs site on this machine (127.0.0.1 only: it sends hundreds of requests), run with
the default settings (`crs serve`: two gunicorn workers): makes --calls API calls with one
token as fast as it can from --clients connections at once, then --failures wrong-password
sign-ins from this address, each to a username of its own (so the lockout per username never
steps in), and says which call and which failure were the first refused with 429. With the
defaults (600/m, 50/15m) they should be the 601st and the 51st. The site is reached as its
TLS proxy would reach it (X-Forwarded-Proto: https), so production settings need no change.

    .venv/bin/python benchmarks/rate_limits.py --port 8000 --token crs_…
"""

from __future__ import annotations

import argparse
import http.client
import re
import threading
import time
from collections import Counter
from urllib.parse import urlencode


def connect(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port, timeout=30)


def api_calls(port: int, token: str, calls: int, clients: int) -> tuple[list[int], float]:
    """`calls` calls shared by `clients` connections at once (so both workers answer at the
    same time), in the order they were answered."""
    headers = {"Authorization": f"Bearer {token}", "X-Forwarded-Proto": "https"}
    statuses: list[int] = []
    lock = threading.Lock()

    def client(share: int) -> None:
        conn = connect(port)
        for _ in range(share):
            conn.request("GET", "/api/v1/cases?limit=1", headers=headers)
            response = conn.getresponse()
            response.read()
            with lock:
                statuses.append(response.status)

    shares = [calls // clients + (n < calls % clients) for n in range(clients)]
    threads = [threading.Thread(target=client, args=(share,)) for share in shares]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, time.monotonic() - began


def sign_in_failures(port: int, failures: int) -> tuple[list[int], float]:
    conn, statuses = connect(port), []
    proxy = {"X-Forwarded-Proto": "https"}
    conn.request("GET", "/sign-in/", headers=proxy)
    page = conn.getresponse()
    body = page.read().decode()
    cookies = "; ".join(
        c.split(";", 1)[0] for k, c in page.getheaders() if k.lower() == "set-cookie"
    )
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    headers = {
        **proxy,
        "Cookie": cookies,
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"https://127.0.0.1:{port}/sign-in/",
    }
    began = time.monotonic()
    for n in range(failures):
        form = {"csrfmiddlewaretoken": csrf, "username": f"guess{n}", "password": "wrong"}
        conn.request("POST", "/sign-in/", body=urlencode(form), headers=headers)
        response = conn.getresponse()
        response.read()
        statuses.append(response.status)
    return statuses, time.monotonic() - began


def first(statuses: list[int], status: int) -> int | None:
    return next((n for n, s in enumerate(statuses, 1) if s == status), None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--token", required=True, help="an API token with cases:read")
    parser.add_argument("--calls", type=int, default=601)
    parser.add_argument("--failures", type=int, default=51)
    parser.add_argument("--clients", type=int, default=2, help="API connections at once")
    args = parser.parse_args()
    statuses, took = api_calls(args.port, args.token, min(args.calls, 2000), max(1, args.clients))
    print(
        f"API: {len(statuses)} calls in {took:.1f} s: {dict(Counter(statuses))}; "
        f"first 429 at call {first(statuses, 429)}"
    )
    statuses, took = sign_in_failures(args.port, min(args.failures, 200))
    print(
        f"Sign-in: {len(statuses)} wrong passwords in {took:.1f} s: {dict(Counter(statuses))}; "
        f"first 429 at failure {first(statuses, 429)}"
    )


if __name__ == "__main__":
    main()
