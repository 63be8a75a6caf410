"""What `make run` serves: DEBUG off, and it refuses to start without a real key and hosts."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403 (settings modules extend the base namespace)

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 40 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 40 characters "
        "(`make run` creates one in var/secret_key)."
    )

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the host names the site answers to, comma-separated."
    )
CSRF_TRUSTED_ORIGINS = [SITE_URL]  # noqa: F405 (defined in base)

# --- Security (issue 7): headers, cookies, HTTPS -------------------------------------------
# `manage.py check --deploy` reports nothing with HTTPS=1 (tests/test_security_settings.py).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No one frames the site; Wagtail's admin previews set SAMEORIGIN on their own responses.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# HTTPS settings are off for the plain-HTTP loopback server and on behind TLS.
HTTPS = os.environ.get("HTTPS", "0") == "1"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
# HSTS: a year by default behind TLS; SECURE_HSTS_SECONDS=0 turns it off (e.g. while trying
# TLS out), HSTS_INCLUDE_SUBDOMAINS=0 and HSTS_PRELOAD=0 adjust it. The preload flag only
# allows submitting the domain to browsers' preload list; it submits nothing itself.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("HSTS_PRELOAD", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# The load balancer's health check comes over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- The API's request budget per client (headless/ratelimit.py): API_RATE_LIMIT is
# "requests/seconds", 1200/60 by default; 0 turns it off (the benchmark and the load tests
# measure capacity, not one client). Counted in the shared cache, so it holds across workers
# and servers; behind a proxy every client has the proxy's address unless the proxy is taught
# to pass the client's (see the README).
_rate = os.environ.get("API_RATE_LIMIT", "1200/60")
if _rate not in ("", "0"):
    _requests, _, _window = _rate.partition("/")
    HEADLESS = {  # noqa: F405 (defined in base)
        **HEADLESS,  # noqa: F405
        "RATE_LIMIT": {"REQUESTS": int(_requests), "WINDOW": int(_window or 60), "BATCH": 10},
    }
