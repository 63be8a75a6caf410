"""Service hotlines, kept in one list, and the contacts page that shows them."""

import re

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from .blocks import ContactsBodyBlock

phone_number_validator = RegexValidator(
    r"^\+?[0-9][0-9 ]{2,30}$",
    "Enter the number with digits and spaces only (no letters, dashes or brackets), "
    "optionally starting with +, e.g. 8610 11185.",
)


class Hotline(TranslatableMixin, Orderable):
    """A service hotline. The header, the contacts page and the API all read this one list.

    Translatable: each locale has its own copy with the service's name in its language; the
    number, the header flag and the order are the same in every copy, entered once on any of
    them (saving one copies them to its translations; wagtail-localize does not offer them for
    translation)."""

    service = models.CharField(
        max_length=80, help_text='The service readers call about, e.g. "Postal Savings".'
    )
    number = models.CharField(
        max_length=32,
        validators=[phone_number_validator],
        help_text="As readers should see it, with the country code: e.g. 8610 95580.",
    )
    show_in_header = models.BooleanField(
        default=True, help_text="List this hotline in the header of every page."
    )

    panels = [FieldPanel("service"), FieldPanel("number"), FieldPanel("show_in_header")]
    # The fields that are the same in every language; a host with wagtail-localize keeps
    # them out of translation (postal_site.apps).
    synchronized_fields = ["number", "show_in_header", "sort_order"]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = "hotline"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The same number in every language: one edit reaches every translation.
        type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).update(
            number=self.number, show_in_header=self.show_in_header, sort_order=self.sort_order
        )

    def __str__(self):
        return f"{self.service}: {self.number}"

    @property
    def e164(self):
        """The number for `tel:` links: + and the digits (8610 11185 becomes +861011185)."""
        return "+" + re.sub(r"\D", "", self.number)

    def as_api_dict(self):
        return {"service": self.service, "number": self.number, "tel": self.e164}


class ContactsPage(Page):
    """How to reach the group: hotlines, addresses, e-mail and opening hours."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two above the contacts.",
    )
    body = StreamField(
        ContactsBodyBlock(),
        blank=True,
        help_text="Hotlines (chosen from the shared list), addresses, e-mail and opening hours.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        # The admin's page search matches words as typed (autocomplete), not full-text fields.
        index.AutocompleteField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]

    subpage_types = []
    max_count_per_parent = 1
