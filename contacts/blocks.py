"""Blocks for the contacts page body."""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class HotlineBlock(blocks.StructBlock):
    """One hotline from the shared list, so a changed number shows everywhere at once."""

    hotline = SnippetChooserBlock(
        "contacts.Hotline",
        help_text="Choose a hotline; change its number under Hotlines in the admin menu.",
    )

    def get_preview_value(self):
        hotlines = self.child_blocks["hotline"].target_model.objects
        return self.normalize({"hotline": hotlines.first()})

    api_schema = {
        "type": ["object", "null"],
        "properties": {
            "service": {"type": "string"},
            "number": {"type": "string", "description": "As readers see it, e.g. 8610 11185."},
            "tel": {"type": "string", "description": "E.164, for tel: links, e.g. +861011185."},
        },
        "required": ["service", "number", "tel"],
    }

    def get_api_representation(self, value, context=None):
        return value["hotline"].as_api_dict() if value["hotline"] else None

    class Meta:
        icon = "mobile-alt"
        template = "contacts/blocks/hotline_block.html"
        description = "A service hotline from the shared list of hotlines."


class AddressBlock(blocks.StructBlock):
    """A postal address with a label such as "Head office"."""

    label = blocks.CharBlock(max_length=120, help_text='What the address is, e.g. "Head office".')
    address = blocks.TextBlock(help_text="One line of the address per line.")

    class Meta:
        icon = "site"
        template = "contacts/blocks/address_block.html"
        description = "A postal address."
        preview_value = {"label": "Head office", "address": "3 Financial Street\nBeijing"}


class EmailBlock(blocks.StructBlock):
    """An e-mail address with what it is for."""

    label = blocks.CharBlock(
        max_length=120, help_text='What to write about, e.g. "Press enquiries".'
    )
    email = blocks.EmailBlock(help_text="e.g. press@example.com")

    class Meta:
        icon = "mail"
        template = "contacts/blocks/email_block.html"
        description = "An e-mail address readers can write to."
        preview_value = {"label": "Press enquiries", "email": "press@example.com"}


class OpeningHoursBlock(blocks.StructBlock):
    """When a service answers, as rows of days and hours."""

    label = blocks.CharBlock(
        max_length=120, help_text='Which service or office, e.g. "Customer service".'
    )
    rows = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("days", blocks.CharBlock(max_length=60, help_text="e.g. Monday to Friday")),
                ("hours", blocks.CharBlock(max_length=60, help_text="e.g. 08:30–17:30")),
            ]
        ),
        help_text="One row per set of days with the same hours.",
    )

    class Meta:
        icon = "time"
        template = "contacts/blocks/opening_hours_block.html"
        description = "Days and hours when a service is open."
        preview_value = {
            "label": "Customer service",
            "rows": [{"days": "Monday to Friday", "hours": "08:30–17:30"}],
        }


class ContactsBodyBlock(blocks.StreamBlock):
    """Everything the contacts page body can hold."""

    hotline = HotlineBlock()
    address = AddressBlock()
    email = EmailBlock()
    opening_hours = OpeningHoursBlock()
