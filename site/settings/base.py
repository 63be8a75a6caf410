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
    "stamps",
    # The headless layer: change log, validators, change feed, previews, OpenAPI, page cache.
    "headless",
    # Webhooks for apps (issue 17): endpoints in the admin, deliveries on the "webhooks" queue.
    "headless.webhooks",
    # Site and API search (issue 16): a weighted index of live pages, Chinese split into words.
    "headless.search",
    # Background tasks (the edge's purges): Django's tasks framework, backported, with its
    # database backend, run by `manage.py db_worker` beside gunicorn (`make run`).
    "django_tasks",
    "django_tasks_db",
    "wagtail.api.v2",
    # The Chinese edition (issue 14): a page tree per locale (Wagtail's own i18n), and
    # wagtail-localize's field-by-field translation with PO export/import. Its locales app
    # takes the place of `wagtail.locales` (same label), adding each locale's sync settings.
    "wagtail_localize",
    "wagtail_localize.locales",
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
    # First: behind a trusted proxy, REMOTE_ADDR becomes the reader's address (site/proxies.py).
    "postal_site.proxies.ForwardedForMiddleware",
    # Stored pages from this worker's memory, finished as the whole stack below made them
    # (security headers included), before anything else runs: a hit costs about what a bare
    # Django view does. Only for what PageCacheMiddleware below stored (headless/page_cache.py).
    "headless.page_cache.PageCacheFrontMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Methods (TRACE, writes to the read-only API) and oversized bodies are refused before any
    # other middleware, CSRF included, reads the request (site/security.py).
    "postal_site.security.MethodPolicyMiddleware",
    "postal_site.security.RequestBodyLimitMiddleware",
    # NUL characters in the address: a clear 400 before anything asks the database.
    "postal_site.security.RejectNulMiddleware",
    # Straight after SecurityMiddleware, so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, so preflight requests get their CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    # Each API client's request budget, before the page cache so stored answers count too
    # (off unless HEADLESS["RATE_LIMIT"] is set: the production settings set it).
    "headless.ratelimit.RateLimitMiddleware",
    # Whole pages and API responses for anonymous readers: after CORS, so every request gets
    # its own CORS headers; before sessions and auth, so a hit skips them.
    "headless.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's redirects, except to pages readers may not see (headless/redirects.py).
    "headless.redirects.RedirectMiddleware",
]

# The reader's language from the address's prefix (/en/, /zh/); `/` chooses by the remembered
# choice and Accept-Language; the English site's old addresses answer 301 (site/i18n.py).
# After the page cache: its key holds the path, so the prefix, and a hit needs no language.
MIDDLEWARE.insert(
    MIDDLEWARE.index("headless.page_cache.PageCacheMiddleware") + 1,
    "postal_site.i18n.LanguagePrefixMiddleware",
)

# --- The cold path (headless/routing.py): the request's Site from a per-worker memo keyed by
# the content version, so no view, template or API serializer queries it again.
MIDDLEWARE.insert(
    MIDDLEWARE.index("corsheaders.middleware.CorsMiddleware"), "headless.routing.SiteMiddleware"
)

# Proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated), e.g.
# Varnish on the same machine: 127.0.0.1. Empty: REMOTE_ADDR is the reader's address.
TRUSTED_PROXIES = [p for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]

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
                "headless.routing.fragment_cache",
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
# Reliability: a PostgreSQL server that does not answer (host down, packets dropped) fails the
# request within seconds, as a 503 (postal_site.errors), instead of holding a worker until
# gunicorn kills it. A refused connection (server restarting) fails at once anyway.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
# SQLite: the tasks worker (`db_worker`) writes beside the app servers. A deferred transaction
# that reads and then writes fails at once ("database is locked") when another process wrote
# meanwhile; IMMEDIATE takes the write lock at BEGIN and waits up to `timeout` seconds for it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache every worker shares: the content version (headless/content_version.py) and what is
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
# `{% cache %}` fragments in each worker's own memory: every fragment's key holds the content
# version (`fragment_cache_version`), so a change shows at once without sharing, and a cold
# render skips the file cache's open, read and unpickle of each fragment.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template-fragments",
    "OPTIONS": {"MAX_ENTRIES": 300},
}

# The headless layer (headless/conf.py lists every key and its default).
HEADLESS = {
    # The page and response cache, keyed by the content version so a change shows on the very
    # next request. PAGE_CACHE=0 turns it off (the benchmark's cold figures). The timeout only
    # bounds how long entries under an old version linger in the cache.
    "PAGE_CACHE": os.environ.get("PAGE_CACHE", "1") == "1",
    "PAGE_CACHE_TIMEOUT": int(os.environ.get("PAGE_CACHE_TIMEOUT", "600")),
    # Saving these changes the site chrome (`/api/v2/site/`), and pages that show them.
    "CHROME_MODELS": [
        "home.NavigationSettings",
        "home.NavigationItem",
        "home.FooterSettings",
        "home.FooterLink",
        "contacts.Hotline",
    ],
    "CHROME_PAGE_LINKS": ["home.NavigationItem.link_page", "home.FooterLink.link_page"],
    "REFERENCED_MODELS": ["contacts.Hotline", "news.NewsSource"],
    "PAGE_FILTERS": ["news.api_filters.NewsDateFilter", "stamps.api_filters.StampIssueFilter"],
    "STREAM_LOADER": "news.api.load_streams",
    "OPENAPI_INFO": {
        "title": "China Post content API",
        "version": "2",
        "description": (
            "The pages, images, documents and site chrome of the China Post site, as apps "
            "need them. Rich text is HTML with resolved links; images come with renditions."
        ),
    },
}

# --- The edge cache (issue 18): EDGE=varnish, cloudflare or fastly names the cache in front,
# which is then purged by tag after each change and may keep shared responses EDGE_MAX_AGE
# seconds (s-maxage); unset, nothing is purged and nothing gets an s-maxage.
EDGE = os.environ.get("EDGE", "")
EDGE_BACKENDS = {
    "varnish": (
        "headless.purge.varnish.VarnishPurge",
        {"URLS": os.environ.get("VARNISH_URLS", "http://127.0.0.1:6081").split(",")},
    ),
    "cloudflare": (
        "headless.purge.cloudflare.CloudflarePurge",
        {
            "ZONE_ID": os.environ.get("CLOUDFLARE_ZONE_ID", ""),
            "API_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
        },
    ),
    "fastly": (
        "headless.purge.fastly.FastlyPurge",
        {
            "SERVICE_ID": os.environ.get("FASTLY_SERVICE_ID", ""),
            "API_TOKEN": os.environ.get("FASTLY_API_TOKEN", ""),
        },
    ),
}
if EDGE:
    HEADLESS["PURGE_BACKEND"], HEADLESS["PURGE_OPTIONS"] = EDGE_BACKENDS[EDGE]
    HEADLESS["EDGE_MAX_AGE"] = int(os.environ.get("EDGE_MAX_AGE", "86400"))
# Wagtail's own tasks (reference and search index) stay immediate on "default", as before; the
# edge's purges go to the database queue "edge", run by `manage.py db_worker --backend edge`,
# and webhooks to "webhooks" (the same table), run by a worker of its own so that a slow
# receiver never delays a purge.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "edge": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "webhooks": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
HEADLESS["PURGE_TASK_BACKEND"] = "edge"
HEADLESS["WEBHOOKS_TASK_BACKEND"] = "webhooks"
# Webhooks may reach loopback, private addresses and the site itself only when this says so
# (a receiver on this machine while developing).
HEADLESS["WEBHOOKS_ALLOW_PRIVATE"] = os.environ.get("WEBHOOKS_ALLOW_PRIVATE", "0") == "1"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The readers' languages: English and Simplified Chinese, each with its own page tree and URL
# prefix (/en/, /zh/: site/i18n.py). "zh-hans" is Django's and Wagtail's name for Simplified
# Chinese (Django's own messages live under zh_Hans); the URL says /zh/ for short.
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LANGUAGE_URL_PREFIXES = {"en": "en", "zh-hans": "zh"}
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates as "10 June 2021" (site/formats/en); Chinese as Django's "2021年6月10日".
FORMAT_MODULE_PATH = ["postal_site.formats"]
# The remembered choice of `/`: the cookie the language switch sets (site/i18n.py).
LANGUAGE_COOKIE_NAME = "django_language"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # whitenoise's compressed manifest storage, each URL worked out once (site/static_storage.py).
    "staticfiles": {"BACKEND": "postal_site.static_storage.StaticFilesStorage"},
}
# Media on S3-compatible storage (django-storages) when a bucket is named, so app servers keep
# no files of their own and any number of them can run behind a load balancer. Credentials come
# from boto3's usual places (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or an instance role).
# The bucket must allow public reads: pages link to media by plain URL, without signatures.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            "querystring_auth": False,
            # Two uploads named alike must not overwrite each other (Wagtail renames them).
            "file_overwrite": False,
        },
    }
# Uploaded images and their renditions are served by the site itself unless a web server
# in front takes /media/ over (set SERVE_MEDIA=0 then).
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "1") == "1"

# Complex page forms exceed Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies, checked from Content-Length before anything reads them (site/security.py,
# RequestBodyLimitMiddleware): 413 past the limit of the longest matching prefix. The admin
# takes uploads (WAGTAILIMAGES/DOCS_MAX_UPLOAD_SIZE, 10 MB) with room for the form around
# them; its login form, like every reader's form (search, page passwords), is small; the v3
# API takes page content as JSON, up to what Django reads into memory.
MB = 1024 * 1024
REQUEST_BODY_LIMIT_DEFAULT = int(os.environ.get("REQUEST_BODY_LIMIT", 64 * 1024))
REQUEST_BODY_LIMITS = {
    "/admin/": int(os.environ.get("ADMIN_REQUEST_BODY_LIMIT", 12 * MB)),
    "/admin/login/": REQUEST_BODY_LIMIT_DEFAULT,
    "/api/v3/": int(2.5 * MB),
}
# The form fields (not files) Django reads into memory: Django's default, said here because the
# admin's largest page forms stay far below it and the v3 API's limit above follows it.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * MB)

# The address the site is served on; absolute URLs in the API and the admin are built from it.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")

WAGTAIL_SITE_NAME = "China Post"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILAPI_BASE_URL = SITE_URL
# Apps get rich text as front-end HTML (page links resolved), not Wagtail's internal markup.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents are always served through Wagtail's document view, which checks their
# collection's password, login or group restriction, never by a plain file URL (on S3 too:
# the view streams the file, so the bucket needs no public read of documents/).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# The admin would otherwise ask an outside host for avatars, which this network refuses.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
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

# --- Security (issue 7): Content-Security-Policy, admin login lockout, uploads, embeds -------
INSTALLED_APPS += ["csp", "axes"]
# The site's CSP middleware (django-csp, one policy per part of the site, see
# site/security.py) goes last but one; axes last, as its documentation asks, so it sees the
# outcome of every login.
MIDDLEWARE += [
    # Wrong passwords on page and collection password forms: 429 after a few (site/security.py).
    "postal_site.security.PasswordThrottleMiddleware",
    "postal_site.security.SiteCSPMiddleware",
    "axes.middleware.AxesMiddleware",
]
# Readers' pages: only the site's own scripts, styles and pictures; frames only from the
# embed providers below. JSON-LD data blocks are not scripts, so they need no nonce.
CSP_EMBED_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *CSP_EMBED_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The admin and its previews: Wagtail's admin sets inline styles from its scripts (Stimulus
# controllers, Draftail, the sidebar), so style-src allows inline styles there and only
# there. Proved by tests/browser/test_csp.py.
CSP_ADMIN_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    # Wagtail 8's page explorer (/admin/pages/) runs inline scripts without a nonce: found by
    # tests/browser/test_csp.py. Only the admin, behind its login, allows them.
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    # The editor's preview panel frames the admin's own preview view.
    "frame-ancestors": ["'self'"],
}
# The API references (Redoc, Swagger UI) style themselves inline and Redoc runs a blob: worker.
CSP_API_DOCS_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "worker-src": ["'self'", "blob:"],
    "img-src": ["'self'", "data:", "blob:"],
}
# Uploaded files (documents, images) can never run as pages, whatever their content says.
CSP_FILE_POLICY = "default-src 'none'; sandbox"

# Admin login lockout (django-axes): after AXES_FAILURE_LIMIT failed logins from one address,
# or for one username, further attempts (the right password included) are refused for the
# cool-off period. Counted in the database, so every worker sees the same count.
# AxesBackend rather than the standalone one: it is also a ModelBackend (get_user, permissions),
# so code that takes the first backend for a session, as Wagtail's test helpers do, works.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))  # hours: 15 minutes
# One username from one address: failures from elsewhere, or for other usernames, do not
# count, so nobody can lock an editor out by failing under their name from anywhere (with
# ["ip_address", "username"] either alone locked). An admin unlocks early with
# `manage.py axes_reset_username <name>` (or `axes_reset_ip <address>`, `axes_reset`).
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
# Every attempt during a lockout starts the cool-off again: guessing on gains nothing.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_LOCKOUT_TEMPLATE = "postal_site/lockout.html"
# Addresses are REMOTE_ADDR: X-Forwarded-For is not trusted, since a client could forge it.

# Page and collection password forms (Wagtail's view restrictions): the same limit and
# cool-off, counted per address and restriction in the shared cache (site/security.py).
PASSWORD_FAILURE_LIMIT = int(os.environ.get("PASSWORD_FAILURE_LIMIT", AXES_FAILURE_LIMIT))
PASSWORD_COOLOFF_SECONDS = int(AXES_COOLOFF_TIME * 3600)

# Uploads: pictures only in formats Pillow decodes (no SVG, which can carry scripts); the
# document extensions above; both capped in size (WAGTAILIMAGES/DOCS_MAX_UPLOAD_SIZE above).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Only PDFs open in the browser; every other document downloads as an attachment.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# Embeds only from these providers; any other address is refused in the editor (a plain
# data module: importing it loads no app).
from wagtail.embeds import oembed_providers  # noqa: E402 (next to the setting it serves)

WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [oembed_providers.youtube, oembed_providers.vimeo],
    }
]
# Named in the editor's message when another address is refused (news/blocks.py).
NEWS_EMBED_PROVIDER_NAMES = "YouTube or Vimeo"

# --- Flat as content grows (bench/, news/pagination.py) ---
# The news plugin keeps article counts, years and sources in the headless layer's cache while
# the content is unchanged, and reads last pages from the far end, so its listings cost the
# same with 100 or 100,000 articles.
NEWS_CACHE = "headless.memo.cached"
NEWS_PAGINATOR = "headless.pagination.FlatPaginator"
# Every image in the API carries the address of its other sizes (headless/images.py).
NEWS_IMAGE_URL_TEMPLATE = "headless.images.url_template"
STAMPS_IMAGE_URL_TEMPLATE = "headless.images.url_template"
