"""`make help`, the first thing a newcomer types: it lists every target the Makefile has."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_help_lists_every_target():
    """Each rule of the Makefile named in lower case appears in `make help` with a description."""
    makefile = (REPO / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    result = subprocess.run(  # noqa: S603 (a fixed command)
        ["make", "--no-print-directory", "-s", "help"],  # noqa: S607 (make from PATH)
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    listed = dict(re.findall(r"^\s+make (\S+)\s+(.+)$", result.stdout, flags=re.MULTILINE))
    assert targets - set(listed) == set(), result.stdout
    assert all(description.strip() for description in listed.values())
