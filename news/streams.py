"""The objects every stream about to be read refers to (images with renditions, documents,
pages linked from rich text), loaded together on first use for a whole list of pages, e.g. a
page of API results or the article being rendered.

The chooser blocks in `news.blocks` and the page links in `news.wagtail_hooks` take their
objects from the pool when there is one (`pooled`); a host opens it with `objects_for_streams`,
or names `news.api.load_streams` as its headless layer's `STREAM_LOADER`.
"""

import copy
import re
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# None outside `objects_for_streams`.
_pool = ContextVar("news_stream_pool", default=None)
PAGE_LINK = re.compile(r'<a [^>]*linktype="page"[^>]*\bid="(\d+)"')


class StreamPool:
    """{kind: {id: object}} for the streams of `pages`, read from the database on first use."""

    def __init__(self, pages, rendition_filters=()):
        self.pages = pages
        self.rendition_filters = rendition_filters
        self._objects = None

    def get(self, kind):
        if self._objects is None:
            self._objects = self._load()
        return self._objects[kind]

    def _load(self):
        from wagtail.documents import get_document_model
        from wagtail.fields import StreamField
        from wagtail.images import get_image_model
        from wagtail.models import Page

        image_model = get_image_model()
        ids = {"image": set(), "document": set(), "page": set()}
        for page in self.pages:
            deferred = page.get_deferred_fields()
            for field in page._meta.concrete_fields:
                # Images the page refers to directly (a lead image) come in the same query.
                direct = getattr(field, "related_model", None) is image_model
                if direct and field.attname not in deferred and getattr(page, field.attname):
                    ids["image"].add(getattr(page, field.attname))
                if isinstance(field, StreamField) and field.attname not in deferred:
                    raw = list(getattr(page, field.attname).raw_data)
                    for kind, pk in _references(field.stream_block, raw):
                        ids[kind].add(pk)
        images = image_model.objects.prefetch_renditions(*self.rendition_filters)
        pages = Page.objects.filter(pk__in=ids["page"]).defer_streamfields().specific()
        return {
            "image": images.in_bulk(ids["image"]) if ids["image"] else {},
            "document": (
                get_document_model().objects.in_bulk(ids["document"]) if ids["document"] else {}
            ),
            "page": {page.pk: page for page in pages} if ids["page"] else {},
        }


def copy_pooled(obj):
    """A copy of a pooled object that a block may change (ImageBlock sets the alt text on its
    image). An image's prefetched renditions are copied too and point at the copy: a rendition
    reads its alt text from its image."""
    clone = copy.copy(obj)

    def own(renditions):
        copies = [copy.copy(rendition) for rendition in renditions]
        for rendition in copies:
            rendition.image = clone
        return copies

    if getattr(obj, "prefetched_renditions", None) is not None:  # prefetch_renditions()
        clone.prefetched_renditions = own(obj.prefetched_renditions)
    prefetched = getattr(obj, "_prefetched_objects_cache", None)
    if prefetched and "renditions" in prefetched:
        queryset = copy.copy(prefetched["renditions"])
        queryset._result_cache = own(prefetched["renditions"])
        clone._prefetched_objects_cache = {**prefetched, "renditions": queryset}
    return clone


def pooled(kind, ids):
    """The pooled objects for `ids` (copies), or None when not all of them are pooled."""
    pool = _pool.get()
    if pool is None:
        return None
    objects = pool.get(kind)
    if not all(pk is None or pk in objects for pk in ids):
        return None
    # Copies: one image may appear twice, with different alt text in each block.
    return [copy_pooled(objects[pk]) if pk is not None else None for pk in ids]


def _references(block, value):
    """(kind, id) of the images, documents and linked pages a raw (JSON) block value refers
    to, however deeply nested."""
    if value is None:
        return
    if isinstance(block, ImageChooserBlock):
        if isinstance(value, int):
            yield "image", value
    elif isinstance(block, DocumentChooserBlock):
        if isinstance(value, int):
            yield "document", value
    elif isinstance(block, blocks.RichTextBlock):
        for pk in PAGE_LINK.findall(value if isinstance(value, str) else ""):
            yield "page", int(pk)
    elif isinstance(block, blocks.StreamBlock):
        for item in value:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                yield from _references(child, item.get("value"))
    elif isinstance(block, blocks.StructBlock):
        if isinstance(value, int):  # an ImageBlock saved as a bare id, before alt text
            value = {"image": value}
        if isinstance(value, dict):
            for name, child in block.child_blocks.items():
                yield from _references(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            item = item.get("value") if isinstance(item, dict) and "type" in item else item
            yield from _references(block.child_block, item)


@contextmanager
def objects_for_streams(pages, rendition_filters=()):
    """While reading or rendering the StreamFields of `pages`, their images (with these
    renditions), documents and page links come from a few queries for all of them together,
    made only if a stream is actually read (not when a cached fragment stands in for it)."""
    token = _pool.set(StreamPool(pages, rendition_filters))
    try:
        yield
    finally:
        _pool.reset(token)
