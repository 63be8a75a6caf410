"""Lighthouse 12 (npm's `lighthouse`, in the system's headless Chromium) on every kind of page
readers land on, as a phone and as a desktop: performance, accessibility, best practices and
SEO each score 100. The scores are printed at the end of the run and each report is kept in
test-artifacts/lighthouse/.

The site is served as `make run` serves it: gunicorn, production settings, static files
collected and compressed, the page cache on; each page is requested once before it is measured,
as the next reader finds it. Search results rightly keep `noindex` (they are not for search
engines), so there the crawlability audit does not count. Lighthouse refuses to audit a page
answered with a 404 status, so the 404 page is left to axe-core and the Nu Html Checker
(test_page_types.py, test_html_validity.py), which check it in both languages.

Performance is a measurement: a loaded machine can cost a point. A page below 100 on the first
run is measured twice more and judged by the median of the three, as Lighthouse CI does.
"""

import json
import os
import statistics
import subprocess

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, LIGHTHOUSE_SCORES
from tests.reader_page_types import PAGE_TYPES
from tests.reliability import servers
from tests.web_tools import ARTIFACTS, NODE_MODULES, missing

pytestmark = [pytest.mark.browser]

LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
REPORTS = ARTIFACTS / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LANDING_PAGES = ["home", "news-index", "article", "stamp-article", "contacts", "content-page"]
NOINDEX_PAGES = ["search-results"]
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}


@pytest.fixture(scope="module")
def served_site(chromium_path, tmp_path_factory):
    """The demo site under gunicorn with production settings, in its own folder and database."""
    if not LIGHTHOUSE.is_file():
        missing(f"lighthouse not found at {LIGHTHOUSE}; run `make install` (npm ci)")
    var_dir = tmp_path_factory.mktemp("lighthouse-site")
    port = servers.free_port(range(8780, 8800))
    env = {**servers.site_env(var_dir, port), "PAGE_CACHE": "1"}
    with open(var_dir / "server.log", "w") as log:
        servers.build_site(env, log)
        server = servers.start_gunicorn(env, port, log)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            servers.stop(server)


def lighthouse(url, name, form_factor, skip_audits):
    """One Lighthouse run: {category: score out of 100}, and the report saved."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{name}-{form_factor}.json"
    command = [
        str(LIGHTHOUSE), url,
        f"--chrome-path={os.environ.get('CHROMIUM_PATH', '/usr/bin/chromium')}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json", f"--output-path={report}", "--quiet",
        *FORM_FACTORS[form_factor],
    ]  # fmt: skip
    if skip_audits:
        command.append(f"--skip-audits={','.join(skip_audits)}")
    # Lighthouse sometimes loses its own trace of the load ("NO_NAVSTART ... run Lighthouse
    # again", in the report or, exiting 1, on stderr): a fault of the tool, not a score, so
    # that run is repeated.
    for _attempt in range(4):
        result = subprocess.run(  # noqa: S603 (npm's lighthouse, arguments we build)
            command, capture_output=True, text=True, timeout=180, check=False
        )
        if result.returncode != 0:
            assert "run Lighthouse again" in result.stderr, result.stderr[-2000:]
            problem = result.stderr.strip().splitlines()[-1]
            continue
        data = json.loads(report.read_text())
        if not data.get("runtimeError"):
            break
        problem = data["runtimeError"]["message"]
    else:
        pytest.fail(f"Lighthouse failed four times on {url}: {problem}")
    scores = {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES}
    return scores, data


def below_full_marks(data):
    """The scored audits that cost points, for the failure message."""
    return [
        f"{key}: {audit.get('displayValue') or audit['score']}"
        for key, audit in data["audits"].items()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    ]


@pytest.mark.parametrize("form_factor", list(FORM_FACTORS))
@pytest.mark.parametrize("name", LANDING_PAGES + NOINDEX_PAGES)
def test_lighthouse_scores_100_in_every_category(served_site, name, form_factor):
    url = served_site + PAGE_TYPES[name]
    # The page as the next reader gets it: rendered once and cached.
    assert servers.get(int(served_site.rsplit(":", 1)[1]), PAGE_TYPES[name])[0] == 200
    skip_audits = ["is-crawlable"] if name in NOINDEX_PAGES else []
    scores, data = lighthouse(url, name, form_factor, skip_audits)
    if scores["performance"] < 100:
        runs = [scores["performance"]]
        for _ in range(2):
            again, data_again = lighthouse(url, name, form_factor, skip_audits)
            runs.append(again["performance"])
            if again["performance"] < 100:
                data = data_again
        scores["performance"] = statistics.median(runs)
    LIGHTHOUSE_SCORES.append((f"{name} ({form_factor})", scores))
    assert all(score == 100 for score in scores.values()), (scores, below_full_marks(data))
