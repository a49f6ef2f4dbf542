"""How long `crs serve --demo` takes to start (issue 15): from the command to the first answer.

    .venv/bin/python benchmarks/serve_start.py [--runs 3] [--crs .venv/bin/crs] [--output FILE]

Each run starts the real command on a free port of the loopback with a data directory
of its own, asks for / every 0.1 s until the server answers (any HTTP status), and then
stops it. Two kinds of start are timed, on the same data directory:

- first: a new data directory (migrate an empty SQLite database, gather and compress
  the static files, load the demo force);
- again: the same directory started again, as `make run` is on a developer's machine.

The target: under 15 s on the project's 2-core machine when it is idle. The load
average is printed before and after, since another process on two cores changes the
figures a lot. A report, not a test: it exits 0 and prints PASS or FAIL for each kind.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

TARGET_S = 15.0
GIVE_UP_S = 300.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
    except urllib.error.HTTPError:
        return True  # any status: the server answered
    except OSError:
        return False
    return True


def start_once(crs: str, data_dir: Path) -> float:
    """Seconds from starting `crs serve --demo` to its first answer; the server is stopped."""
    port = free_port()
    env = {**os.environ, "CRS_DATA_DIR": str(data_dir)}
    for name in ("DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"):
        env.pop(name, None)
    began = time.perf_counter()
    server = subprocess.Popen(
        [crs, "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its workers are stopped with it
    )
    try:
        while not answers(port):
            if server.poll() is not None:
                raise SystemExit(f"crs serve --demo stopped (exit {server.returncode})")
            if time.perf_counter() - began > GIVE_UP_S:
                raise SystemExit(f"crs serve --demo did not answer within {GIVE_UP_S:.0f} s")
            time.sleep(0.1)
        return time.perf_counter() - began
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="data directories to start in")
    parser.add_argument(
        "--crs", default=str(Path(sys.executable).with_name("crs")), help="the crs command"
    )
    parser.add_argument("--output", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    figures: dict[str, list[float]] = {"first": [], "again": []}
    for run in range(args.runs):
        data_dir = Path(tempfile.mkdtemp(prefix="crs-serve-start-"))
        try:
            figures["first"].append(start_once(args.crs, data_dir))
            figures["again"].append(start_once(args.crs, data_dir))
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)
        print(
            f"run {run + 1}: first {figures['first'][-1]:.1f} s, "
            f"again {figures['again'][-1]:.1f} s",
            flush=True,
        )
    load_after = os.getloadavg()
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    for kind, seconds in figures.items():
        median = statistics.median(seconds)
        verdict = "PASS" if median < TARGET_S else "FAIL"
        print(f"{kind:<6} median {median:.1f} s (target < {TARGET_S:.0f} s): {verdict}")
    if args.output:
        Path(args.output).write_text(
            json.dumps({"seconds": figures, "load": [load_before, load_after]}, indent=2)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
