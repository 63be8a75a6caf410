"""Records in the change log whatever alters the API's output: pages published, unpublished,
moved, deleted or restricted; the snippets, images and documents pages show; the site chrome."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from contacts.models import Hotline
from home.models import FooterLink, FooterSettings, NavigationItem, NavigationSettings
from news.models import NewsSource

from . import content_version
from .models import ContentChange

# Saving these changes the site chrome (`/api/v2/site/`) and, through references, pages.
CHROME_MODELS = [Site, NavigationSettings, NavigationItem, FooterSettings, FooterLink, Hotline]
# Pages show these; a change to one is a change to every page that refers to it.
REFERENCED_MODELS = [Hotline, NewsSource, Image, Document]


def log_pages(pages, action):
    pages = list(pages)
    changes = [
        ContentChange(
            kind=ContentChange.PAGE,
            object_id=page.pk,
            content_type_id=page.content_type_id,
            action=action,
        )
        for page in pages
    ]
    # The chrome shows pages in menus (as menu children) and the pages its links point to.
    ids = [page.pk for page in pages]
    linked = NavigationItem.objects.filter(link_page_id__in=ids).exists() or (
        FooterLink.objects.filter(link_page_id__in=ids).exists()
    )
    if linked or any(page.show_in_menus for page in pages):
        changes.append(ContentChange(kind=ContentChange.SITE, action="page " + action))
    ContentChange.objects.bulk_create(changes)
    content_version.changed()


def pages_referring_to(instance):
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(pk__in=[int(i) for i in ids]).only(
        "pk", "content_type_id", "show_in_menus"
    )


def on_published(sender, instance, **kwargs):
    log_pages([instance], "published")


def on_unpublished(sender, instance, **kwargs):
    log_pages([instance], "unpublished")


def on_moved(sender, instance, **kwargs):
    # The page and everything below it have new URLs.
    log_pages(Page.objects.descendant_of(instance, inclusive=True), "moved")


def on_page_deleted(sender, instance, **kwargs):
    log_pages([instance], "deleted")


def on_restriction_changed(sender, instance, **kwargs):
    # The restriction hides or shows the page and its whole subtree.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page:
        log_pages(Page.objects.descendant_of(page, inclusive=True), "restriction changed")


def on_chrome_changed(sender, instance, **kwargs):
    ContentChange.objects.create(kind=ContentChange.SITE, action="changed")
    content_version.changed()


def on_referenced_changed(sender, instance, **kwargs):
    if sender is Image or sender is Document:
        kind = ContentChange.IMAGE if sender is Image else ContentChange.DOCUMENT
        ContentChange.objects.create(kind=kind, object_id=instance.pk, action="changed")
        content_version.changed()
    log_pages(pages_referring_to(instance), "changed")


def on_referenced_deleted(sender, instance, **kwargs):
    if sender is Image or sender is Document:
        kind = ContentChange.IMAGE if sender is Image else ContentChange.DOCUMENT
        ContentChange.objects.create(kind=kind, object_id=instance.pk, action="deleted")
        content_version.changed()


def on_redirect_changed(sender, instance, **kwargs):
    ContentChange.objects.create(
        kind=ContentChange.REDIRECT, object_id=instance.pk, action="changed"
    )
    content_version.changed()


def on_migrated(sender, **kwargs):
    # Each release runs `migrate` once: pages stored by the old code and templates are dropped.
    content_version.changed()


def connect():
    uid = "postal_site.changes"
    page_published.connect(on_published, dispatch_uid=uid)
    page_unpublished.connect(on_unpublished, dispatch_uid=uid)
    post_page_move.connect(on_moved, dispatch_uid=uid)
    # Deleting a page sends post_delete for its Page row whatever its type.
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid=uid)
    for signal in (post_save, post_delete):
        signal.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid=uid)
        for model in CHROME_MODELS:
            signal.connect(on_chrome_changed, sender=model, dispatch_uid=f"{uid}.chrome")
    for signal in (post_save, post_delete):
        signal.connect(on_redirect_changed, sender=Redirect, dispatch_uid=f"{uid}.redirect")
    for model in REFERENCED_MODELS:
        post_save.connect(on_referenced_changed, sender=model, dispatch_uid=f"{uid}.ref")
        post_delete.connect(on_referenced_deleted, sender=model, dispatch_uid=f"{uid}.ref")
