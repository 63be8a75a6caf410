"""Cache validators read from the change log (`ContentChange`).

Every response's ETag and Last-Modified come from the newest change in its scope, so they move
exactly when that response's content can have changed, and a conditional request is answered
304 from one small query, before anything is rendered."""

import hashlib

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from wagtail.models import Page

from .conf import headless_settings
from .memo import memo
from .models import ContentChange


def newest(changes):
    """(id, time) of the newest change in a queryset of changes, or (0, None)."""
    row = changes.order_by("-pk").values_list("pk", "at").first()
    return row or (0, None)


def _types_shown_by(models):
    """The page types whose changes can alter what pages of `models` show: their own, those
    they declare (`api_depends_on`, a list of labels or "__all__"), and, since each page shows
    its parent (`meta.parent`) and some their breadcrumbs, every type that may be an ancestor
    of one. None for all types."""
    shown = set(models)
    for model in models:
        depends = getattr(model, "api_depends_on", ())
        if depends == "__all__":
            return None
        shown |= {apps.get_model(label) for label in depends}
    todo = list(models)
    while todo:
        parents = [m for m in todo.pop().allowed_parent_page_models() if m is not Page]
        todo += [m for m in parents if m not in shown]
        shown |= set(parents)
    return shown


def types_shown_by(models):
    """The page types a listing of pages of `models` shows changes of (None: every type)."""
    return _types_shown_by(models) if models else None


def page_types_scope(models):
    """Changes that can alter a listing of pages of these types (all pages when no type is
    given)."""
    shown = types_shown_by(models)
    if shown is None:
        return Q(kind=ContentChange.PAGE)
    types = ContentType.objects.get_for_models(*shown).values()
    return Q(kind=ContentChange.PAGE, content_type__in=types)


def page_dependencies(page_id):
    """(page ids, page types) whose changes can alter one page's detail: the page and its
    ancestors (its parent and breadcrumbs), and the types whose content it shows
    (`api_depends_on`); types None for every type. The ETag's scope (`page_scope`) and the
    edge's cache tags (`headless.cache_tags`) are both built from it, so they agree."""
    page = Page.objects.filter(pk=page_id).only("content_type", "path").first()
    if page is None:
        return [page_id], []
    steps = range(Page.steplen, len(page.path), Page.steplen)
    ancestors = Page.objects.filter(path__in=[page.path[:end] for end in steps])
    ids = [page_id, *ancestors.values_list("pk", flat=True)]
    depends = getattr(page.specific_class, "api_depends_on", ())
    if depends == "__all__":
        return ids, None
    return ids, [apps.get_model(label) for label in depends]


def page_scope(page_id):
    """Changes that can alter one page's detail (`page_dependencies`)."""
    ids, types = page_dependencies(page_id)
    if types is None:
        return Q(kind=ContentChange.PAGE)
    scope = Q(kind=ContentChange.PAGE, object_id=ids[0]) | Q(
        kind=ContentChange.PAGE, object_id__in=ids[1:]
    )
    if types:
        scope |= Q(
            kind=ContentChange.PAGE,
            content_type__in=ContentType.objects.get_for_models(*types).values(),
        )
    return scope


def add_tags(request, *tags):
    """Names more of what this response shows for the edge cache (`headless.cache_tags`):
    views and templates may call it (as `headless.cache_tags.add`) for what their scope
    lacks."""
    request = getattr(request, "_request", request)  # REST framework's wraps Django's
    request.cache_tags = getattr(request, "cache_tags", set()) | set(tags)


def is_conditional(request):
    """Whether the client asks for a 304: the view must first check it may see the object."""
    return "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META


def conditional(request, scope, key, render, scope_id=None, tags=()):
    """Answer from the validators of `scope` (a Q over changes, or a function that builds
    one): 304 if the client is up to date, else the rendered response with ETag, Last-Modified
    and Cache-Control.

    With `scope_id`, a hashable name for the scope, its newest change is remembered per content
    version: every change recorded in the log moves the version, so it is never stale.

    `tags` (a list, or a function that makes one) names the same scope for the edge cache
    (`headless.cache_tags`); they go out with the response if the page cache finds it
    shareable."""

    def find():
        return newest(ContentChange.objects.filter(scope() if callable(scope) else scope))

    if scope_id is None:
        change_id, changed_at = find()
    else:
        change_id, changed_at = memo.get(("newest change", key, scope_id), find)
    digest = hashlib.sha256(f"{key}|{request.get_full_path()}|{change_id}".encode()).hexdigest()
    etag = f'"{digest[:32]}"'
    # HTTP dates have whole seconds; a finer time would never match If-Modified-Since.
    last_modified = int(changed_at.timestamp()) if changed_at else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    add_tags(request, *(tags() if callable(tags) else tags))
    if response is None:
        response = render()
        if response.status_code != 200:
            return response
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=headless_settings.API_CACHE_MAX_AGE)
    return response
