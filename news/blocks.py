"""The blocks an editor composes an article body from. Each has its own template and API shape."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.images.blocks import ImageBlock as WagtailImageBlock
from wagtail.images.blocks import ImageChooserBlock

from .api import (
    DOCUMENT_SCHEMA,
    IMAGE_SCHEMA,
    document_representation,
    image_block_alt,
    image_representation,
)
from .streams import copy_pooled, pooled


def latest_image():
    """An image from the library for block previews in the admin; None on an empty library."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.order_by("-created_at").first()
    if image is not None:
        image.contextual_alt_text = image.default_alt_text
        image.decorative = False
    return image


class PooledImageChooserBlock(ImageChooserBlock):
    """An image chooser that loads a stream's images with their renditions in one go, or takes
    them from the pool (`objects_for_streams`)."""

    def bulk_to_python(self, values):
        values = list(values)
        found = pooled("image", values)
        if found is not None:
            return found
        # The renditions come with the images: one query for all, not one per image.
        images = self.model_class.objects.prefetch_renditions().in_bulk(
            [v for v in values if v is not None]
        )
        return [copy_pooled(images[v]) if v in images else None for v in values]


class PooledDocumentChooserBlock(DocumentChooserBlock):
    """A document chooser that takes its documents from the pool when there is one."""

    def bulk_to_python(self, values):
        values = list(values)
        found = pooled("document", values)
        return found if found is not None else super().bulk_to_python(values)

    def deconstruct(self):
        # Saved in migrations as Wagtail's own block: only the loading differs.
        return ("wagtail.documents.blocks.DocumentChooserBlock", *self._constructor_args)


class AltTextImageBlock(WagtailImageBlock):
    """Wagtail's ImageBlock (image, alt text, "decorative" box) with a message saying what to do.

    Choosing an image fills the alt text from the image's description in the library.
    Publishing refuses an image with neither alt text nor the decorative box ticked.
    Its images load in bulk with their renditions (`PooledImageChooserBlock`).
    """

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        # Same field, same deconstruction (ImageBlock's): only the loading differs.
        image = PooledImageChooserBlock(required=required)
        image.set_name("image")
        self.child_blocks["image"] = image

    def clean(self, value):
        try:
            return super().clean(value)
        except blocks.StructBlockValidationError as error:
            if "alt_text" in error.block_errors:
                error.block_errors["alt_text"] = ValidationError(ALT_TEXT_MISSING)
            raise


RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]
ALT_TEXT_MISSING = (
    'Describe the image in the alt text for readers who cannot see it (e.g. "A postman '
    'delivers parcels in a mountain village"), or tick "Image is decorative" if it adds '
    "nothing to the text."
)


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with links and lists."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        kwargs.setdefault(
            "help_text", "Write running text; select words to make them bold, italic or a link."
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "news/blocks/paragraph_block.html"
        label = "Paragraph"
        description = "Running text with bold, italic, links and lists."
        preview_value = "<p>China Post delivers to every village in the country.</p>"


class HeadingBlock(blocks.StructBlock):
    """A section heading inside the body; the page title is the only h1."""

    text = blocks.CharBlock(max_length=200, help_text="The heading's words.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")],
        default="h2",
        help_text="Use sections for the main parts and subsections inside them.",
    )

    class Meta:
        icon = "title"
        template = "news/blocks/heading_block.html"
        description = "A heading that starts a new part of the text."
        preview_value = {"text": "Model units by province", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    """An image with alt text, an optional caption and a credit line."""

    image = AltTextImageBlock(
        help_text=(
            "Choose or upload an image. Alt text describes it to readers who cannot see it; "
            "it starts as the image's description."
        )
    )
    caption = blocks.CharBlock(
        required=False, max_length=250, help_text="Shown under the image, e.g. what and where."
    )
    credit = blocks.CharBlock(required=False, max_length=120, help_text="Photographer or owner.")

    api_schema = {
        "type": "object",
        "properties": {
            "image": IMAGE_SCHEMA,
            "caption": {"type": "string"},
            "credit": {"type": "string"},
        },
        "required": ["image", "caption", "credit"],
    }

    def get_preview_value(self):
        return self.normalize(
            {"image": latest_image(), "caption": "A delivery in the countryside", "credit": ""}
        )

    def get_api_representation(self, value, context=None):
        image = value["image"]
        return {
            "image": image_representation(image, alt=image_block_alt(image)),
            "caption": value["caption"],
            "credit": value["credit"],
        }

    class Meta:
        icon = "image"
        template = "news/blocks/captioned_image_block.html"
        label = "Image"
        description = "A picture with caption and credit."


class QuoteBlock(blocks.StructBlock):
    """A pulled quotation and who said it."""

    quote = blocks.TextBlock(help_text="The words quoted, without quotation marks.")
    attribution = blocks.CharBlock(required=False, max_length=200, help_text="Who said it.")

    class Meta:
        icon = "openquote"
        template = "news/blocks/quote_block.html"
        description = "A quotation set apart from the text."
        preview_value = {"quote": "Every letter matters.", "attribution": "A rural postman"}


class AllowedEmbedBlock(WagtailEmbedBlock):
    """An embed address that one of the site's embed finders accepts (WAGTAILEMBEDS_FINDERS
    is the allow-list); any other address is refused with a message naming the providers
    (NEWS_EMBED_PROVIDER_NAMES), before anything is fetched from it."""

    def clean(self, value):
        from django.conf import settings

        from wagtail.embeds.finders import get_finders

        url = getattr(value, "url", None) or ""
        if url and not any(finder.accept(url) for finder in get_finders()):
            names = getattr(settings, "NEWS_EMBED_PROVIDER_NAMES", "the allowed providers")
            raise ValidationError(
                f"Only videos from {names} can be embedded; this address is not one of them."
            )
        return super().clean(value)


class EmbedBlock(blocks.StructBlock):
    """A video or post from an oEmbed provider, with a caption."""

    embed = AllowedEmbedBlock(help_text="The address of a video or post, e.g. a YouTube link.")
    caption = blocks.CharBlock(
        required=False, max_length=250, help_text="Shown under the video or post."
    )

    api_schema = {
        "type": "object",
        "properties": {
            "url": {"type": ["string", "null"], "description": "The embedded item's address."},
            "caption": {"type": "string"},
        },
        "required": ["url", "caption"],
    }

    def get_api_representation(self, value, context=None):
        embed = value["embed"]
        return {"url": embed.url if embed else None, "caption": value["caption"]}

    class Meta:
        icon = "media"
        template = "news/blocks/embed_block.html"
        description = "A video or social media post shown inside the article."


class DocumentBlock(blocks.StructBlock):
    """A download link to a document from the library."""

    document = PooledDocumentChooserBlock(
        help_text="Choose a file from the documents library or upload one."
    )
    label = blocks.CharBlock(
        required=False, max_length=200, help_text="Link text; the document's title if empty."
    )

    api_schema = {
        "type": "object",
        "properties": {"document": DOCUMENT_SCHEMA, "label": {"type": "string"}},
        "required": ["document", "label"],
    }

    def get_preview_value(self):
        from wagtail.documents import get_document_model

        document = get_document_model().objects.order_by("-pk").first()
        return self.normalize({"document": document, "label": ""})

    def get_api_representation(self, value, context=None):
        return {
            "document": document_representation(value["document"]),
            "label": value["label"] or (value["document"].title if value["document"] else ""),
        }

    class Meta:
        icon = "doc-full"
        template = "news/blocks/document_block.html"
        label = "Document link"
        description = "A link to download a file such as a PDF."


class TableBlock(WagtailTableBlock):
    """A table of figures with an optional header row and caption."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", "Type or paste the cells; tick the header row option for column titles."
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "table"
        template = "news/blocks/table_block.html"
        description = "Rows and columns of figures or facts."
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Model units in 2020",
            "data": [["Kind of branch", "Units"], ["Provincial postal branches", "7"]],
        }


class StampIssueBlock(blocks.StructBlock):
    """The technical details of a stamp issue, as philatelists expect them."""

    stamp_title = blocks.CharBlock(
        max_length=200, help_text='The issue\'s name, e.g. "Year of the Ox".'
    )
    serial_number = blocks.CharBlock(max_length=40, help_text="e.g. 2021-12")
    image = AltTextImageBlock(
        required=False, help_text="A picture of the stamps, with alt text describing them."
    )
    pieces_in_set = blocks.IntegerBlock(min_value=1, help_text="Number of stamps in the set.")
    denomination = blocks.CharBlock(max_length=120, help_text="Face values, e.g. 1.20 yuan × 2.")
    date_of_issue = blocks.DateBlock(help_text="The day the stamps go on sale.")
    designer = blocks.CharBlock(
        max_length=200, required=False, help_text="Who designed the stamps."
    )
    size = blocks.CharBlock(max_length=80, required=False, help_text="e.g. 30 × 40 mm")
    perforation = blocks.CharBlock(max_length=40, required=False, help_text="e.g. 13 × 13.5")
    sheet_composition = blocks.CharBlock(max_length=80, required=False, help_text="e.g. 16 stamps")
    printer = blocks.CharBlock(
        max_length=200, required=False, help_text="The printing works, e.g. a security printer."
    )
    printing_technology = blocks.CharBlock(max_length=120, required=False, help_text="e.g. offset")

    # Shown in the template's details list, in this order.
    DETAIL_FIELDS = (
        "serial_number",
        "pieces_in_set",
        "denomination",
        "date_of_issue",
        "designer",
        "size",
        "perforation",
        "sheet_composition",
        "printer",
        "printing_technology",
    )

    @cached_property
    def detail_labels(self):
        return [(name, self.child_blocks[name].label) for name in self.DETAIL_FIELDS]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["details"] = [
            (label, value[name])
            for name, label in self.detail_labels
            if value[name] not in ("", None)
        ]
        return context

    # The generic struct schema, with the image given as an object (see get_api_representation).
    api_schema_overrides = {"image": IMAGE_SCHEMA}

    def get_preview_value(self):
        return self.normalize(
            {
                "stamp_title": "Year of the Ox",
                "serial_number": "2021-1",
                "image": latest_image(),
                "pieces_in_set": 2,
                "denomination": "1.20 yuan × 2",
                "date_of_issue": datetime.date(2021, 1, 5),
                "designer": "A stamp designer",
                "size": "30 × 40 mm",
                "perforation": "13 × 13.5",
                "sheet_composition": "16 stamps",
                "printer": "",
                "printing_technology": "offset",
            }
        )

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        image = value["image"]
        data["image"] = image_representation(image, alt=image_block_alt(image))
        return data

    class Meta:
        icon = "tag"
        template = "news/blocks/stamp_issue_block.html"
        label = "Stamp issue"
        description = "Serial number, denomination, designer and the other facts of a stamp issue."


class ArticleBodyBlock(blocks.StreamBlock):
    """Everything an article body can hold."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock()
    document = DocumentBlock()
    table = TableBlock()
    stamp_issue = StampIssueBlock()
