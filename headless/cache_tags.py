"""Cache tags: what a shared response shows, named so that an edge cache (Varnish's xkey, a
CDN's cache tags or surrogate keys) can drop exactly the responses a change affects.

Every response the page cache finds shareable (`headless.page_cache`) goes out with a tag
header (`CACHE_TAG_HEADER`, `xkey` by default) naming its scope, the same scope its ETag is
read from (`headless.conditional`), so tags and validators move together:

- `page:<id>`: on the page's detail (API and HTML) and on every page below it (their
  breadcrumbs and parent); purged by a change to that page.
- `pages:type:<app.model>`: on a typed listing, for every type it shows (its items' and their
  ancestors'), and on a detail for the types it shows (`api_depends_on`: an article's
  neighbours); purged by a change to any page of that type.
- `pages:all`: on untyped listings and on pages that show every type (`api_depends_on =
  "__all__"`: the home page, the sitemap); purged by any page change.
- `chrome`: on every HTML page (header, menu, footer, hotlines) and the chrome endpoint;
  purged by a chrome edit, or a page shown in menus or linked from the chrome.
- `images:all`, `image:<id>` (likewise `documents:`, `redirects:`): on the media endpoints;
  purged by a change to that object.
- `changes`: on the change feed; `unscoped`: on a shareable response nobody named a scope for
  (search, sitemap.xml, robots.txt). Both are purged by every change.
- `everything`: on every tagged response; purged by `migrate` (a new release).

Listings are tagged by scope, not by item: a listing of articles carries
`pages:type:news.newsarticlepage`, so publishing any article purges every article listing
and every page showing articles (neighbours, latest news, the archive), and nothing else.
Images and documents shown on pages need no tag of their own there: a change to one is
logged as a change to every page that refers to it (`change_log.on_referenced_changed`).

Views and templates add tags through the request (`add(request, "…")`).
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.module_loading import import_string

from .conditional import add_tags, page_dependencies, types_shown_by
from .conf import headless_settings
from .memo import memo
from .models import ContentChange

EVERYTHING, UNSCOPED, CHROME, CHANGES = "everything", "unscoped", "chrome", "changes"
ALL_PAGES = "pages:all"

add = add_tags


def page_type(model):
    return f"pages:type:{model._meta.label_lower}"


def page(page_id):
    """Tags of one page's detail: the page, its ancestors, the types it shows."""

    def build():
        ids, types = page_dependencies(int(page_id))
        tags = [f"page:{pk}" for pk in ids]
        return [*tags, ALL_PAGES] if types is None else [*tags, *map(page_type, types)]

    return memo.get(("cache tags", "page", int(page_id)), build)


def page_types(models):
    """Tags of a listing of pages of these types (every type when none is given)."""
    shown = types_shown_by(models)
    if shown is None:
        return [ALL_PAGES]
    return sorted(map(page_type, shown))


def kind(kind, object_id=None):
    """Tags of a media endpoint's listing (`images:all`) or of one object (`image:7`)."""
    return [f"{kind}s:all"] if object_id is None else [f"{kind}:{object_id}"]


def for_response(request, html):
    """The tags of a shareable response: what its view named, the page it routed to, the
    chrome for HTML; `unscoped` when nothing names its scope; `everything` always."""
    tags = set(getattr(request, "cache_tags", ()))
    route = getattr(request, "_wagtail_route_for_request", None)
    if route is not None:
        tags.update(page(route[0].pk))
    if not tags:
        tags.add(UNSCOPED)
    if html:
        tags.add(CHROME)
    tags.add(EVERYTHING)
    return sorted(tags)


def for_changes(changes):
    """The tags a batch of change-log entries (`ContentChange`, saved or not) affects."""
    tags = {CHANGES, UNSCOPED}
    for change in changes:
        if change.kind == ContentChange.PAGE:
            tags |= {f"page:{change.object_id}", ALL_PAGES}
            model = (
                ContentType.objects.get_for_id(change.content_type_id).model_class()
                if change.content_type_id
                else None
            )
            tags.add(page_type(model) if model else EVERYTHING)
        elif change.kind == ContentChange.SITE:
            tags.add(CHROME)
        elif change.kind in (ContentChange.IMAGE, ContentChange.DOCUMENT, ContentChange.REDIRECT):
            tags |= {*kind(change.kind), *kind(change.kind, change.object_id)}
        else:
            tags.add(EVERYTHING)
    return sorted(tags)


def header_name():
    """The response header that carries the tags: `CACHE_TAG_HEADER`, else the purge
    backend's own (xkey for Varnish, Cache-Tag for Cloudflare, Surrogate-Key for Fastly)."""
    from_backend = getattr(edge_backend_class(), "tag_header", "xkey")
    return headless_settings.CACHE_TAG_HEADER or from_backend


def header_value(tags):
    separator = getattr(edge_backend_class(), "tag_separator", " ")
    return separator.join(tags)


def edge_backend_class():
    """The configured purge backend's class, or None without an edge (`PURGE_BACKEND`)."""
    path = headless_settings.PURGE_BACKEND
    return import_string(path) if path else None
