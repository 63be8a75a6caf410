"""`changes/?since=<cursor>`: the change feed, read from the change log (`ContentChange`).

The cursor contract: a client keeps the cursor of its last response and asks for what changed
since; it loops while `has_more` is true. Each response holds up to `limit` objects (not log
rows), each once, at its newest change up to the cursor.
"""

from django.db.models import Q
from django.http import JsonResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from wagtail.api.utils import get_full_url
from wagtail.api.v2.utils import get_restricted_collection_ids
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from . import cache_tags, redirects
from .conditional import conditional
from .memo import memo
from .models import ContentChange
from .openapi import parts

FEED_LIMIT, FEED_LIMIT_MAX = 100, 500
# The API endpoint of each kind of non-page object in the change log, and its model.
ENDPOINTS = {
    ContentChange.IMAGE: ("images", get_image_model),
    ContentChange.DOCUMENT: ("documents", get_document_model),
    ContentChange.REDIRECT: ("redirects", lambda: Redirect),
}
# The site chrome's endpoint, when the site registers one under this URL name.
CHROME_URL_NAME = "api-site"


def _cursor(request, name, default=None):
    value = request.GET.get(name)
    if value is None:
        return default
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        return None
    return int(value)


def _bad_request(message):
    return JsonResponse({"message": message}, status=400)


@csrf_exempt  # read-only: so any other method gets require_safe's 405, not a CSRF 403
@require_safe
def changes_view(request):
    """What changed since the cursor, each object once.

    A page that readers may see now is an "upsert" with its type and URLs; any other page
    (unpublished, deleted, private, expired) is a "delete" with only its id, so the feed never
    says anything about content readers may not see.
    """
    unknown = set(request.GET) - {"since", "limit"}
    if unknown:
        return _bad_request(f"unknown parameter: {', '.join(sorted(unknown))}")
    since = _cursor(request, "since", 0)
    if since is None:
        return _bad_request("since: expected a cursor from a previous response, e.g. 0")
    limit = _cursor(request, "limit", FEED_LIMIT)
    if limit is None or not 1 <= limit <= FEED_LIMIT_MAX:
        return _bad_request(f"limit: expected a number from 1 to {FEED_LIMIT_MAX}")

    def render():
        latest, cursor, has_more = _latest_changes(since, limit)
        changes = _entries(request, latest)
        return JsonResponse({"cursor": str(cursor), "has_more": has_more, "changes": changes})

    return conditional(request, Q(), "changes", render, tags=[cache_tags.CHANGES])


# Log rows read per query, and at most per response: an object changed thousands of times in
# a row is answered in several responses (each with `has_more`), never by one unbounded scan.
ROWS_PER_READ, MAX_ROWS = 500, 20 * FEED_LIMIT_MAX


def _latest_changes(since, limit):
    """({(kind, id): (change id, time)} for up to `limit` objects, each at its newest change
    up to the cursor; the cursor; whether more changes follow it). `limit` counts objects, not
    log rows: an object changed five times is one item."""
    latest, cursor, scanned = {}, since, 0
    while scanned < MAX_ROWS:
        rows = list(
            ContentChange.objects.filter(pk__gt=cursor)
            .order_by("pk")
            .values_list("pk", "kind", "object_id", "at")[:ROWS_PER_READ]
        )
        for pk, kind, object_id, at in rows:
            key = (kind, object_id)
            if key not in latest and len(latest) == limit:
                return latest, cursor, True  # this row starts the next response
            latest.pop(key, None)  # keep each object once, at its newest change
            latest[key] = (pk, at)
            cursor = pk
        scanned += len(rows)
        if len(rows) < ROWS_PER_READ:
            return latest, cursor, False
    return latest, cursor, ContentChange.objects.filter(pk__gt=cursor).exists()


def feed_entries(request, changes):
    """[(change, entry)]: the feed's entry for each of these log rows as `request` may see it
    now, each object once at its newest row (webhooks send exactly what the feed would)."""
    latest = {}
    for change in sorted(changes, key=lambda change: change.pk):
        key = (change.kind, change.object_id)
        latest.pop(key, None)
        latest[key] = change
    rows = {key: (change.pk, change.at) for key, change in latest.items()}
    return list(zip(latest.values(), _entries(request, rows), strict=True))


def _entries(request, latest):
    """The feed's entries for {(kind, id): (change id, time)}, in that order."""
    page_ids = [object_id for kind, object_id in latest if kind == ContentChange.PAGE]
    visible = {
        page.pk: page
        for page in Page.objects.filter(pk__in=page_ids).live().public().specific(defer=True)
    }
    existing = {
        kind: _existing_ids(request, kind, [oid for k, oid in latest if k == kind])
        for kind in ENDPOINTS
    }
    locales = (
        memo.get(("locales",), lambda: dict(Locale.objects.values_list("pk", "language_code")))
        if visible
        else {}
    )
    entries = []
    for (kind, object_id), (_pk, at) in latest.items():
        entry = {"kind": kind, "id": object_id, "changed_at": at.isoformat()}
        if kind == ContentChange.SITE:
            entry["action"] = "upsert"
            entry.update(_chrome_url(request))
        elif kind == ContentChange.PAGE and object_id in visible:
            page = visible[object_id]
            entry["action"] = "upsert"
            entry["type"] = page.specific_class._meta.label
            entry["detail_url"] = get_full_url(
                request, reverse("wagtailapi:pages:detail", args=[page.pk])
            )
            entry["html_url"] = page.get_full_url(request)
            # Which language's version changed (each translation is a page of its own).
            entry["locale"] = locales.get(page.locale_id)
        elif kind == ContentChange.PAGE:
            entry["action"] = "delete"
        else:
            entry["action"] = "upsert" if object_id in existing[kind] else "delete"
            if entry["action"] == "upsert":
                name = ENDPOINTS[kind][0]
                entry["detail_url"] = get_full_url(
                    request, reverse(f"wagtailapi:{name}:detail", args=[object_id])
                )
        entries.append(entry)
    return entries


def _chrome_url(request):
    try:
        return {"detail_url": get_full_url(request, reverse(CHROME_URL_NAME))}
    except NoReverseMatch:
        return {}


def _existing_ids(request, kind, ids):
    """The ids among `ids` this request may read at their endpoint: not in a collection kept
    from it, not a redirect to a page it may not see."""
    if not ids:
        return set()
    objects = ENDPOINTS[kind][1]().objects.filter(pk__in=ids)
    if kind == ContentChange.REDIRECT:
        objects = redirects.visible(objects)
    else:
        objects = objects.exclude(collection__in=get_restricted_collection_ids(request))
    return set(objects.values_list("pk", flat=True))


CHANGES_SCHEMA = {
    "type": "object",
    "properties": {
        "cursor": {"type": "string", "description": "Pass as `since` next time."},
        "has_more": {"type": "boolean"},
        "changes": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "kind": {"enum": [kind for kind, _ in ContentChange.KINDS]},
                    "id": {"type": ["integer", "null"]},
                    "action": {"enum": ["upsert", "delete"]},
                    "changed_at": {"type": "string", "format": "date-time"},
                    "type": parts.STRING,
                    "detail_url": parts.STRING,
                    "html_url": {"type": ["string", "null"]},
                    "locale": {
                        "type": ["string", "null"],
                        "description": "A page's language code, e.g. en, zh-hans.",
                    },
                },
                "required": ["kind", "id", "action", "changed_at"],
            },
        },
    },
    "required": ["cursor", "has_more", "changes"],
}


def changes_openapi_paths(schemas, prefix):
    return parts.operation(
        "What changed since a cursor, each object once.",
        [
            parts.param(
                "since",
                "Cursor from a previous response; 0 for everything.",
                {"type": "string", "pattern": "^[0-9]{1,18}$"},
            ),
            parts.param(
                "limit",
                f"Objects per response (default {FEED_LIMIT}), each once at its newest change; "
                "loop while `has_more` is true, passing `cursor` as `since`.",
                {"type": "integer", "minimum": 1, "maximum": FEED_LIMIT_MAX},
            ),
            *parts.CONDITIONAL_HEADERS,
        ],
        parts.responses(schemas.add("Changes", CHANGES_SCHEMA)),
    )


changes_view.openapi_paths = changes_openapi_paths
