"""The web's own checkers, from npm: axe-core (accessibility) and the Nu Html Checker (vnu-jar).

`make install` installs them into node_modules/ with `npm ci`. Where one is missing the checks
skip with a message, except in CI (CI=true), where they fail: a green CI run always means they
ran.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = REPO / "test-artifacts"

# The WCAG 2.0, 2.1 and 2.2 A and AA rules (2.2 adds target size, 2.5.8, at AA).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def missing(message):
    """Skip outside CI, fail in CI."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: this check must run, not skip)", pytrace=False)
    pytest.skip(message)


def axe_script():
    """The path of axe.min.js, or skip/fail when npm has not installed it."""
    if not AXE_JS.is_file():
        missing(f"axe-core not found at {AXE_JS}; run `make install` (npm ci)")
    return AXE_JS


def vnu_command():
    """The command that runs the Nu Html Checker, or skip/fail when Java or the jar is missing."""
    java = shutil.which("java")
    if java is None:
        missing("java not found; install a JRE (apt-get install -y default-jre-headless)")
    if not VNU_JAR.is_file():
        missing(f"vnu-jar not found at {VNU_JAR}; run `make install` (npm ci)")
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def vnu_errors(paths):
    """The Nu Html Checker's errors for HTML files, as "file:line: message" strings."""
    result = subprocess.run(  # noqa: S603 (a fixed command on files the tests wrote)
        [*vnu_command(), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # vnu writes its JSON report to stderr and exits 1 when it finds errors.
    try:
        messages = json.loads(result.stderr or "{}").get("messages", [])
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON report (exit {result.returncode}): {result.stderr[:2000]}")
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('message')} "
        f"[{m.get('extract', '').strip()[:80]}]"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]


def format_axe_violations(violations):
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return "\n".join(lines)
