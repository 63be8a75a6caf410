"""The Nu Html Checker (vnu-jar, the W3C's validator) finds no error in any kind of page.

The HTML is what the server sends, saved in test-artifacts/html/ and checked in one run of the
checker (one Java start-up, about three seconds, for every page).
"""

import pytest

from tests.reader_page_types import PAGE_TYPES
from tests.web_tools import ARTIFACTS, vnu_command, vnu_errors

pytestmark = pytest.mark.usefixtures("demo_site")

HTML_DIR = ARTIFACTS / "html"


def test_every_page_type_is_valid_html(client):
    """Every page type, including the 404 and 500 pages, passes the Nu Html Checker."""
    vnu_command()  # skip (or fail in CI) before rendering anything if the checker is missing
    from django.template import loader

    HTML_DIR.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, url in PAGE_TYPES.items():
        response = client.get(url)
        assert response.status_code == (404 if name.endswith("not-found") else 200), url
        path = HTML_DIR / f"{name}.html"
        path.write_bytes(response.content)
        paths.append(path)
    server_error = HTML_DIR / "server-error.html"
    server_error.write_text(loader.get_template("500.html").render({}), encoding="utf-8")
    paths.append(server_error)

    assert vnu_errors(paths) == []


def test_the_checker_does_find_errors(tmp_path):
    """The check above could not pass by accident: an invalid page gives errors."""
    vnu_command()
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><head></head><body><p><div></p></body></html>")
    errors = vnu_errors([bad])
    assert any("div" in error for error in errors), errors


@pytest.mark.parametrize("ci, outcome", [("true", "failed"), ("", "skipped")])
def test_a_missing_checker_fails_in_ci_and_skips_elsewhere(monkeypatch, tmp_path, ci, outcome):
    """Without vnu.jar the check skips on a developer's machine but fails in CI."""
    from tests import web_tools

    monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(web_tools, "VNU_JAR", tmp_path / "missing.jar")
    monkeypatch.setattr(web_tools, "AXE_JS", tmp_path / "missing.js")
    expected_exception = pytest.fail.Exception if outcome == "failed" else pytest.skip.Exception
    with pytest.raises(expected_exception):
        web_tools.vnu_command()
    with pytest.raises(expected_exception):
        web_tools.axe_script()
