"""The `HEADLESS` setting: one dict, each key optional, read on every access so that tests
and `override_settings` take effect at once.

    HEADLESS = {
        # Whole responses for anonymous readers and apps (headless.page_cache).
        "PAGE_CACHE": True,
        "PAGE_CACHE_TIMEOUT": 600,             # seconds an entry under an old version lingers
        "PAGE_CACHE_BYPASS_PREFIXES": (...),   # paths never stored (admin, previews, files)
        "PAGE_CACHE_MEMORY_ENTRIES": 1000,     # finished responses each worker keeps in memory
        "PAGE_CACHE_MEMORY_BYTES": 16777216,   # ... and their bodies' bytes at most (16 MB)
        # Cache-Control max-age of API answers, and how long a preview token lives.
        "API_CACHE_MAX_AGE": 60,
        "PREVIEW_MAX_AGE": 3600,
        # What feeds the change log besides pages, images, documents and redirects.
        "CHROME_MODELS": [],        # "app.Model": a save changes the site chrome
        "CHROME_PAGE_LINKS": [],    # "app.Model.field": pages the chrome links to
        "REFERENCED_MODELS": [],    # "app.Model": a save changes the pages that refer to it
        # More filter backends for the pages endpoint (dotted paths); each may declare
        # `query_parameters` and `openapi_parameters`.
        "PAGE_FILTERS": [],
        # A context manager factory `loader(pages, api=bool)` that bulk-loads what the pages'
        # StreamFields refer to while they are rendered or serialized (dotted path).
        "STREAM_LOADER": None,
        # The OpenAPI document's `info`.
        "OPENAPI_INFO": {"title": "Content API", "version": "2", "description": ""},
        # Requests per client to the API (headless.ratelimit); None: no limit.
        "RATE_LIMIT": None,  # e.g. {"REQUESTS": 1200, "WINDOW": 60, "BATCH": 10}
        # Per-worker memo bounds (headless.memo).
        "MEMO_MAX_ENTRIES": 5000,
        "MEMO_MAX_PAGES": 500,
        # The edge cache (headless.cache_tags, headless.purge). Without a purge backend no
        # purge is sent and shared responses get no s-maxage: nothing can keep them stale.
        "PURGE_BACKEND": None,      # "headless.purge.varnish.VarnishPurge", ".cloudflare.
                                    # CloudflarePurge", ".fastly.FastlyPurge", ".dummy.DummyPurge"
        "PURGE_OPTIONS": {},        # the backend's keyword arguments (URLS, ZONE_ID, API_TOKEN…)
        "EDGE_MAX_AGE": 86400,      # s-maxage of shared responses when a purge backend is set
        "CACHE_TAG_HEADER": None,   # the tag header; None: the backend's (xkey, Cache-Tag,
                                    # Surrogate-Key), xkey without one
        "PURGE_RETRIES": 6,         # attempts per purge before it is recorded as failed
        "PURGE_RETRY_DELAY": 1.0,   # seconds before the second attempt, doubled each time
        "PURGE_TASK_BACKEND": "default",  # the TASKS alias purges are enqueued on
        # Images on request (headless.images): the bounded set an app may fill an image's
        # `url_template` with, unsigned. At most widths x (ratios + 1) x formats x qualities
        # renditions per image; a crop's height is the width at one of the ratios.
        "IMAGE_WIDTHS": (160, 320, 480, 640, 800, 960, 1200, 1600, 2000),
        "IMAGE_RATIOS": ("1:1", "4:3", "3:2", "16:9", "40:21", "3:4", "2:3", "9:16"),
        "IMAGE_FORMATS": ("avif", "webp", "jpeg"),
        "IMAGE_QUALITIES": (50, 65, 80),
        "IMAGE_DEFAULT_QUALITY": 80,   # without ?q=
        # Signed URLs (`headless.images.signed_url`) take any size up to this, any quality.
        "IMAGE_SIGNED_MAX_SIZE": 4000,
        # Webhooks for apps (headless.webhooks, an app of its own in INSTALLED_APPS).
        "WEBHOOKS_TASK_BACKEND": "default",  # the TASKS alias deliveries are enqueued on: one
                                             # a worker runs (a check warns of an immediate one)
        "WEBHOOKS_TIMEOUT": 5.0,        # seconds to connect, and to wait for each answer read
        "WEBHOOKS_RETRY_DELAY": 10.0,   # seconds before the second attempt, doubled each time
        "WEBHOOKS_RETRY_FOR": 86400,    # retries stop once their delays would pass this: a day
        "WEBHOOKS_ALLOW_PRIVATE": False,  # True: also loopback, private addresses, the site
    }
"""

from contextlib import nullcontext

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULTS = {
    "PAGE_CACHE": True,
    "PAGE_CACHE_TIMEOUT": 600,
    "PAGE_CACHE_MEMORY_ENTRIES": 1000,
    "PAGE_CACHE_MEMORY_BYTES": 16 * 1024 * 1024,
    "PAGE_CACHE_BYPASS_PREFIXES": (
        "/admin/",
        "/api/v2/preview/",
        "/api/v3/",
        "/documents/",
        "/static/",
        "/media/",
        "/healthz",
    ),
    "API_PREFIX": "/api/",
    "API_CACHE_MAX_AGE": 60,
    "PREVIEW_MAX_AGE": 60 * 60,
    "CHROME_MODELS": [],
    "CHROME_PAGE_LINKS": [],
    "REFERENCED_MODELS": [],
    "PAGE_FILTERS": [],
    "STREAM_LOADER": None,
    "OPENAPI_INFO": {"title": "Content API", "version": "2", "description": ""},
    "RATE_LIMIT": None,
    "MEMO_MAX_ENTRIES": 5000,
    "MEMO_MAX_PAGES": 500,
    "PURGE_BACKEND": None,
    "PURGE_OPTIONS": {},
    "EDGE_MAX_AGE": 86400,
    "CACHE_TAG_HEADER": None,
    "PURGE_RETRIES": 6,
    "PURGE_RETRY_DELAY": 1.0,
    "PURGE_TASK_BACKEND": "default",
    "IMAGE_WIDTHS": (160, 320, 480, 640, 800, 960, 1200, 1600, 2000),
    "IMAGE_RATIOS": ("1:1", "4:3", "3:2", "16:9", "40:21", "3:4", "2:3", "9:16"),
    "IMAGE_FORMATS": ("avif", "webp", "jpeg"),
    "IMAGE_QUALITIES": (50, 65, 80),
    "IMAGE_DEFAULT_QUALITY": 80,
    "IMAGE_SIGNED_MAX_SIZE": 4000,
    "WEBHOOKS_TASK_BACKEND": "default",
    "WEBHOOKS_TIMEOUT": 5.0,
    "WEBHOOKS_RETRY_DELAY": 10.0,
    "WEBHOOKS_RETRY_FOR": 86400,
    "WEBHOOKS_ALLOW_PRIVATE": False,
}


class HeadlessSettings:
    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(f"HEADLESS has no setting {name!r}")
        return getattr(settings, "HEADLESS", {}).get(name, DEFAULTS[name])


headless_settings = HeadlessSettings()


def stream_loader(pages, api=False):
    """The site's bulk loader for these pages' streams, or a context that does nothing."""
    path = headless_settings.STREAM_LOADER
    return import_string(path)(pages, api=api) if path else nullcontext()
