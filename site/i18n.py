"""Languages in the address: /en/… and /zh/…, `/` choosing for the reader, old addresses kept.

Every reader's page, feed and the search live under a language prefix (Django's
`i18n_patterns`, with "zh" standing for Simplified Chinese, `zh-hans`); the API, the admin,
media, documents, the sitemap index and the health check do not. The language of a request
comes from its prefix alone, so a page's address names exactly one rendering of it and the
page cache, an edge cache and search engines keep one copy per language.

`/` sends the reader to /en/ or /zh/ with a 302: their remembered choice (the
`django_language` cookie the language switch sets) first, then `Accept-Language` (zh, zh-CN,
zh-Hans… choose Chinese), English otherwise; it says `Vary: Accept-Language, Cookie` and
`Cache-Control: private`, so no shared cache hands one reader's choice to another.

Every address the English site had before the prefixes (/news/…, /news/feed/rss/,
/search/?q=…) answers with a 301 to its /en/ address, query string kept, when that address
exists; anything else stays a 404.
"""

import re

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import LocalePrefixPattern, Resolver404, URLResolver, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from headless.routing import route_for_request

# Django's language code → the address's prefix; "zh-hans" is written /zh/.
PREFIXES = settings.LANGUAGE_URL_PREFIXES
LANGUAGE_FOR_PREFIX = {prefix: code for code, prefix in PREFIXES.items()}
_PREFIX = re.compile(r"^/([a-z]{2})(?:/|$)")
# Never prefixed, so never redirected: apps, editors, files and machines.
UNPREFIXED = (
    "/api/",
    "/admin/",
    "/documents/",
    "/media/",
    "/static/",
    "/_util/",
    "/healthz",
    "/sitemap.xml",
    "/sitemap-",
    "/robots.txt",
    "/manifest.webmanifest",
    "/favicon.ico",
)


class LanguagePrefix(LocalePrefixPattern):
    """Django's language prefix, with a short one where the code is long (/zh/)."""

    @property
    def language_prefix(self):
        code = translation.get_language() or settings.LANGUAGE_CODE
        return f"{PREFIXES.get(code, code)}/"


def i18n_patterns(*urls):
    """`django.conf.urls.i18n.i18n_patterns` with the short prefixes, every language prefixed."""
    return [URLResolver(LanguagePrefix(prefix_default_language=True), list(urls))]


def prefix_for(language_code):
    return PREFIXES.get(language_code, language_code)


def language_from_path(path):
    """The language named by the address's prefix, or None."""
    match = _PREFIX.match(path)
    return LANGUAGE_FOR_PREFIX.get(match.group(1)) if match else None


def chosen_language(request):
    """The reader's remembered choice, then their browser's languages, then English."""
    code = translation.get_language_from_request(request, check_path=False)
    return code if code in PREFIXES else settings.LANGUAGE_CODE


def english_address(request):
    """The /en/ address of an address from before the prefixes, if it names something."""
    candidate = "/" + prefix_for(settings.LANGUAGE_CODE) + request.path_info
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(candidate)
        except Resolver404:
            return None
        if match.url_name == "wagtail_serve":
            page_path = match.kwargs.get("path", match.args[0] if match.args else "")
            if route_for_request(request, page_path) is None:
                return None
    return candidate


def _with_query(request, address):
    query = request.META.get("QUERY_STRING", "")
    return f"{address}?{query}" if query else address


class LanguagePrefixMiddleware:
    """Activates the prefix's language; chooses for `/`; 301s the English site's old addresses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path == "/":
            language = chosen_language(request)
            response = HttpResponseRedirect(_with_query(request, f"/{prefix_for(language)}/"))
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            patch_cache_control(response, private=True, max_age=0)
            return response
        language = language_from_path(path)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if (
            language is None
            and response.status_code == 404
            and request.method in ("GET", "HEAD")
            and not path.startswith(UNPREFIXED)
        ):
            address = english_address(request)
            if address is not None:
                return HttpResponsePermanentRedirect(_with_query(request, address))
        return response
