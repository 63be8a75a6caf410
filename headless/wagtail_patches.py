"""The one place where Wagtail's own code is replaced: both replacements answer exactly as
Wagtail does, from the view restrictions remembered per content version instead of a query
on every call. Any restriction added, changed or removed, and any page moved or deleted,
moves the version (headless.change_log).

- `PageQuerySet.private_q`, behind every `.public()`: one query per version, not per call.
- `Page.get_view_restrictions`, asked by Wagtail's `before_serve_page` hook on every page
  view: a routed page gets its remembered list (`remember_view_restrictions`).
- `Locale.get_active`, asked by every `page.localized` (each rich text page link, each page
  a block chooses): the active language's Locale row, remembered per content version and
  language instead of one query per link.

`WAGTAIL_SOURCES` holds a digest of the source of each replaced Wagtail function;
tests/headless/test_wagtail_patches.py fails when an upgrade of Wagtail changes one, so
whoever upgrades reads the new code and brings these replacements in line.
"""

import hashlib
import inspect

from django.db.models import Q
from django.utils import translation

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.query import PageQuerySet

from .memo import memo

WAGTAIL_SOURCES = {
    "wagtail.query.PageQuerySet.private_q": (
        "eb30b1c0017f13c2f7f385972ddefbe70a2c2818d648ce22a709c370ac519368"
    ),
    "wagtail.models.Page.get_view_restrictions": (
        "f41021bde7cdda11d832d32e9e28cdb92f197ddac050218ff8c748e65a888c05"
    ),
    "wagtail.models.Locale.get_active": (
        "099c144b1ba01289c15a264d15aa33ae3223d7b9a1842a6b45e2fd492751ad26"
    ),
}
_ORIGINALS = {
    "wagtail.query.PageQuerySet.private_q": PageQuerySet.private_q,
    "wagtail.models.Page.get_view_restrictions": Page.get_view_restrictions,
    "wagtail.models.Locale.get_active": Locale.get_active,
}


def source_digest(function):
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()


def changed_wagtail_sources():
    """The replaced Wagtail functions whose source differs from the one these replace."""
    return [
        name
        for name, function in _ORIGINALS.items()
        if source_digest(function) != WAGTAIL_SOURCES[name]
    ]


def all_restrictions():
    """Every page view restriction, with its page: one query per content version."""
    return memo.get(
        ("view restrictions",), lambda: list(PageViewRestriction.objects.select_related("page"))
    )


def private_q(queryset):
    """Wagtail's `PageQuerySet.private_q`, from the remembered restrictions."""
    q = Q()
    for restriction in all_restrictions():
        q |= queryset.descendant_of_q(restriction.page, inclusive=True)
    # Match no page if no private section exists, as Wagtail's own.
    return q if q else Q(pk__in=[])


def remember_view_restrictions(page):
    """Gives this page instance its view restrictions from the memo (Wagtail's own method
    builds them, once per page and version, aliases resolved as Wagtail resolves them)."""
    restrictions = memo.get(
        ("page view restrictions", page.pk),
        lambda: list(_ORIGINALS["wagtail.models.Page.get_view_restrictions"](page)),
    )
    page.get_view_restrictions = lambda: restrictions
    return page


def get_active_locale(cls):
    """Wagtail's `Locale.get_active`, remembered per content version and active language."""
    return memo.get(
        ("active locale", translation.get_language()),
        _ORIGINALS["wagtail.models.Locale.get_active"],
    )


def install():
    """Called once at start-up (HeadlessConfig.ready)."""
    PageQuerySet.private_q = private_q
    Locale.get_active = classmethod(get_active_locale)
