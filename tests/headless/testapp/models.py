"""A small page type of another site: the headless layer must serve it without `news`."""

from django.db import models

from wagtail import blocks
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page


class CalloutBlock(blocks.StructBlock):
    """A boxed remark."""

    heading = blocks.CharBlock()
    text = blocks.TextBlock()
    tone = blocks.ChoiceBlock(choices=[("info", "Info"), ("warning", "Warning")])


class NotePage(Page):
    """A short note with a body of paragraphs and callouts."""

    rating = models.IntegerField(default=0)
    body = StreamField(
        [("paragraph", blocks.RichTextBlock()), ("callout", CalloutBlock())], blank=True
    )

    api_fields = [APIField("rating"), APIField("body")]
    template = "testapp/note_page.html"
