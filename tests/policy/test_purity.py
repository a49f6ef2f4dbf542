"""The engine and the command line never import Django or any web code."""

import subprocess
import sys

from ..conftest import EXAMPLES, ROOT

CHECK = """
import sys
import crs.policy, crs.cli
from crs.policy.engine import assess
from crs.policy.questions import next_questions
from crs.cli import main
sys.argv = ["crs", "assess", {path!r}]
import io, contextlib
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(["assess", {path!r}])
    except SystemExit:
        pass
# The command line learns the apps' subcommands from crs.cli's own modules (argparse at
# their top, nothing else); nothing of the apps, the site or Django may load.
web = sorted(m for m in sys.modules if (
             m.split(".")[0] in {{"django", "ninja"}}
             or m.startswith(("crs.site", "crs.ui", "crs.web", "crs.cases", "crs.accounts",
                              "crs.audit", "crs.api", "crs.reminders", "crs.dashboard",
                              "crs.scrutiny", "crs.exchange", "crs.retention", "crs.backup"))))
print(",".join(web))
"""


def test_the_engine_and_assess_import_no_django():
    path = str(EXAMPLES / "01-adult-shop-theft.facts.json")
    done = subprocess.run(
        [sys.executable, "-c", CHECK.format(path=path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
