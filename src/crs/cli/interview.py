"""`crs interview`: ask, in the terminal, the questions a decision needs.

    crs interview [--facts FILE] [--pack PACK] [--save FILE]

Reads answers from standard input line by line and writes the questions to
standard output (no curses, so it can be scripted and tested with a pipe).
The questions and their order come from crs.policy.questions; after every
answer the facts are assessed again, and the interview stops as soon as the
case is settled as not eligible or nothing is left to ask. Then the
assessment is printed as `crs assess --format text` prints it.

- `assessed_on` is not asked: when the facts leave it out it is set to today,
  and the interview says so. It is written into the saved facts, so that
  `crs assess` gives the same decision on another day.
- A question with a contract default shows it ("[default: no]"); an empty
  answer takes it, and the default is written into the facts (confirmed).
  A question the decision does not need and that has no default (the date of
  a previous conviction) can be skipped with an empty answer.
- A bad answer is refused with the reason, and the question is asked again.
- End of input before the end: a message on standard error and exit 2. With
  --save the facts gathered so far are saved all the same (every answer in
  them was checked, so they are valid facts), and `--facts FILE` carries on
  from them; without --save nothing is written.
- Ctrl-C: exit 130, no traceback, nothing saved (an interruption abandons the
  interview on purpose).
"""

from __future__ import annotations

import json
import sys
from datetime import date

from crs.cli import EXIT_INVALID, EXIT_OK, CliError, _decode, _pack_option, _read
from crs.policy import FactsError
from crs.policy.derived import filled
from crs.policy.explain import as_text
from crs.policy.facts import parse_facts
from crs.policy.pack import pack_for
from crs.policy.questions import QUESTIONS, AnswerError, apply_answer, review, value_at

EXIT_INTERRUPTED = 130


class _EndOfInput(Exception):
    pass


def cmd_interview(args) -> int:
    today = date.today()
    document = _decode(_read(args.facts)) if args.facts else {}
    if not isinstance(document, dict):
        raise CliError("(facts): must be an object")
    pack = _pack_option(args.pack)
    out = sys.stdout
    if "assessed_on" not in document:
        document["assessed_on"] = today.isoformat()
        out.write(
            f"The assessment date (assessed_on) is not given: using today, {today.isoformat()}.\n"
        )
    try:
        facts = parse_facts(document, today=today)
    except FactsError as exc:
        raise CliError(str(exc)) from None
    if pack is None:
        pack = pack_for(facts.assessed_on)
    session = _Session(document, today, pack, sys.stdin, out)
    try:
        session.run()
    except _EndOfInput:
        out.write("\n")
        out.flush()
        sys.stderr.write("crs: input ended before the interview was finished\n")
        if args.save:
            _save(args.save, session.document)
            sys.stderr.write(
                f"crs: the facts gathered so far are saved in {args.save}; "
                f"`crs interview --facts {args.save}` carries on from them\n"
            )
        return EXIT_INVALID
    except KeyboardInterrupt:
        out.write("\n")
        out.flush()
        sys.stderr.write("crs: interrupted; nothing saved\n")
        return EXIT_INTERRUPTED
    if args.save:
        _save(args.save, session.document)
        out.write(f"\nFacts saved to {args.save}.\n")
    return EXIT_OK


def _save(path: str, document: dict) -> None:
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror or exc}") from None


class _Session:
    def __init__(self, document: dict, today: date, pack, stdin, stdout):
        self.document, self.today, self.pack = document, today, pack
        self.stdin, self.out = stdin, stdout
        self.skipped: set[str] = set()
        self.asked = 0

    def run(self) -> None:
        self.say(
            "Answer each question and press Enter. An empty answer takes the [default]. "
            "End of input (Ctrl-D) stops."
        )
        if value_at(self.document, "offence.description") is None:
            self.say(f"\n{QUESTIONS['offence.description'].text} (optional: Enter to skip)")
            self.prompt("[text; Enter to skip] ")
            text = self.read().strip()
            if text:
                self.document = apply_answer(self.document, "offence.description", text)
        while True:
            # The matrix is never asked: it follows from the date of birth (Ruling R29).
            self.document = filled(self.document, today=self.today)
            state = review(self.document, today=self.today, pack=self.pack)
            if state.settled:
                self.say("\nThe case is not eligible: no further questions are needed.")
                break
            questions = [q for q in state.questions if q.field not in self.skipped]
            if not questions:
                break
            self.ask(questions[0], left=len(questions) - 1)
        self.say("\n" + as_text(state.assessment, self.pack.rulings, pack=self.pack).rstrip("\n"))

    def ask(self, q, *, left: int) -> None:
        self.asked += 1
        more = f", about {left} more" if left else ""
        self.say(f"\n[{self.asked}{more}] {q.text}")
        detail = f"  {q.field}" + (f", SOP {q.paragraph}" if q.paragraph else "")
        self.say(detail + (f". {q.help}" if q.help else ""))
        for number, (value, label) in enumerate(q.options, start=1):
            self.say(f"  {number:>2}. {label} ({value})")
        hint = _hint(q)
        while True:
            self.prompt(hint)
            raw = self.read()
            if not raw.strip() and not q.has_default and not q.needed:
                self.skipped.add(q.field)
                return
            try:
                self.document = apply_answer(self.document, q.field, raw, today=self.today)
                return
            except AnswerError as exc:
                self.say(f"  Not accepted: {exc}")
                self.say(f"  {q.text}")

    def read(self) -> str:
        line = self.stdin.readline()
        if not line:
            raise _EndOfInput
        line = line.rstrip("\r\n")
        if not self.stdin.isatty():
            self.say(line)  # piped answers: keep the transcript readable
        return line

    def say(self, text: str) -> None:
        self.out.write(text + "\n")

    def prompt(self, hint: str) -> None:
        self.out.write(f"{hint}> ")
        self.out.flush()


def _hint(q) -> str:
    if q.multiple:
        kind = "numbers separated by commas (1 for none)"
    elif q.answer_type == "enum":
        kind = f"a number from 1 to {len(q.options)}"
    else:
        kind = {
            "bool": "yes or no",
            "date": "a date YYYY-MM-DD",
            "int": "a whole number",
            "str": "text",
        }[q.answer_type]
    if q.has_default:
        shown = {True: "yes", False: "no"}.get(q.default, q.default)
        return f"[{kind}] [default: {shown}] "
    if not q.needed:
        return f"[{kind}; Enter to skip] "
    return f"[{kind}] "
