"""The test suite's settings: the full site, made fast and independent of the machine."""

import os

from .base import *  # noqa: F403 (settings modules extend the base namespace)

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105 (tests only)
ALLOWED_HOSTS = ["*"]  # the test client and live server use several host names
# Fast hashing: tests create users often, and the hash strength is not under test.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Plain static storage: tests run without collectstatic, and a manifest would be missing.
STORAGES = {
    **STORAGES,  # noqa: F405 (defined in base)
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise warns on every request when STATIC_ROOT is missing, as on a clean clone.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 (defined in base)
# Uploaded test files go to a throwaway folder, never the served site's media.
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405 (defined in base)
# One process: a memory cache, emptied after every test (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page cache off: a test's edits are never committed, so the content version that keys the
# cache cannot move. tests/test_page_cache.py turns it on (its `page_cache` fixture) and runs
# the on-commit hooks; any test can do the same with `"PAGE_CACHE": True` in `settings.HEADLESS`.
HEADLESS = {**HEADLESS, "PAGE_CACHE": False}  # noqa: F405 (defined in base)
WAGTAILAPI_BASE_URL = os.environ.get("TEST_API_BASE_URL", "http://testserver")
# One browser app's origin, so the CORS tests have an allowed and a refused origin.
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
# Serve static files from the apps' folders, as after collectstatic, without running it.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The v3 API is on in the tests whatever the environment says, so its tests always run; the
# test that /api/v3/ is a 404 when it is off turns it off for itself.
API_V3_ENABLED = True
INSTALLED_APPS = [
    *INSTALLED_APPS,  # noqa: F405 (defined in base)
    *(app for app in API_V3_APPS if app not in INSTALLED_APPS),  # noqa: F405 (defined in base)
]

# --- Security (issue 7) ---
# Off for the suite: Django's test client `login()` authenticates without a request, which
# django-axes refuses. tests/test_security_login.py turns it on to test the lockout.
AXES_ENABLED = False
# The test database is one process's in-memory SQLite with no tasks worker beside it; IMMEDIATE
# transactions (base) would make each test's transaction hold the write lock, and the backup
# test's copy of that database would wait for it forever.
DATABASES["default"].get("OPTIONS", {}).pop("transaction_mode", None)  # noqa: F405 (base)
