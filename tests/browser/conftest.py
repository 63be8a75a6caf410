"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against `live_server`.

`live_server` makes every test transactional: Django empties every table after each one,
including the Locale, root collection, root page and default Site that Wagtail's migrations
create. `make test-browser` runs them in their own pytest invocation; in a mixed run
pytest-django orders transactional tests after the others, so those still see their data.
"""

import os
from pathlib import Path

import pytest

from tests.live import rebuild_demo_site

# Playwright's sync API runs an event loop in the main thread; without this, Django refuses
# database calls in the test body ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling outside hosts, which this
# network refuses; --no-sandbox because tests may run as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def chromium_path():
    """The system Chromium; Playwright's own browser download is never used.

    Missing on a developer's machine: the tests skip. Missing in CI (CI=true): they fail, so a
    green CI run always means the browser tests ran.
    """
    if os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK):
        return CHROMIUM_PATH
    message = (
        f"Chromium not found at {CHROMIUM_PATH}; install Debian's chromium "
        "(apt-get install -y chromium) or set CHROMIUM_PATH"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: browser tests must run, not skip)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS}


@pytest.fixture
def live_demo_site(chromium_path, live_server):
    """The demo site as `make run` builds it, served by `live_server`."""
    rebuild_demo_site()
    return live_server


@pytest.fixture
def screenshot():
    """Saves a full-page screenshot as test-artifacts/screenshots/NAME.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# (page, {category: score}) for every Lighthouse run (test_lighthouse.py), printed at the end.
LIGHTHOUSE_SCORES = []


def pytest_terminal_summary(terminalreporter):
    if not LIGHTHOUSE_SCORES:
        return
    terminalreporter.section("Lighthouse scores (performance, accessibility, best practices, SEO)")
    width = max(len(page) for page, _ in LIGHTHOUSE_SCORES)
    for page, scores in LIGHTHOUSE_SCORES:
        terminalreporter.write_line(
            f"{page:<{width}}  " + "  ".join(f"{s:>3}" for s in scores.values())
        )
