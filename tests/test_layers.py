"""The layers of crs hold (docs/decisions/0013-layers.md), and an import made inside a function
says why it is not at the module's top (issue 12, item 2).

An import inside a function hides a dependency from the reader of the module's top, and can
hide a cycle; it is kept only where it must wait (Django not set up yet, a heavy library used
rarely, a command line that must start without Django), and then a comment says which.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import ROOT

SRC = ROOT / "src" / "crs"
# A trailing comment that only speaks to a tool says nothing to the reader about why.
PRAGMAS = ("noqa", "type:", "pragma", "nosec")


def _import_blocks(tree: ast.AST):
    """Each run of import statements next to each other inside a function, in order."""

    def visit(node: ast.AST, in_function: bool):
        in_function = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for _, value in ast.iter_fields(node):
            if not (isinstance(value, list) and value and isinstance(value[0], ast.stmt)):
                continue
            run: list[ast.stmt] = []
            for statement in [*value, None]:
                if isinstance(statement, ast.Import | ast.ImportFrom):
                    run.append(statement)
                    continue
                if run and in_function:
                    yield run
                run = []
        for child in ast.iter_child_nodes(node):
            yield from visit(child, in_function)

    yield from visit(tree, False)


def _trailing_reason(lines: list[str], statement: ast.stmt) -> bool:
    """Whether the statement's own lines carry a comment that is not just a tool's pragma
    (an import statement holds no string, so a # starts a comment)."""
    for line in lines[statement.lineno - 1 : statement.end_lineno]:
        _, hash_mark, comment = line.partition("#")
        if hash_mark and not comment.strip().startswith(PRAGMAS):
            return True
    return False


def unexplained(source: str) -> list[int]:
    """The lines of the imports inside a function that give no reason: a block of imports
    needs a comment on the line directly above it, else each of its imports a comment of
    its own at the end of its line."""
    lines = source.splitlines()
    found = []
    for block in _import_blocks(ast.parse(source)):
        above = block[0].lineno - 2
        if above >= 0 and lines[above].strip().startswith("#"):
            continue
        found += [s.lineno for s in block if not _trailing_reason(lines, s)]
    return sorted(found)


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" not in path.relative_to(SRC).parts:
            yield path


def test_every_import_inside_a_function_says_why():
    silent = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _modules()
        for line in unexplained(path.read_text(encoding="utf-8"))
    ]
    assert not silent, (
        "import inside a function with no comment saying why it is not at the module's top "
        "(lift it, or say why on the line above): " + ", ".join(silent)
    )


SILENT = '''
import os


def a():
    """An import after the docstring, with nothing saying why."""
    from datetime import date

    return date


class B:
    def c(self):
        try:
            import json
        except ImportError:  # the reason is not here but on the import
            pass
        # a comment one blank line away is not directly above

        import re

        from sys import argv  # noqa: F401

        return json, re, argv


def d():
    # Django is set up first
    from django.conf import settings
    from django.db import models

    def inner():
        import csv

        return csv

    return settings, models, inner
'''


def test_an_import_inside_a_function_without_a_reason_is_found():
    lines = SILENT.splitlines()
    found = [lines[n - 1].strip() for n in unexplained(SILENT)]
    assert found == [
        "from datetime import date",
        "import json",
        "import re",
        "from sys import argv  # noqa: F401",
        "import csv",
    ]


def test_a_reason_above_a_block_or_at_the_end_of_each_line_is_enough():
    source = textwrap.dedent(
        """
        import os


        def f():
            if os.environ:
                # WeasyPrint takes a second to import: only a PDF needs it
                from weasyprint import HTML
                from weasyprint.urls import URLFetcher

                return HTML, URLFetcher
            import scipy  # seconds to import, for one figure
            import redis  # optional: installed only where a cache is named

            return scipy, redis
        """
    )
    assert unexplained(source) == []


def _lint_imports() -> Path:
    return Path(sys.executable).parent / "lint-imports"


@pytest.mark.skipif(
    not _lint_imports().exists(),
    reason="lint-imports is not installed: import-linter is a dev dependency (`uv sync`)",
)
def test_the_layer_contracts_hold():
    done = subprocess.run(
        [str(_lint_imports()), "--no-cache", "--no-logo"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
