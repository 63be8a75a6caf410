"""Production settings: `check --deploy` is clean with the documented environment, and the
site refuses to start, saying why, without a real SECRET_KEY or ALLOWED_HOSTS.

Each check runs `manage.py` in a subprocess with the production settings, the way `make run`
and a server start it, so nothing from the test settings leaks in."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k3y-" + "x7Qp9" * 10  # 54 characters, not the Django default prefix

# The production environment the README documents (its "Configuration" table).
DEPLOY_ENV = {
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "www.example.com",
    "SITE_URL": "https://www.example.com",
    "HTTPS": "1",
}


def manage(tmp_path, env, *args):
    base = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    base.update(DJANGO_SETTINGS_MODULE="postal_site.settings.production", VAR_DIR=str(tmp_path))
    base.update(env)
    return subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_the_documented_environment(tmp_path):
    """No warning of any kind: HTTPS, HSTS, cookies, frames, key, hosts are all in order."""
    result = manage(tmp_path, DEPLOY_ENV, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "env, message",
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short-key"}, "at least 40 characters"),
        ({"SECRET_KEY": "django-insecure-" + "a" * 50}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must list the host names"),
        ({"ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS must list the host names"),
    ],
    ids=["missing key", "short key", "default key", "no hosts", "blank hosts"],
)
def test_the_site_refuses_to_start_and_says_why(tmp_path, env, message):
    """The settings raise ImproperlyConfigured with a sentence naming the variable."""
    result = manage(tmp_path, {**DEPLOY_ENV, **env}, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_headers_and_cookies(tmp_path):
    """Behind TLS: HSTS with subdomains, nosniff, a referrer policy, DENY frames, secure and
    HttpOnly cookies, and a Content-Security-Policy on a page, read from Django's settings."""
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SECURE_CONTENT_TYPE_NOSNIFF, s.SECURE_REFERRER_POLICY, s.X_FRAME_OPTIONS,"
        " s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT)"
    )
    env = {**os.environ, **DEPLOY_ENV, "VAR_DIR": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "postal_site.settings.production"
    out = subprocess.run(  # noqa: S603 (our own interpreter with a fixed script)
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.stdout.split() == [
        "31536000",
        "True",
        "True",
        "same-origin",
        "DENY",
        "True",
        "True",
        "True",
        "True",
    ], out.stderr
    # HSTS is configurable: SECURE_HSTS_SECONDS=0 turns it off.
    env["SECURE_HSTS_SECONDS"] = "0"
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.stdout.split()[0] == "0"


@pytest.mark.parametrize(
    "path, script_src, style_src",
    [
        ("/en/", "script-src 'self'", "style-src 'self'"),
        ("/en/news/", "script-src 'self'", "style-src 'self'"),
        ("/admin/login/", "script-src 'self' 'unsafe-inline'", "style-src 'self' 'unsafe-inline'"),
        ("/api/v2/docs/", "script-src 'self'", "style-src 'self' 'unsafe-inline'"),
    ],
)
def test_content_security_policy_by_part_of_the_site(
    client, demo_site, path, script_src, style_src
):
    """Readers' pages and the API reference allow no inline script; the admin does (Wagtail's
    page explorer needs it); no part allows eval."""
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = {d.strip().split()[0]: d.strip() for d in policy.split(";")}
    assert directives["script-src"] == script_src
    assert directives["style-src"] == style_src
    assert directives["object-src"] == "object-src 'none'"
    assert "unsafe-eval" not in policy
