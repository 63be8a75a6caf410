"""Rich text is stored clean, whoever writes it.

The admin's editor keeps only the formats it offers, but rich text can also arrive through the
v3 API, the shell, imports or an old revision. Before any page is saved, every rich-text field
and every rich-text block in its StreamFields loses scripts and other active elements, event
handler attributes and javascript:/vbscript:/data: links. Wagtail's own stored markup
(`<a linktype="page" id="3">`, `<embed embedtype="image" ...>`) is left as it is.
"""

import html
import re
from html.parser import HTMLParser

from django.db.models.signals import pre_save

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

# Dropped with everything inside them.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "applet", "noscript", "template"}
# Dropped, their text kept.
DROP_TAG = {
    "frame", "frameset", "base", "meta", "link", "form", "input", "button", "textarea",
    "select", "option", "svg", "math", "video", "audio", "source", "track", "portal",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster"}
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)


def _unsafe_url(value):
    # Browsers ignore whitespace and control characters inside a scheme: "java\tscript:".
    squeezed = re.sub(r"[\x00-\x20]", "", html.unescape(value or ""))
    return bool(BAD_SCHEME.match(squeezed))


# Elements without content or end tag: never waited for to close.
VOID = {"area", "br", "col", "embed", "hr", "img", "wbr"}
# Wagtail's own stored embeds (pictures, videos): rewritten on output, so kept as they are. Any
# other <embed> would reach readers as a plugin element: dropped.
WAGTAIL_EMBED_TYPES = {"image", "media"}
# Starting one of these ends an open paragraph, as in the browser's parser.
CLOSES_P = {
    "address", "blockquote", "div", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol",
    "p", "pre", "table", "ul",
}  # fmt: skip


class _Cleaner(HTMLParser):
    """Drops active content and balances the tags: every element kept is closed, in order,
    and stray end tags are dropped, so the admin's editor (which refuses unmatched tags) can
    open whatever was stored."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.skipping = 0  # depth inside a DROP_WITH_CONTENT element
        self.open = []  # the elements kept and not yet closed, innermost last

    def _attrs(self, attrs):
        kept = []
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                continue
            if name in URL_ATTRIBUTES and _unsafe_url(value):
                continue
            kept.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
        return "".join(f" {a}" for a in kept)

    def _close_until(self, tag, stop=()):
        """Closes the open elements down to and including `tag`, unless one in `stop` (or the
        bottom) comes first."""
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i] == tag:
                while len(self.open) > i:
                    self.out.append(f"</{self.open.pop()}>")
                return
            if self.open[i] in stop:
                return

    def _embed(self, attrs):
        if dict(attrs).get("embedtype") in WAGTAIL_EMBED_TYPES:
            self.out.append(f"<embed{self._attrs(attrs)}/>")

    def handle_starttag(self, tag, attrs):
        if tag in DROP_WITH_CONTENT:
            self.skipping += 1
        elif self.skipping or tag in DROP_TAG:
            return
        elif tag == "embed":
            self._embed(attrs)
        else:
            if tag in CLOSES_P:
                self._close_until("p", stop={"div", "blockquote", "li", "td", "th"})
            elif tag == "li":
                self._close_until("li", stop={"ul", "ol"})
            self.out.append(f"<{tag}{self._attrs(attrs)}>")
            if tag not in VOID:
                self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        if self.skipping or tag in DROP_TAG | DROP_WITH_CONTENT:
            return
        if tag == "embed":
            self._embed(attrs)
        elif tag in VOID:
            self.out.append(f"<{tag}{self._attrs(attrs)}/>")
        else:
            # <p/> is an opening tag in HTML; written as an empty element, balanced.
            self.out.append(f"<{tag}{self._attrs(attrs)}></{tag}>")

    def handle_endtag(self, tag):
        if tag in DROP_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        elif not self.skipping and tag not in DROP_TAG and tag in self.open:
            self._close_until(tag)

    def close(self):
        super().close()
        while self.open:
            self.out.append(f"</{self.open.pop()}>")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))

    def handle_entityref(self, name):
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if not self.skipping:
            self.out.append(f"&#{name};")

    # Comments, doctypes and processing instructions are dropped (conditional comments).
    def handle_comment(self, data):
        pass


def clean_html(value):
    """The markup without scripts, handlers, script links or foreign embeds, its tags
    balanced; text and safe markup kept."""
    if not value or "<" not in value:
        return value
    cleaner = _Cleaner()
    cleaner.feed(value)
    cleaner.close()
    return "".join(cleaner.out)


def _clean_stream(stream_value):
    """Cleans the rich text in a StreamValue in place, through structs, lists and streams."""

    def walk(block, value):
        if isinstance(block, blocks.RichTextBlock) and isinstance(value, RichText):
            value.source = clean_html(value.source)
        elif isinstance(block, blocks.StructBlock) and isinstance(value, dict):
            # (Wagtail's ImageBlock is a StructBlock whose value is the image itself.)
            for name, child in block.child_blocks.items():
                if name in value:
                    walk(child, value[name])
        elif isinstance(block, blocks.ListBlock):
            for item in value:
                walk(block.child_block, item)
        elif isinstance(block, blocks.StreamBlock):
            for child in value:
                walk(child.block, child.value)

    # Iterating binds every child, so the StreamValue saves from the cleaned values.
    for child in stream_value:
        walk(child.block, child.value)


def clean_page_rich_text(sender, instance, **kwargs):
    for field in instance._meta.concrete_fields:
        if isinstance(field, RichTextField):
            setattr(instance, field.attname, clean_html(getattr(instance, field.attname)))
        elif isinstance(field, StreamField):
            _clean_stream(getattr(instance, field.attname))


def connect():
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, Page):
            pre_save.connect(clean_page_rich_text, sender=model, weak=False)
