"""The Content-Security-Policy breaks nothing: readers' pages, the API reference and the admin
(dashboard, page explorer, editing an article, the image library) load
in Chromium without one CSP violation, reported either in the console or as a
`securitypolicyviolation` event."""

import pytest

from django.contrib.auth import get_user_model

from news.models import NewsArticlePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

# Collects violations from the first script on, in every page the tab opens.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def visit(page, url, console):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    events = page.evaluate("window.__csp || []")
    messages = [m for m in console if "Content Security Policy" in m or "Content-Security" in m]
    return events + messages


def test_public_pages_and_admin_load_without_csp_violations(page, live_demo_site):
    base = live_demo_site.url
    get_user_model().objects.create_superuser("csp", "csp@example.com", "csp-password-1")
    article = (
        NewsArticlePage.objects.filter(locale__language_code="en").live().order_by("-date").first()
    )
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)

    problems = {}
    for path in [
        "/en/",
        "/en/news/",
        article.url,
        "/en/contact-us/",
        "/en/sitemap/",
        "/api/v2/docs/",
    ]:
        problems[path] = visit(page, base + path, console)

    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill("csp")
    page.get_by_label("Password").fill("csp-password-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/admin/")
    for path in [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{article.pk}/edit/",
        "/admin/images/",
    ]:
        problems[path] = visit(page, base + path, console)

    assert not {k: v for k, v in problems.items() if v}, problems
