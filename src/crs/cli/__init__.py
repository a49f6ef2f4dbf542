"""The `crs` command line: a thin door onto crs.policy and, through crs.site's one set-up,
onto the apps' services.

Imports are made inside each command so that `crs assess` starts quickly and never loads
Django. Each app's commands are a module here (crs.cli.cases, crs.cli.backup, ...): its
argparse set-up (`add_commands`) runs whenever the command line is built, so such a module
imports nothing at its top but the standard library and crs.cli.
Exit codes follow the contract: 0 for any assessment, 2 for facts (or
arguments) that are not valid, with one line on standard error naming the
field; `crs gravity lookup` exits 1 when no offence matches, as grep does.
No input, however malformed, gives a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from datetime import date

import orjson

EXIT_OK, EXIT_INVALID, EXIT_INTERNAL = 0, 2, 3


class CliError(Exception):
    """A one-line problem to report, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_INVALID):
        super().__init__(message)
        self.code = code


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror or exc}") from None


def _decode(raw: bytes):
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise CliError(f"(facts): malformed JSON: {exc}") from None


def _pack_option(path: str | None):
    if path is None:
        return None
    # Not at the top: every command imports this module, and the engine takes 0.2 s to load
    from crs.policy.pack import PackError, load_pack

    try:
        return load_pack(path)
    except PackError as exc:
        raise CliError(f"policy pack {exc}") from None


def _dump(assessment: dict, *, pretty: bool) -> bytes:
    option = orjson.OPT_INDENT_2 if pretty else 0
    return orjson.dumps(assessment, option=option) + b"\n"


def cmd_assess(args) -> int:
    # Not at the top: every command imports this module, and the engine takes 0.2 s to load
    from crs.policy import FactsError, PackError, assess_document

    pack = _pack_option(args.pack)
    if args.batch:
        return _assess_batch(args, pack)
    document = _decode(_read(args.file))
    try:
        assessment = assess_document(document, pack=pack, policy=args.policy)
    except FactsError as exc:
        raise CliError(str(exc)) from None
    except PackError as exc:
        raise CliError(f"policy pack {exc}") from None
    if args.format == "text":
        # Not at the top: every command imports this module, and the engine takes 0.2 s to load
        from crs.policy.explain import as_text

        sys.stdout.write(as_text(assessment, pack=pack))
    else:
        sys.stdout.buffer.write(_dump(assessment, pretty=True))
    return EXIT_OK


def _assess_batch(args, pack) -> int:
    """One assessment per input line; a bad line is reported and the rest go on.

    Every non-blank input line gives exactly one output line, so output line N
    answers input line N (blank lines are skipped on both sides). A bad line
    gives {"line": N, "error": "..."} there, and the same on standard error.
    """
    # Not at the top: every command imports this module, and the engine takes 0.2 s to load
    from crs.policy import FactsError, PackError
    from crs.policy.batch import AnswerText
    from crs.policy.facts import parse_facts
    from crs.policy.pack import pack_for

    today = date.today()
    out = sys.stdout.buffer
    stream = sys.stdin.buffer if args.file == "-" else _open(args.file)
    failures = 0
    packs: dict = {}
    dumps, loads, newline = orjson.dumps, orjson.loads, orjson.OPT_APPEND_NEWLINE
    answers = AnswerText().parts  # each answer as JSON text in parts (decision 0008)
    chunk: list[bytes] = []  # written a few hundred lines at a time, not line by line
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            facts = parse_facts(loads(line), today=today)
            chosen = pack or packs.get(facts.assessed_on)
            if chosen is None:
                chosen = packs[facts.assessed_on] = (
                    pack_for(facts.assessed_on, args.policy)
                    if args.policy
                    else pack_for(facts.assessed_on)
                )
            chunk += answers(facts, chosen)
        except (FactsError, PackError, orjson.JSONDecodeError) as exc:
            failures += 1
            message = (
                f"(facts): malformed JSON: {exc}"
                if isinstance(exc, orjson.JSONDecodeError)
                else str(exc)
            )
            chunk.append(dumps({"line": number, "error": message}, option=newline))
            out.write(b"".join(chunk))
            chunk.clear()
            out.flush()  # so the error line and its report on stderr come out together
            sys.stderr.write(f"crs: line {number}: {message}\n")
        if len(chunk) >= 4096:
            out.write(b"".join(chunk))
            chunk.clear()
    out.write(b"".join(chunk))
    return EXIT_INVALID if failures else EXIT_OK


def _open(path: str):
    try:
        return open(path, "rb")
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror or exc}") from None


def cmd_schema(args) -> int:
    # Not at the top: every command imports this module; the schemas take a second to load
    from crs.policy.schema import schemas

    sys.stdout.write(json.dumps(schemas(), indent=2) + "\n")
    return EXIT_OK


def cmd_policy_show(args) -> int:
    # Not at the top: every command imports this module, and the engine takes 0.2 s to load
    from crs.policy.explain import policy_text
    from crs.policy.pack import pack_for

    pack = _pack_option(args.pack)
    if pack is None:
        on = date_option("--on", args.on) or date.today()
        pack = pack_for(on)
    sys.stdout.write(policy_text(pack))
    return EXIT_OK


def cmd_policy_check(args) -> int:
    pack = _pack_option(args.pack)
    sys.stdout.write(
        f"{args.pack}: valid policy pack {pack.policy} version {pack.version}, "
        f"in force from {pack.effective_from.isoformat()}\n"
    )
    return EXIT_OK


def setup_django() -> None:
    """Set Django up for a command: crs.site.setup_command, the one set-up every command
    uses (no secret key or host names needed: a command signs nothing and answers no host)."""
    # Not at the top: building the parser must not load Django (crs assess starts without it)
    from crs.site import setup_command

    setup_command()


def date_option(option: str, text: str | None) -> date | None:
    """The date an option gives (YYYY-MM-DD), None if not given; a CliError naming it if bad."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{option}: must be a date YYYY-MM-DD, got {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crs",
        description="Community Resolutions under SOP O32g: decide, explain, record.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "assess",
        help="assess a case's facts (JSON) and print the decision",
        description="Assess case facts (docs/contract/assess.md). Exit 0 for any "
        "assessment, 2 for facts that are not valid.",
    )
    p.add_argument("file", metavar="FILE", help='facts as JSON, or "-" for standard input')
    p.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="json (default) for systems, text for a person",
    )
    p.add_argument(
        "--batch",
        action="store_true",
        help="FILE is JSON Lines: one case per line, one assessment per line",
    )
    p.add_argument("--pack", metavar="PACK", help="use this policy pack file")
    p.add_argument("--policy", metavar="ID", help="use the packs of this policy id")
    p.set_defaults(run=cmd_assess)

    p = sub.add_parser("schema", help="print the JSON Schema of the facts and the assessment")
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("policy", help="show or check policy packs")
    psub = p.add_subparsers(dest="policy_command", metavar="ACTION", required=True)
    q = psub.add_parser("show", help="list the rules, their paragraphs and the pack's values")
    q.add_argument("--pack", metavar="PACK", help="a pack file (default: the one in force)")
    q.add_argument("--on", metavar="DATE", help="the pack in force on this date")
    q.set_defaults(run=cmd_policy_show)
    q = psub.add_parser("check", help="validate a policy pack file")
    q.add_argument("pack", metavar="PACK")
    q.set_defaults(run=cmd_policy_check)

    p = sub.add_parser("gravity", help="look offences up in a force's gravity matrix CSV")
    gsub = p.add_subparsers(dest="gravity_command", metavar="ACTION", required=True)
    q = gsub.add_parser(
        "lookup",
        help="find offences matching TEXT and their scores",
        description="Find offences in a gravity matrix CSV. Exit 0 when found, 1 when "
        "nothing matches, 2 for invalid input (a bad CSV names its line and column).",
    )
    q.add_argument("text", metavar="TEXT", help="words of the offence, e.g. shoplifting")
    q.add_argument(
        "--csv",
        metavar="FILE",
        help="the force's offence-to-score CSV (default: $CRS_GRAVITY_CSV, else the "
        "illustrative sample)",
    )
    q.add_argument("--limit", type=int, default=10, help="at most this many matches")
    q.set_defaults(run=_lazy("crs.cli.gravity", "cmd_lookup"))

    p = sub.add_parser("interview", help="answer the questions a decision needs, in the terminal")
    p.add_argument("--facts", metavar="FILE", help="start from these partial facts (JSON)")
    p.add_argument("--pack", metavar="PACK", help="use this policy pack file")
    p.add_argument("--save", metavar="FILE", help="write the facts gathered to FILE")
    p.set_defaults(run=_lazy("crs.cli.interview", "cmd_interview"))

    p = sub.add_parser("serve", help="run the web app (with --demo: demo force and data)")
    p.add_argument(
        "--demo",
        action="store_true",
        help="migrate, load a demo force with fake cases and a user for every role",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=int, default=8000, help="port to listen on")
    p.add_argument("--workers", type=int, default=2, help="web server worker processes")
    p.set_defaults(run=_lazy("crs.cli.serve", "cmd_serve"))

    p = sub.add_parser(
        "screenshots",
        help="save screenshots of the main pages, from a throwaway demo site",
        description="Run the site on a temporary SQLite database with the demo force and "
        "save the main pages as PNG files at desktop width and at 390 px, signed in as the "
        "persona each page is for. Needs Chromium (scripts/install-chromium).",
    )
    p.add_argument(
        "--output",
        metavar="DIR",
        default="docs/screenshots",
        help="where to write the PNG files (default docs/screenshots)",
    )
    p.add_argument("--width", type=int, default=1280, metavar="N", help="desktop width in pixels")
    p.add_argument(
        "--page",
        action="append",
        metavar="NAME",
        help="only this page (repeatable): sign-in, home, case-list, case, "
        "assessment-question, check-answers, authorisation",
    )
    p.set_defaults(run=_lazy("crs.cli.screenshots", "cmd_screenshots"))

    p = sub.add_parser("audit", help="check the audit trail")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    q = asub.add_parser("verify", help="verify the hash chain; name the first altered entry")
    q.set_defaults(run=_lazy("crs.cli.audit", "cmd_verify"))
    q = asub.add_parser(
        "access",
        help="who viewed, searched or exported a case or a person's record (access log)",
    )
    q.add_argument("--case", metavar="REF", help="the case's crime reference")
    q.add_argument("--family-name", metavar="NAME", help="a person's family name")
    q.add_argument("--given-name", metavar="NAME", help="and given name")
    q.add_argument("--dob", metavar="DATE", help="and date of birth, YYYY-MM-DD")
    q.set_defaults(run=_lazy("crs.cli.audit", "cmd_access"))

    p = sub.add_parser("bench", help="measure assessment throughput and start-up time")
    p.add_argument("--cases", type=int, default=100_000, help="cases in the batch benchmark")
    p.add_argument("--output", metavar="FILE", help="also write the results as JSON to FILE")
    p.add_argument("--runs", type=int, help="start-up runs of each command (default 20)")
    p.set_defaults(run=_lazy("crs.bench", "cmd_bench"))

    # The apps' own commands (worker, reassess, import/export...): each module holds only
    # argparse set-up, so building the parser stays cheap.
    for module in COMMAND_MODULES:
        importlib.import_module(module).add_commands(sub, _lazy)
    return parser


COMMAND_MODULES = (
    "crs.cli.cases",
    "crs.cli.tokens",
    "crs.cli.reminders",
    "crs.cli.dashboard",
    "crs.cli.scrutiny",
    "crs.cli.exchange",
    "crs.cli.backup",
    "crs.cli.retention",
)


def _lazy(module: str, name: str):
    """A command implemented in another module, imported only when it runs."""

    def run(args) -> int:
        return getattr(importlib.import_module(module), name)(args)

    return run


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return args.run(args)
    except CliError as exc:
        sys.stderr.write(f"crs: {exc}\n")
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never a traceback for a user; say what broke
        if type(exc).__name__ == "ImproperlyConfigured":  # named so: Django may not be loaded
            sys.stderr.write(f"crs: the settings are wrong: {exc}\n")
            return EXIT_INVALID
        sys.stderr.write(f"crs: internal error: {type(exc).__name__}: {exc}\n")
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
