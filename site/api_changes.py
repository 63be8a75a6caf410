"""Cache validators and the change feed, both read from the change log (`ContentChange`).

Every response's ETag and Last-Modified come from the newest change in its scope, so they move
exactly when that response's content can have changed, and a conditional request is answered
304 from one small query, before anything is rendered."""

import hashlib

from django.conf import settings
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from wagtail.api.utils import get_full_url
from wagtail.models import Page

from . import fastpath
from .models import ContentChange

MAX_AGE = getattr(settings, "API_CACHE_MAX_AGE", 60)
# The API endpoint of each kind of non-page object in the change log.
ENDPOINTS = {
    ContentChange.IMAGE: "images",
    ContentChange.DOCUMENT: "documents",
    ContentChange.REDIRECT: "redirects",
}
FEED_LIMIT, FEED_LIMIT_MAX = 100, 500


def newest(changes):
    """(id, time) of the newest change in a queryset of changes, or (0, None)."""
    row = changes.order_by("-pk").values_list("pk", "at").first()
    return row or (0, None)


def page_types_scope(models):
    """Changes to pages of these types (all pages when no type is given)."""
    if not models:
        return Q(kind=ContentChange.PAGE)
    from django.contrib.contenttypes.models import ContentType

    types = ContentType.objects.get_for_models(*models).values()
    return Q(kind=ContentChange.PAGE, content_type__in=types)


def page_scope(page_id):
    """Changes to one page, and to the page types whose content it shows (`api_depends_on`)."""
    scope = Q(kind=ContentChange.PAGE, object_id=page_id)
    page = Page.objects.filter(pk=page_id).only("content_type").first()
    depends = getattr(page.specific_class, "api_depends_on", ()) if page else ()
    if depends == "__all__":
        return Q(kind=ContentChange.PAGE)
    if depends:
        from django.apps import apps

        scope |= page_types_scope([apps.get_model(label) for label in depends])
    return scope


def conditional(request, scope, key, render, scope_id=None):
    """Answer from the validators of `scope` (a Q over changes, or a function that builds
    one): 304 if the client is up to date, else the rendered response with ETag, Last-Modified
    and Cache-Control.

    With `scope_id`, a hashable name for the scope, its newest change is remembered per content
    version: every change recorded in the log moves the version, so it is never stale."""

    def find():
        return newest(ContentChange.objects.filter(scope() if callable(scope) else scope))

    if scope_id is None:
        change_id, changed_at = find()
    else:
        token = fastpath.token(request)
        change_id, changed_at = fastpath.memo.get(token, ("newest change", key, scope_id), find)
    digest = hashlib.sha256(f"{key}|{request.get_full_path()}|{change_id}".encode()).hexdigest()
    etag = f'"{digest[:32]}"'
    # HTTP dates have whole seconds; a finer time would never match If-Modified-Since.
    last_modified = int(changed_at.timestamp()) if changed_at else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = render()
        if response.status_code != 200:
            return response
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


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
    """`/api/v2/changes/?since=<cursor>`: what changed since the cursor, each object once.

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
        rows = list(
            ContentChange.objects.filter(pk__gt=since)
            .order_by("pk")
            .values_list("pk", "kind", "object_id", "at")[: limit + 1]
        )
        has_more = len(rows) > limit
        rows = rows[:limit]
        latest = {}
        for pk, kind, object_id, at in rows:
            latest.pop((kind, object_id), None)  # keep each object once, at its newest change
            latest[(kind, object_id)] = (pk, at)
        page_ids = [object_id for kind, object_id in latest if kind == ContentChange.PAGE]
        visible = {
            page.pk: page
            for page in Page.objects.filter(pk__in=page_ids).live().public().specific(defer=True)
        }
        existing = {
            kind: _existing_ids(kind, [oid for k, oid in latest if k == kind]) for kind in ENDPOINTS
        }
        changes = []
        for (kind, object_id), (_pk, at) in latest.items():
            entry = {"kind": kind, "id": object_id, "changed_at": at.isoformat()}
            if kind == ContentChange.SITE:
                entry["action"] = "upsert"
                entry["detail_url"] = get_full_url(request, reverse("api-site"))
            elif kind == ContentChange.PAGE and object_id in visible:
                page = visible[object_id]
                entry["action"] = "upsert"
                entry["type"] = page.specific_class._meta.label
                entry["detail_url"] = get_full_url(
                    request, reverse("wagtailapi:pages:detail", args=[page.pk])
                )
                entry["html_url"] = page.get_full_url(request)
            elif kind == ContentChange.PAGE:
                entry["action"] = "delete"
            else:
                entry["action"] = "upsert" if object_id in existing[kind] else "delete"
                if entry["action"] == "upsert":
                    entry["detail_url"] = get_full_url(
                        request, reverse(f"wagtailapi:{ENDPOINTS[kind]}:detail", args=[object_id])
                    )
            changes.append(entry)
        cursor = rows[-1][0] if rows else since
        return JsonResponse({"cursor": str(cursor), "has_more": has_more, "changes": changes})

    return conditional(request, Q(), "changes", render)


def _existing_ids(kind, ids):
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    if not ids:
        return set()
    model = {
        ContentChange.IMAGE: get_image_model,
        ContentChange.DOCUMENT: get_document_model,
        ContentChange.REDIRECT: lambda: Redirect,
    }[kind]()
    return set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
