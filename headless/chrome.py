"""The plumbing of a site-chrome endpoint (navigation, footer, hotlines: what every page's
frame shows): validators that move only when the chrome changes, the representation
remembered per content version, host and scheme (its URLs are absolute), JSON out.

The site supplies the representation and its schema:

    site_view = chrome_view(site_chrome_representation, "SiteChrome", SITE_CHROME_SCHEMA,
                            "Site name, navigation, hotlines and footer.")
    api_router.register_view("site/", site_view, "api-site")
"""

from django.conf import settings
from django.db.models import Q
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from . import cache_tags
from .conditional import conditional
from .memo import memo
from .models import ContentChange
from .openapi import parts


def chrome_view(representation, schema_name, schema, summary):
    """A view answering `representation(request)` (plain data) as the site's chrome."""

    def render(request, language):
        key = ("chrome representation", request.get_host(), request.scheme, language)
        with translation.override(language):
            data = memo.get(key, lambda: representation(request))
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

    @csrf_exempt  # read-only: so any other method gets require_safe's 405, not a CSRF 403
    @require_safe
    def view(request):
        # `?locale=zh-hans`: the chrome in that language (labels, hotline names, links to the
        # pages' translations); the default language without it.
        language = language_of(request.GET.get("locale"))
        if language is None:
            return JsonResponse(
                {"message": "locale: not a language of this site, e.g. en"}, status=400
            )
        return conditional(
            request,
            Q(kind=ContentChange.SITE),
            "site",
            lambda: render(request, language),
            scope_id="site",
            tags=[cache_tags.CHROME],
        )

    def openapi_paths(schemas, prefix):
        return parts.operation(
            summary,
            [
                parts.param("locale", "Language code, e.g. en or zh-hans (default: en)."),
                *parts.CONDITIONAL_HEADERS,
            ],
            # 400 only for an address no parameter can hold (a NUL character).
            parts.responses(schemas.add(schema_name, schema)),
        )

    view.openapi_paths = openapi_paths
    return view


def language_of(code):
    """The site's language for a `locale` parameter (None if it names none), the default
    language when there is none."""
    if not code:
        return settings.LANGUAGE_CODE
    try:
        language = get_supported_language_variant(code.lower(), strict=True)
    except LookupError:
        return None
    contents = [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", ())]
    return language if not contents or language in contents else None
