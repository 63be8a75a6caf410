"""Settings shared by every environment; each reads the environment with a safe local default."""

import os
from pathlib import Path

import dj_database_url

# The repository root: templates/, var/ (database, media, static) and the apps live here.
BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite database, media and static files

INSTALLED_APPS = [
    "postal_site",
    "home",
    "news",
    "contacts",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "corsheaders",
    # Redoc's script for the API reference at /api/v2/docs/, served locally instead of a CDN.
    "drf_spectacular_sidecar",
    # Needed by Wagtail's search index on PostgreSQL (check postgres.E005); harmless on SQLite.
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Straight after SecurityMiddleware, so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, so preflight requests get their CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# --- The cold path (site/fastpath.py): the request's Site from a per-worker memo keyed by the
# content version, so no view, template or API serializer queries it again.
MIDDLEWARE.insert(
    MIDDLEWARE.index("corsheaders.middleware.CorsMiddleware"), "postal_site.fastpath.SiteMiddleware"
)

ROOT_URLCONF = "postal_site.urls"
WSGI_APPLICATION = "postal_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # `fragment_cache_timeout` and `fragment_cache_version` for {% cache %} blocks.
                "postal_site.fastpath.fragment_cache",
            ],
        },
    },
]

# SQLite in var/ unless DATABASE_URL names another database (postgres://user@host:port/name).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache every worker shares: the content version (site/content_version.py) and what is
# keyed by it must be the same in all of them. Redis when REDIS_URL is set (several machines);
# otherwise files in var/cache, which the workers of one machine share.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded images and their renditions are served by the site itself unless a web server
# in front takes /media/ over (set SERVE_MEDIA=0 then).
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "1") == "1"

# Complex page forms exceed Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The address the site is served on; absolute URLs in the API and the admin are built from it.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")

WAGTAIL_SITE_NAME = "China Post"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILAPI_BASE_URL = SITE_URL
# Apps get rich text as front-end HTML (page links resolved), not Wagtail's internal markup.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# The admin would otherwise ask an outside host for avatars, which this network refuses.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
# Each editor picks the admin's language in their account; Wagtail ships both translations.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("zh-hans", "简体中文 (Simplified Chinese)")]
WAGTAIL_ENABLE_UPDATE_CHECK = False

# CORS, for the API only: browser apps on these origins (comma-separated, e.g.
# https://app.example.com) may read it, revalidate with ETags and see the validators.
CORS_ALLOWED_ORIGINS = [
    origin.strip() for origin in os.environ.get("API_CORS_ORIGINS", "").split(",") if origin.strip()
]
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]
CORS_PREFLIGHT_MAX_AGE = 86400

# Wagtail 8's v3 API, a preview: reads and writes (pages, revisions, publishing) for tools such
# as wagtail-cli (`wt`), authenticated with `wagtail_…` bearer tokens from
# `manage.py api_tokens`. Off unless API_V3_ENABLED=1: then its apps are installed and it is
# mounted at /api/v3/ (site/urls.py); off, /api/v3/ is an ordinary 404. Neither app has models
# or migrations (the token table belongs to Wagtail's core app), so switching it changes no
# database schema and `makemigrations --check` passes either way; `make check` checks both.
# "ninja" is there for its templates, so the docs at /api/v3/docs/ use locally served assets.
API_V3_APPS = ["wagtail.api.v3", "ninja"]
API_V3_ENABLED = os.environ.get("API_V3_ENABLED") == "1"
if API_V3_ENABLED:
    INSTALLED_APPS += API_V3_APPS

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
