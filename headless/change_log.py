"""Records in the change log whatever alters what readers and apps see: pages published,
unpublished, moved, deleted or restricted; images, documents and redirects; the site chrome
and the snippets pages show, as the site names them in `HEADLESS` (`CHROME_MODELS`,
`CHROME_PAGE_LINKS`, `REFERENCED_MODELS`). Every entry moves the content version, and, with an
edge cache configured, purges the cache tags it affects once the transaction commits
(`headless.purge`). Every batch is announced with `headless.signals.changes_logged` (webhooks
listen to it)."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cache_tags, content_version, purge
from .conf import headless_settings
from .models import ContentChange
from .signals import changes_logged

UID = "headless.change_log"


def _models(labels):
    return [apps.get_model(label) for label in labels]


def media_kinds():
    """{model: change kind} for the image and document models the site uses."""
    return {get_image_model(): ContentChange.IMAGE, get_document_model(): ContentChange.DOCUMENT}


def _chrome_links(page_ids):
    """Whether the chrome links to any of these pages (`CHROME_PAGE_LINKS`)."""
    for path in headless_settings.CHROME_PAGE_LINKS:
        label, _, field = path.rpartition(".")
        if apps.get_model(label).objects.filter(**{f"{field}_id__in": page_ids}).exists():
            return True
    return False


def recorded(changes, page_locales=None):
    """Hand a batch of saved entries to the edge's purge and to whoever listens."""
    purge.schedule(changes)
    changes_logged.send(sender=ContentChange, changes=changes, page_locales=page_locales or {})


def log_pages(pages, action, referrers=True):
    """Log these pages, and (unless `referrers` is false) the pages that show them: an article
    whose block chose a stamp issue shows the issue's title and facts, and links to its URL, so
    its validators and edge tags must move when the issue is published, withdrawn or moved."""
    pages = list(pages)
    actions = {page.pk: action for page in pages}
    if referrers and pages:
        # They show the page as it is now: to them it is a change, not a move or a deletion.
        for page in pages_referring_to_pages(list(actions)):
            if page.pk not in actions:
                actions[page.pk] = "changed"
                pages.append(page)
        # Its versions in the other languages link to it (the language switch, hreflang, the
        # API's meta.translations): their validators and edge tags move with it.
        keys = {page.translation_key for page in pages}
        for page in Page.objects.filter(translation_key__in=keys).exclude(pk__in=list(actions)):
            actions[page.pk] = "changed"
            pages.append(page)
    changes = [
        ContentChange(
            kind=ContentChange.PAGE,
            object_id=page.pk,
            content_type_id=page.content_type_id,
            action=actions[page.pk],
        )
        for page in pages
    ]
    # The chrome shows pages in menus (as menu children) and the pages its links point to.
    if any(page.show_in_menus for page in pages) or _chrome_links([page.pk for page in pages]):
        changes.append(ContentChange(kind=ContentChange.SITE, action="page " + action))
    ContentChange.objects.bulk_create(changes)
    content_version.changed()
    recorded(changes, {page.pk: page.locale_id for page in pages})


def log(kind, action, object_id=None):
    change = ContentChange.objects.create(kind=kind, object_id=object_id, action=action)
    content_version.changed()
    recorded([change])


def _referring_pages(references):
    page_type = ContentType.objects.get_for_model(Page)
    ids = references.filter(base_content_type=page_type).values_list("object_id", flat=True)
    return Page.objects.filter(pk__in=[int(i) for i in ids]).only(
        "pk", "content_type_id", "show_in_menus", "locale_id"
    )


def pages_referring_to(instance):
    return _referring_pages(ReferenceIndex.get_references_to(instance))


def pages_referring_to_pages(page_ids):
    """Pages whose content chooses or links to any of these pages (Wagtail's reference index)."""
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.objects.filter(
        to_content_type=page_type, to_object_id__in=[str(pk) for pk in page_ids]
    )
    return _referring_pages(references)


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


def on_collection_restriction_changed(sender, instance, **kwargs):
    # The restriction hides or shows every image and document in the collection's subtree.
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:
        collections = Collection.objects.descendant_of(collection, inclusive=True)
        changes = ContentChange.objects.bulk_create(
            ContentChange(kind=kind, object_id=pk, action="restriction changed")
            for model, kind in media_kinds().items()
            for pk in model.objects.filter(collection__in=collections).values_list("pk", flat=True)
        )
        recorded(changes)
    content_version.changed()


def on_chrome_changed(sender, instance, **kwargs):
    log(ContentChange.SITE, "changed")


def on_referenced_changed(sender, instance, **kwargs):
    kind = media_kinds().get(sender)
    if kind:
        log(kind, "changed", instance.pk)
    log_pages(pages_referring_to(instance), "changed", referrers=False)


def on_referenced_deleted(sender, instance, **kwargs):
    kind = media_kinds().get(sender)
    if kind:
        log(kind, "deleted", instance.pk)


def on_redirect_changed(sender, instance, **kwargs):
    log(ContentChange.REDIRECT, "changed", instance.pk)


def on_migrated(sender, **kwargs):
    # Each release runs `migrate` once: pages stored by the old code and templates are dropped.
    content_version.changed()
    purge.schedule(tags=[cache_tags.EVERYTHING])


def connect():
    page_published.connect(on_published, dispatch_uid=UID)
    page_unpublished.connect(on_unpublished, dispatch_uid=UID)
    post_page_move.connect(on_moved, dispatch_uid=UID)
    # Deleting a page sends post_delete for its Page row whatever its type.
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid=UID)
    chrome = _models(["wagtailcore.Site", *headless_settings.CHROME_MODELS])
    referenced = [*media_kinds(), *_models(headless_settings.REFERENCED_MODELS)]
    for signal in (post_save, post_delete):
        signal.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid=UID)
        signal.connect(
            on_collection_restriction_changed, sender=CollectionViewRestriction, dispatch_uid=UID
        )
        signal.connect(on_redirect_changed, sender=Redirect, dispatch_uid=f"{UID}.redirect")
        for model in chrome:
            signal.connect(on_chrome_changed, sender=model, dispatch_uid=f"{UID}.chrome")
    for model in referenced:
        post_save.connect(on_referenced_changed, sender=model, dispatch_uid=f"{UID}.ref")
        post_delete.connect(on_referenced_deleted, sender=model, dispatch_uid=f"{UID}.ref")
