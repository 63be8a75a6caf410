"""The stamp catalogue: a catalogue page, a page per year and a page per stamp issue.

StampCataloguePage (/stamps/)           years, newest first; feeds of new issues
└── StampYearPage (/stamps/2021/)       the year's issues in number order
    └── StampIssuePage (/stamps/2021/2021-1-…/)
        stamps (StampItem, in order), products, facts and story
"""

import re

from rest_framework.fields import IntegerField

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from . import feeds
from .api import (
    FACTS_SCHEMA,
    FEEDS_SCHEMA,
    ISSUE_LINK_SCHEMA,
    ISSUE_LINKS_SCHEMA,
    TEXT_SCHEMA,
    YEAR_LINKS_SCHEMA,
    PageMethodField,
    StampsField,
    api_url,
    issue_link,
)
from .api import (
    absolute_url as api_absolute_url,
)
from .blocks import (
    ALT_TEXT_MISSING,
    CURRENCIES,
    ProductsBlock,
    StoryBlock,
    face_value_errors,
    money,
)

ISSUE_NUMBER = re.compile(r"^\s*(\d{4})\s*-\s*(\d{1,3})\s*$")
YEAR = re.compile(r"^\d{4}$")
ISSUE_NUMBER_FORMAT = (
    "Enter the issue number as its year, a hyphen and its place in the year, e.g. 2021-1."
)


def absolute_url(request, path):
    """`path` on the site's own address (its Site record)."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return request.build_absolute_uri(path) if request else path
    return site.root_url + path


class YearField(IntegerField):
    """The issue's year, read from its number (2021 for 2021-1)."""

    api_schema = {"type": "integer", "description": "The year of the issue, e.g. 2021."}


class StampCataloguePage(RoutablePageMixin, Page):
    """The stamp catalogue: every year's issues, newest year first, and feeds of new issues.

    Routes below it: `feed/rss/` and `feed/atom/`, the newest live, public issues."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two above the list of years.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    # Its years and their issue counts come from the pages below it.
    api_depends_on = ["stamps.StampYearPage", "stamps.StampIssuePage"]
    api_fields = [
        APIField("intro"),
        APIField("years", serializer=PageMethodField("api_years", YEAR_LINKS_SCHEMA)),
        APIField("feeds", serializer=PageMethodField("api_feeds", FEEDS_SCHEMA)),
    ]

    subpage_types = ["stamps.StampYearPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "stamp catalogue"

    def issues(self):
        """Every issue readers may see in this catalogue, newest first."""
        return (
            StampIssuePage.objects.descendant_of(self)
            .live()
            .public()
            .order_by("-date_of_issue", "-issue_year", "-sequence")
        )

    def years(self):
        """The year pages readers may see, newest first, each with its `issue_count`."""
        years = list(StampYearPage.objects.child_of(self).live().public().order_by("-year"))
        counts = dict(
            self.issues()
            .order_by()
            .values_list("issue_year")
            .annotate(count=Count("pk"))
            .values_list("issue_year", "count")
        )
        for year in years:
            year.issue_count = counts.get(year.year, 0)
            year.issue_count_display = (
                f"{year.issue_count} issue{'' if year.issue_count == 1 else 's'}"
            )
        return years

    def api_years(self, request):
        return [
            {
                "year": year.year,
                "title": year.heading(),
                "issue_count": year.issue_count,
                "issue_count_display": year.issue_count_display,
                "html_url": year.get_full_url(request),
                "api_url": api_url(year),
            }
            for year in self.years()
        ]

    def api_feeds(self, request):
        return [{**feed, "url": api_absolute_url(feed["url"])} for feed in self.feed_links(request)]

    def feed_links(self, request=None):
        """The feeds of new issues, each as {"title", "type", "url"}."""
        url = self.get_url(request)
        if url is None:
            return []
        return [
            {
                "title": f"{self.title}: new issues ({label})",
                "type": mime,
                "url": f"{url}feed/{kind}/",
            }
            for kind, label, mime in (
                ("rss", "RSS", "application/rss+xml"),
                ("atom", "Atom", "application/atom+xml"),
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["years"] = SimpleLazyObject(self.years)
        context["feeds"] = self.feed_links(request)
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/rss/", name="feed_rss")
    def rss_route(self, request):
        """New issues as RSS 2.0."""
        return feeds.IssueFeed(self, kind="rss")(request)

    @path("feed/atom/", name="feed_atom")
    def atom_route(self, request):
        """New issues as Atom."""
        return feeds.IssueFeed(self, kind="atom")(request)


class StampYearPageForm(WagtailAdminPageForm):
    """The year page's editor: the title is the year, and the slug follows it."""

    def clean(self):
        cleaned = super().clean()
        title = (cleaned.get("title") or "").strip()
        if not YEAR.match(title):
            self.add_error("title", "Enter the year as four digits, e.g. 2021.")
            return cleaned
        cleaned["title"] = title
        cleaned["slug"] = title
        self.instance.slug = title
        if "slug" in self.errors:  # the slug typed is replaced by the year
            del self.errors["slug"]
        parent = self.parent_page
        clash = StampYearPage.objects.child_of(parent).filter(year=int(title))
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            self.add_error(
                "title",
                f"This catalogue already has a page for {title}: add its issues there.",
            )
        return cleaned


class StampYearPage(Page):
    """One year of the catalogue: its stamp issues in number order (2021-1, 2021-2, …)."""

    year = models.PositiveSmallIntegerField(
        editable=False, default=0, db_index=True, help_text="Set from the title."
    )
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two about the year's issues, above their list.",
    )

    content_panels = [
        FieldPanel("title", help_text="The year, four digits, e.g. 2021. It is also the address."),
        FieldPanel("intro"),
    ]
    promote_panels = [
        panel for panel in Page.promote_panels if getattr(panel, "field_name", None) != "slug"
    ]
    base_form_class = StampYearPageForm
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_depends_on = ["stamps.StampIssuePage"]
    api_default_order = ("-year",)
    api_fields = [
        APIField("year"),
        APIField("heading", serializer=PageMethodField("api_heading", TEXT_SCHEMA)),
        APIField("intro"),
        APIField("issues", serializer=PageMethodField("api_issues", ISSUE_LINKS_SCHEMA)),
    ]

    parent_page_types = ["stamps.StampCataloguePage"]
    subpage_types = ["stamps.StampIssuePage"]

    class Meta:
        verbose_name = "stamp year"

    def clean(self):
        title = (self.title or "").strip()
        if not YEAR.match(title):
            raise ValidationError({"title": "Enter the year as four digits, e.g. 2021."})
        self.title = self.slug = title
        self.year = int(title)
        super().clean()

    def heading(self):
        """The year page's heading and menu label: "2021 Stamps"."""
        return _("%(year)s Stamps") % {"year": self.year or self.title}

    def api_heading(self, request):
        return self.heading()

    def issues(self):
        """The issues readers may see, in number order, with their stamps and images."""
        return (
            StampIssuePage.objects.child_of(self)
            .live()
            .public()
            .order_by("sequence", "pk")
            .prefetch_related(*StampIssuePage.stamps_prefetch)
        )

    def api_issues(self, request):
        return [issue_link(issue, request) for issue in self.issues()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = SimpleLazyObject(lambda: list(self.issues()))
        context["meta_title"] = self.heading()
        return context


def issue_number_error(number, year_page, exclude_pk=None):
    """What is wrong with this issue number under this year page, or None; and the number
    in its normal form ("2021-1" for "2021-01")."""
    match = ISSUE_NUMBER.match(number or "")
    if not match or int(match[2]) < 1:
        return ISSUE_NUMBER_FORMAT, number
    year, sequence = int(match[1]), int(match[2])
    normal = f"{year}-{sequence}"
    page_year = getattr(year_page, "year", None)
    if page_year and year != page_year:
        return (
            f"This issue is filed under {page_year}, so its number must start with "
            f"{page_year}- (e.g. {page_year}-{sequence}); or move it to the {year} page.",
            normal,
        )
    if year_page is not None:
        clash = StampIssuePage.objects.child_of(year_page).filter(sequence=sequence)
        if exclude_pk:
            clash = clash.exclude(pk=exclude_pk)
        clash = clash.first()
        if clash is not None:
            return (
                f"{normal} is already the number of “{clash.title}” in {year}: give this "
                "issue the next free number.",
                normal,
            )
    return None, normal


class StampIssuePageForm(WagtailAdminPageForm):
    """The issue editor, with errors that say what to fix."""

    def clean(self):
        cleaned = super().clean()
        if "issue_number" in cleaned:
            parent = self.parent_page.specific if self.parent_page else None
            error, normal = issue_number_error(
                cleaned["issue_number"], parent, exclude_pk=self.instance.pk
            )
            if error:
                self.add_error("issue_number", error)
            else:
                cleaned["issue_number"] = normal
                date = cleaned.get("date_of_issue")
                if date and str(date.year) != normal[:4]:
                    self.add_error(
                        "date_of_issue",
                        f"Issue {normal} is of {normal[:4]}, but this date is in {date.year}: "
                        "check the date or the number.",
                    )
        return cleaned


class StampIssuePage(Page):
    """A stamp issue: its number, date, the stamps of the set, products, facts and story."""

    issue_number = models.CharField(
        max_length=12,
        help_text="The year, a hyphen and the issue's place in the year, e.g. 2021-1. Unique "
        "within the year; the year page lists issues in this order.",
    )
    issue_year = models.PositiveSmallIntegerField(editable=False, default=0)
    sequence = models.PositiveSmallIntegerField(editable=False, default=0)
    date_of_issue = models.DateField(help_text="The day the stamps go on sale, e.g. 2021-01-05.")
    summary = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences for the year's list, feeds and search results.",
    )
    illustrative = models.BooleanField(
        "facts are illustrative",
        default=False,
        help_text="Tick when the facts or pictures are examples, not the official record: "
        "the page then says so.",
    )
    designer = models.CharField(max_length=200, blank=True, help_text="Who designed the stamps.")
    engraver = models.CharField(max_length=200, blank=True, help_text="Who engraved them, if any.")
    printer = models.CharField(
        max_length=200, blank=True, help_text="The printing works, e.g. a security printer."
    )
    printing_process = models.CharField(
        max_length=120, blank=True, help_text="e.g. offset, gravure, engraving and offset."
    )
    size = models.CharField(max_length=80, blank=True, help_text="Of one stamp, e.g. 36 × 36 mm.")
    perforation = models.CharField(max_length=40, blank=True, help_text="e.g. 13 × 13.")
    sheet_composition = models.CharField(
        max_length=80, blank=True, help_text="Stamps per sheet, e.g. 16 stamps (2 sets)."
    )
    quantity_printed = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Sets printed, where known; leave empty otherwise."
    )
    products = StreamField(
        ProductsBlock(),
        blank=True,
        help_text="Souvenir sheets, booklets, covers and other products issued with the stamps.",
    )
    story = StreamField(
        StoryBlock(),
        blank=True,
        help_text="The story of the issue: what the stamps show, the design, the occasion.",
    )

    base_form_class = StampIssuePageForm
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("issue_number"), FieldPanel("date_of_issue")]),
        FieldPanel("summary"),
        InlinePanel(
            "stamps",
            label="Stamp",
            heading="Stamps in the set",
            min_num=1,
            help_text="Each stamp with its name, face value and picture, in the set's order. "
            "Drag to reorder.",
        ),
        FieldPanel("products"),
        MultiFieldPanel(
            [
                FieldPanel("designer"),
                FieldPanel("engraver"),
                FieldPanel("printer"),
                FieldPanel("printing_process"),
                FieldRowPanel([FieldPanel("size"), FieldPanel("perforation")]),
                FieldPanel("sheet_composition"),
                FieldPanel("quantity_printed"),
                FieldPanel("illustrative"),
            ],
            heading="Technical details",
        ),
        FieldPanel("story"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("issue_number"),
        index.SearchField("summary"),
        index.SearchField("designer"),
        index.SearchField("story"),
        index.RelatedFields("stamps", [index.SearchField("name")]),
        index.AutocompleteField("issue_number"),
        index.AutocompleteField("summary"),
        index.FilterField("issue_year"),
        index.FilterField("issue_number"),
    ]
    api_fields = [
        APIField("issue_number"),
        APIField("year", serializer=YearField(source="issue_year", read_only=True)),
        APIField("sequence"),
        APIField("date_of_issue"),
        APIField("summary"),
        APIField("illustrative"),
        APIField("stamps", serializer=StampsField()),
        APIField(
            "face_values_display",
            serializer=PageMethodField("api_face_values", TEXT_SCHEMA),
        ),
        APIField("facts", serializer=PageMethodField("api_facts", FACTS_SCHEMA)),
        APIField("products"),
        APIField("designer"),
        APIField("engraver"),
        APIField("printer"),
        APIField("printing_process"),
        APIField("size"),
        APIField("perforation"),
        APIField("sheet_composition"),
        APIField("quantity_printed"),
        APIField("story"),
        APIField("previous_issue", serializer=PageMethodField("api_previous", ISSUE_LINK_SCHEMA)),
        APIField("next_issue", serializer=PageMethodField("api_next", ISSUE_LINK_SCHEMA)),
    ]
    # Filtered by stamps.api_filters.StampIssueFilter, not by the news plugin's `year`.
    api_filter_parameters = ("year", "number")
    # The previous and next issue are other issues: their changes move this one's ETag.
    api_depends_on = ["stamps.StampIssuePage"]
    # The catalogue's order: newest year first, then by number.
    api_default_order = ("-issue_year", "sequence", "pk")

    parent_page_types = ["stamps.StampYearPage"]
    subpage_types = []

    class Meta:
        verbose_name = "stamp issue"
        indexes = [models.Index(fields=["issue_year", "sequence"], name="stamps_issue_order_idx")]

    def clean(self):
        super().clean()
        parent = self.get_parent().specific if self.path else None
        error, normal = issue_number_error(self.issue_number, parent, exclude_pk=self.pk)
        if error:
            raise ValidationError({"issue_number": error})
        self.issue_number = normal
        self.issue_year, self.sequence = (int(part) for part in normal.split("-"))

    # What the year page, the gallery and the news plugin's stamp-issue block read. ----------
    def stamp_list(self):
        """The stamps of the set, in order, with their images and renditions (prefetched)."""
        # A preview's or a revision's stamps are held in memory (modelcluster): keep them.
        in_memory = "stamps" in getattr(self, "_cluster_related_objects", {})
        if self.pk and not in_memory:
            prefetch_related_objects([self], *self.stamps_prefetch)
        return list(self.stamps.all())

    @property
    def lead_image(self):
        """The first stamp's picture: the page's share image (Open Graph) and its card's."""
        for stamp in self.stamp_list():
            if stamp.image is not None:
                return stamp.image
        return None

    def face_values_display(self):
        """The set's face values as readers see them: "1.20 yuan × 2", "0.80 yuan, 1.20 yuan"."""
        groups = []
        for stamp in self.stamp_list():
            shown = stamp.face_value_display
            if not shown:
                continue
            if groups and groups[-1][0] == shown:
                groups[-1][1] += 1
            else:
                groups.append([shown, 1])
        return ", ".join(f"{shown} × {n}" if n > 1 else shown for shown, n in groups)

    def facts(self):
        """(label, value) of every fact known, in the order philatelists expect them."""
        rows = [
            (_("Issue number"), self.issue_number),
            (_("Date of issue"), self.date_of_issue),
            (_("Stamps in the set"), len(self.stamp_list()) or None),
            (_("Face values"), self.face_values_display()),
            (_("Designer"), self.designer),
            (_("Engraver"), self.engraver),
            (_("Size"), self.size),
            (_("Perforation"), self.perforation),
            (_("Sheet composition"), self.sheet_composition),
            (_("Printer"), self.printer),
            (_("Printing process"), self.printing_process),
            (
                _("Quantity printed"),
                f"{self.quantity_printed:,}" if self.quantity_printed else None,
            ),
        ]
        return [(label, value) for label, value in rows if value not in ("", None)]

    def api_face_values(self, request):
        return self.face_values_display()

    def api_facts(self, request):
        return [
            {"label": label, "value": v.isoformat() if hasattr(v, "isoformat") else str(v)}
            for label, v in self.facts()
        ]

    def pictures(self):
        """The stamps that have a picture: what a block elsewhere shows of the issue."""
        return [stamp for stamp in self.stamp_list() if stamp.image is not None]

    # Neighbours -------------------------------------------------------------------------------
    def _catalogue_issues(self):
        catalogue_path = self.path[: -2 * self.steplen]
        return (
            StampIssuePage.objects.filter(path__startswith=catalogue_path, depth=self.depth)
            .live()
            .public()
            .exclude(pk=self.pk)
        )

    def previous_issue(self):
        """The issue before this one in the catalogue (by year, then number), if any."""
        before = Q(issue_year__lt=self.issue_year) | Q(
            issue_year=self.issue_year, sequence__lt=self.sequence
        )
        return self._catalogue_issues().filter(before).order_by("-issue_year", "-sequence").first()

    def next_issue(self):
        """The issue after this one in the catalogue, if any."""
        after = Q(issue_year__gt=self.issue_year) | Q(
            issue_year=self.issue_year, sequence__gt=self.sequence
        )
        return self._catalogue_issues().filter(after).order_by("issue_year", "sequence").first()

    def api_previous(self, request):
        return issue_link(self.previous_issue(), request)

    def api_next(self, request):
        return issue_link(self.next_issue(), request)

    def breadcrumbs(self):
        """The catalogue and the year above this issue (live ones only)."""
        return list(self.get_ancestors().live().filter(depth__gte=self.depth - 2))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            stamps=self.stamp_list(),
            breadcrumbs=SimpleLazyObject(self.breadcrumbs),
            previous_issue=SimpleLazyObject(self.previous_issue),
            next_issue=SimpleLazyObject(self.next_issue),
        )
        return context


class StampItem(Orderable):
    """One stamp of an issue's set: its name, face value and picture."""

    issue = ParentalKey(StampIssuePage, on_delete=models.CASCADE, related_name="stamps")
    name = models.CharField(max_length=200, help_text='What the stamp shows, e.g. "Strong ox".')
    face_value = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="e.g. 1.20; leave empty only when the stamp has none.",
    )
    currency = models.CharField(
        max_length=3, choices=CURRENCIES, blank=True, help_text="The currency of the face value."
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A picture of the stamp. Readers can open it large.",
    )
    alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="Describe the picture for readers who cannot see it.",
    )
    decorative = models.BooleanField(
        "image is decorative",
        default=False,
        help_text="Tick only if the name says everything the picture shows.",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("face_value"), FieldPanel("currency")]),
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("decorative"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "stamp"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = face_value_errors(self.face_value, self.currency)
        if self.image_id and not self.decorative and not self.alt_text.strip():
            errors["alt_text"] = ALT_TEXT_MISSING
        if errors:
            raise ValidationError(errors)

    @property
    def face_value_display(self):
        return money(self.face_value, self.currency)

    @property
    def alt(self):
        """The picture's alt text as templates and the API give it: empty if decorative."""
        return "" if self.decorative else self.alt_text


# The stamps of an issue with their images and every rendition of them: three queries for any
# number of issues and stamps.
StampIssuePage.stamps_prefetch = (
    Prefetch(
        "stamps",
        queryset=StampItem.objects.select_related("image").prefetch_related("image__renditions"),
    ),
)
# What a block elsewhere that chooses an issue (the news plugin's) loads with it.
StampIssuePage.chooser_prefetch_related = StampIssuePage.stamps_prefetch
