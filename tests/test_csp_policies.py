"""The site's CSP middleware builds each policy once per worker: what a view or the settings
ask for still reaches the header (django-csp's decorators, a changed policy, report-only)."""

from csp.decorators import csp_exempt, csp_update

from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from postal_site.security import SiteCSPMiddleware

STRICT = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'"]}}


def respond(view, path="/en/"):
    return SiteCSPMiddleware(view)(RequestFactory().get(path))


def page(request):
    return HttpResponse("<p>page</p>")


def test_the_same_policy_on_every_response():
    first, second = respond(page), respond(page)
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "script-src 'self'" in first["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in first


def test_a_view_that_widens_its_policy_gets_its_own_header():
    widened = respond(csp_update({"img-src": ["https://img.example.com"]})(page))
    directives = {d.split()[0]: d for d in widened["Content-Security-Policy"].split("; ")}
    assert directives["img-src"] == "img-src 'self' data: https://img.example.com"
    # ...and the next plain page is not widened by it.
    assert "img.example.com" not in respond(page)["Content-Security-Policy"]


def test_an_exempt_view_gets_no_policy():
    assert "Content-Security-Policy" not in respond(csp_exempt()(page))


def test_a_changed_policy_shows_at_once():
    before = respond(page)["Content-Security-Policy"]
    with override_settings(CONTENT_SECURITY_POLICY=STRICT):
        changed = respond(page)["Content-Security-Policy"]
    assert changed != before
    assert "img-src 'self'" in changed and "data:" not in changed
    assert respond(page)["Content-Security-Policy"] == before


def test_a_report_only_policy_gets_its_header():
    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=STRICT):
        response = respond(page)
    assert "img-src 'self'" in response["Content-Security-Policy-Report-Only"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_admin_and_uploaded_files_keep_their_own_policies():
    admin = respond(page, "/admin/pages/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in admin
    assert respond(page, "/media/images/a.png")["Content-Security-Policy"] == (
        "default-src 'none'; sandbox"
    )
