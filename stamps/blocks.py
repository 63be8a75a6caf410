"""The blocks of a stamp issue: its souvenir sheets and other products, and its story."""

import decimal

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from .api import CURRENCY_SCHEMA, FACE_VALUE_SCHEMA, IMAGE_SCHEMA, image_representation

# ISO 4217 codes of the currencies a stamp of this catalogue is denominated in, and the words
# readers see after the figure ("1.20 yuan").
CURRENCIES = [
    ("CNY", "yuan (CNY)"),
    ("HKD", "Hong Kong dollars (HKD)"),
    ("MOP", "patacas (MOP)"),
    ("USD", "US dollars (USD)"),
    ("EUR", "euros (EUR)"),
]
# Lazy: readers see the word in the page's language ("1.20 yuan", "1.20 元").
CURRENCY_WORDS = {
    "CNY": pgettext_lazy("currency after a figure", "yuan"),
    "HKD": "HK$",
    "MOP": pgettext_lazy("currency after a figure", "patacas"),
    "USD": "US$",
    "EUR": pgettext_lazy("currency after a figure", "euros"),
}
CURRENCY_MISSING = (
    'Choose the currency of the face value, e.g. "yuan (CNY)": a figure alone does not say '
    "what the stamp costs."
)
FACE_VALUE_MISSING = "Enter the face value in this currency (e.g. 1.20), or clear the currency."
ALT_TEXT_MISSING = (
    'Describe the picture for readers who cannot see it (e.g. "An ox ploughing a field in red '
    'and gold"), or tick "Image is decorative" if the name already says it all.'
)


def money(value, currency):
    """A face value as readers see it: "1.20 yuan"; "" without a value."""
    if value is None or value == "":
        return ""
    figure = f"{decimal.Decimal(value):.2f}"
    word = str(CURRENCY_WORDS.get(currency, currency))
    return f"{word}{figure}" if word.endswith("$") else f"{figure} {word}".strip()


def face_value_errors(value, currency):
    """{field: message} for a face value without a currency or a currency without a value."""
    if value not in (None, "") and not currency:
        return {"currency": CURRENCY_MISSING}
    if currency and value in (None, ""):
        return {"face_value": FACE_VALUE_MISSING}
    return {}


class ProductBlock(blocks.StructBlock):
    """A souvenir sheet, booklet, cover or other product issued with the stamps."""

    kind = blocks.ChoiceBlock(
        choices=[
            ("souvenir_sheet", "Souvenir sheet"),
            ("miniature_sheet", "Miniature sheet"),
            ("booklet", "Booklet"),
            ("first_day_cover", "First day cover"),
            ("maximum_card", "Maximum card"),
            ("presentation_pack", "Presentation pack"),
            ("other", "Other product"),
        ],
        default="souvenir_sheet",
        help_text="What kind of product this is.",
    )
    name = blocks.CharBlock(max_length=200, help_text='Its name, e.g. "Year of the Ox sheetlet".')
    face_value = blocks.DecimalBlock(
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text="Its face value, e.g. 6.00; leave empty for covers and cards without one.",
    )
    currency = blocks.ChoiceBlock(
        choices=CURRENCIES, required=False, help_text="The currency of the face value."
    )
    image = ImageBlock(required=False, help_text="A picture of it, with alt text.")
    description = blocks.TextBlock(
        required=False, max_length=600, help_text="What it shows or holds, in a sentence or two."
    )
    quantity_printed = blocks.IntegerBlock(
        required=False, min_value=1, help_text="How many were printed, where known."
    )

    api_schema = {
        "type": "object",
        "properties": {
            "kind": {"type": "string"},
            "kind_display": {"type": "string"},
            "name": {"type": "string"},
            "face_value": FACE_VALUE_SCHEMA,
            "currency": CURRENCY_SCHEMA,
            "face_value_display": {"type": "string"},
            "image": IMAGE_SCHEMA,
            "description": {"type": "string"},
            "quantity_printed": {"type": ["integer", "null"]},
        },
        "required": [
            "kind", "kind_display", "name", "face_value", "currency", "face_value_display",
            "image", "description", "quantity_printed",
        ],
    }  # fmt: skip

    def clean(self, value):
        errors = {}
        try:
            value = super().clean(value)
        except blocks.StructBlockValidationError as error:
            errors = dict(error.block_errors)
            image_error = errors.get("image")
            if isinstance(image_error, blocks.StructBlockValidationError) and (
                "alt_text" in image_error.block_errors
            ):
                image_error.block_errors["alt_text"] = ValidationError(ALT_TEXT_MISSING)
        for name, message in face_value_errors(
            value.get("face_value"), value.get("currency")
        ).items():
            errors.setdefault(name, ValidationError(message))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kind_display"] = dict(self.child_blocks["kind"].field.choices).get(value["kind"])
        context["face_value_display"] = money(value["face_value"], value["currency"])
        return context

    def get_api_representation(self, value, context=None):
        image = value["image"]
        alt = "" if image is None or getattr(image, "decorative", False) else None
        if image is not None and alt is None:
            alt = getattr(image, "contextual_alt_text", None) or image.default_alt_text
        face_value = value["face_value"]
        return {
            "kind": value["kind"],
            "kind_display": str(dict(self.child_blocks["kind"].field.choices).get(value["kind"])),
            "name": value["name"],
            "face_value": None if face_value is None else f"{face_value:.2f}",
            "currency": value["currency"] or "",
            "face_value_display": money(face_value, value["currency"]),
            "image": image_representation(image, alt=alt),
            "description": value["description"],
            "quantity_printed": value["quantity_printed"],
        }

    class Meta:
        icon = "image"
        template = "stamps/blocks/product_block.html"
        label = "Product"
        description = "A souvenir sheet, booklet, first day cover or other product of the issue."
        preview_value = {
            "kind": "souvenir_sheet",
            "name": "Year of the Ox souvenir sheet",
            "face_value": decimal.Decimal("6.00"),
            "currency": "CNY",
            "description": "Two oxen on a sheet of 150 × 100 mm.",
        }


class ProductsBlock(blocks.StreamBlock):
    """The products issued with the stamps."""

    product = ProductBlock()


class ParagraphBlock(blocks.RichTextBlock):
    """Running text of the issue's story."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "ol", "ul"])
        kwargs.setdefault("help_text", "The story of the stamps: what they show and why.")
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "stamps/blocks/paragraph_block.html"
        label = "Paragraph"
        description = "Running text with bold, italic, links and lists."
        preview_value = "<p>The ox stands for hard work and a good harvest.</p>"


class HeadingBlock(blocks.CharBlock):
    """A heading inside the story (below the page's own section headings)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", "A short heading that starts a part of the story.")
        super().__init__(**kwargs)

    class Meta:
        icon = "title"
        template = "stamps/blocks/heading_block.html"
        label = "Heading"
        description = "A heading that starts a new part of the story."
        preview_value = "The design"


class QuoteBlock(blocks.StructBlock):
    """Words of the designer or another person, set apart."""

    quote = blocks.TextBlock(help_text="The words quoted, without quotation marks.")
    attribution = blocks.CharBlock(required=False, max_length=200, help_text="Who said it.")

    class Meta:
        icon = "openquote"
        template = "stamps/blocks/quote_block.html"
        label = "Quote"
        description = "A quotation, e.g. from the designer."
        preview_value = {"quote": "An ox never tires of the field.", "attribution": "The designer"}


class StoryBlock(blocks.StreamBlock):
    """What an issue's story can hold."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
