"""Blocks for the contacts page body."""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class HotlineBlock(blocks.StructBlock):
    """One hotline from the shared list, so a changed number shows everywhere at once."""

    hotline = SnippetChooserBlock("contacts.Hotline", help_text="Edit numbers under Snippets.")

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

    label = blocks.CharBlock(max_length=120)
    address = blocks.TextBlock(help_text="One line of the address per line.")

    class Meta:
        icon = "site"
        template = "contacts/blocks/address_block.html"
        description = "A postal address."
        preview_value = {"label": "Head office", "address": "3 Financial Street\nBeijing"}


class EmailBlock(blocks.StructBlock):
    """An e-mail address with what it is for."""

    label = blocks.CharBlock(max_length=120)
    email = blocks.EmailBlock()

    class Meta:
        icon = "mail"
        template = "contacts/blocks/email_block.html"
        description = "An e-mail address readers can write to."


class OpeningHoursBlock(blocks.StructBlock):
    """When a service answers, as rows of days and hours."""

    label = blocks.CharBlock(max_length=120)
    rows = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("days", blocks.CharBlock(max_length=60, help_text="e.g. Monday to Friday")),
                ("hours", blocks.CharBlock(max_length=60, help_text="e.g. 08:30–17:30")),
            ]
        )
    )

    class Meta:
        icon = "time"
        template = "contacts/blocks/opening_hours_block.html"
        description = "Days and hours when a service is open."


class ContactsBodyBlock(blocks.StreamBlock):
    hotline = HotlineBlock()
    address = AddressBlock()
    email = EmailBlock()
    opening_hours = OpeningHoursBlock()
