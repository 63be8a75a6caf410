"""The blocks an editor composes an article body from. Each has its own template and API shape."""

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
    page_link,
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


# The stamp catalogue's issue page type, named by its label: the news plugin imports nothing
# of the catalogue (a plugin of its own), and works without it (see StampIssueBlock).
STAMP_ISSUE_PAGE_TYPE = "stamps.StampIssuePage"
STAMP_ISSUE_SCHEMA = {
    "type": ["object", "null"],
    "description": "The stamp issue chosen from the catalogue, with its facts as readers see "
    "them; follow api_url for its stamps. null when the issue is not live and public.",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "html_url": {"type": ["string", "null"]},
        "api_url": {"type": ["string", "null"]},
        "facts": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"label": {"type": "string"}, "value": {"type": "string"}},
                "required": ["label", "value"],
            },
        },
        "pictures": {"type": "array", "items": IMAGE_SCHEMA},
    },
    "required": ["id", "title", "html_url", "api_url", "facts", "pictures"],
}


class StampIssueBlock(blocks.PageChooserBlock):
    """A stamp issue chosen from the catalogue, shown with its facts and pictures.

    The article repeats nothing: the facts (`facts()`, (label, value) pairs) and pictures
    (`pictures()`, items with `image` and `alt`) come from the chosen page, so an edit to the
    issue shows in every article. A draft, unpublished or view-restricted issue shows nothing,
    here and in the API. Without the catalogue app installed the chooser takes any page and
    shows its title and link."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Choose the issue from the stamp catalogue: its number, date, face values, "
            "designer and stamps are shown from there.",
        )
        super().__init__(page_type=STAMP_ISSUE_PAGE_TYPE, **kwargs)

    @cached_property
    def target_models(self):
        from django.apps import apps

        try:
            return [apps.get_model(STAMP_ISSUE_PAGE_TYPE)]
        except LookupError:  # the catalogue is not installed: any page
            from wagtail.models import Page

            return [Page]

    def bulk_to_python(self, values):
        from django.db.models import prefetch_related_objects

        pages = super().bulk_to_python(values)
        chosen = [page for page in pages if page is not None]
        if chosen:
            model = self.target_model
            # Which may be shown, and what they show (their stamps and images): a few queries
            # for all the issues of a body, not some per issue.
            visible = set(
                model.objects.filter(pk__in=[page.pk for page in chosen])
                .live()
                .public()
                .values_list("pk", flat=True)
            )
            for page in chosen:
                page.news_visible = page.pk in visible
            prefetch_related_objects(chosen, *getattr(model, "chooser_prefetch_related", ()))
        return pages

    def visible(self, value):
        """The chosen page if readers may see it, else None."""
        if value is None:
            return None
        shown = getattr(value, "news_visible", None)
        if shown is None:
            shown = type(value).objects.filter(pk=value.pk).live().public().exists()
        return value if shown else None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        issue = self.visible(value)
        context["issue"] = issue
        context["details"] = issue.facts() if hasattr(issue, "facts") else []
        context["pictures"] = issue.pictures() if hasattr(issue, "pictures") else []
        return context

    api_schema = STAMP_ISSUE_SCHEMA

    def get_api_representation(self, value, context=None):
        issue = self.visible(value)
        if issue is None:
            return None
        link = page_link(issue, (context or {}).get("request"))
        facts = issue.facts() if hasattr(issue, "facts") else []
        return {
            **{key: link[key] for key in ("id", "title", "html_url", "api_url")},
            "facts": [
                {"label": label, "value": v.isoformat() if hasattr(v, "isoformat") else str(v)}
                for label, v in facts
            ],
            "pictures": [
                image_representation(picture.image, alt=picture.alt)
                for picture in (issue.pictures() if hasattr(issue, "pictures") else [])
            ],
        }

    def get_preview_value(self):
        return self.target_model.objects.live().public().order_by("-pk").first()

    def deconstruct(self):
        # Saved in migrations as Wagtail's own chooser of the catalogue's issues.
        kwargs = {"page_type": [STAMP_ISSUE_PAGE_TYPE], **self._constructor_args[1]}
        return ("wagtail.blocks.PageChooserBlock", (), kwargs)

    class Meta:
        icon = "tag"
        template = "news/blocks/stamp_issue_block.html"
        label = "Stamp issue"
        description = "A stamp issue from the catalogue, with its facts and stamps."


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
