"""Minimal settings for the headless layer alone: Django, DRF, Wagtail, the layer and a small
page type of its own (tests/headless/testapp), no `news`, `contacts`, `home` or host site."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

SECRET_KEY = "headless-tests-only-not-secret"  # noqa: S105 (tests only)
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "headless",
    # Webhooks, optional, with the tasks framework's database queue they need.
    "headless.webhooks",
    # Site and API search, optional: without it `search=` uses Wagtail's search backend.
    "headless.search",
    "django_tasks",
    "django_tasks_db",
    "tests.headless.testapp",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # The page cache's memory tier first, as a host installs it (headless/page_cache.py).
    "headless.page_cache.PageCacheFrontMiddleware",
    "headless.routing.SiteMiddleware",
    "headless.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "tests.headless.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "headless.routing.fragment_cache",
            ],
        },
    },
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAGTAIL_SITE_NAME = "Headless tests"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = "http://testserver"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The layer with its defaults, but a title of this site's own, and webhooks on a database
# queue (a worker's, run by the tests themselves).
HEADLESS = {
    "OPENAPI_INFO": {"title": "Notes API", "version": "1", "description": "Notes."},
    "WEBHOOKS_TASK_BACKEND": "webhooks",
}
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "webhooks": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
