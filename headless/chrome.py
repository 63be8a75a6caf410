"""The plumbing of a site-chrome endpoint (navigation, footer, hotlines: what every page's
frame shows): validators that move only when the chrome changes, the representation
remembered per content version, host and scheme (its URLs are absolute), JSON out.

The site supplies the representation and its schema:

    site_view = chrome_view(site_chrome_representation, "SiteChrome", SITE_CHROME_SCHEMA,
                            "Site name, navigation, hotlines and footer.")
    api_router.register_view("site/", site_view, "api-site")
"""

from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from . import cache_tags
from .conditional import conditional
from .memo import memo
from .models import ContentChange
from .openapi import parts


def chrome_view(representation, schema_name, schema, summary):
    """A view answering `representation(request)` (plain data) as the site's chrome."""

    def render(request):
        key = ("chrome representation", request.get_host(), request.scheme)
        data = memo.get(key, lambda: representation(request))
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

    @csrf_exempt  # read-only: so any other method gets require_safe's 405, not a CSRF 403
    @require_safe
    def view(request):
        return conditional(
            request,
            Q(kind=ContentChange.SITE),
            "site",
            lambda: render(request),
            scope_id="site",
            tags=[cache_tags.CHROME],
        )

    def openapi_paths(schemas, prefix):
        return parts.operation(
            summary,
            parts.CONDITIONAL_HEADERS,
            # 400 only for an address no parameter can hold (a NUL character).
            parts.responses(schemas.add(schema_name, schema)),
        )

    view.openapi_paths = openapi_paths
    return view
