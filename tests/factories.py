"""Factories for the plugins' pages, snippets, images and documents.

Only Django, Wagtail and the plugins are imported here, so the plugin tests can use these under
their minimal settings, where the host site's `home` app does not exist.
"""

import datetime
import io
import json

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from PIL import Image as PILImage

from django.core.files.base import ContentFile

from wagtail.models import Collection

from contacts.models import ContactsPage, Hotline
from news.models import NewsArticlePage, NewsIndexPage, NewsSource


def stream(*blocks):
    """StreamField JSON from (type, value) pairs, as the admin would save it."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def png_bytes(size=(64, 40), colour=(0, 105, 60)):
    """A small PNG drawn in memory with Pillow."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (wagtail-factories would make a new root per image)."""

    title = factory.Sequence(lambda n: f"Test image {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyAttribute(
        lambda o: ContentFile(png_bytes(), name=f"{o.title.lower().replace(' ', '-')}.png")
    )


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A small text document in the root collection."""

    title = factory.Sequence(lambda n: f"Test document {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyFunction(lambda: ContentFile(b"Parcels: 100\n", name="report.txt"))


class NewsSourceFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test source {n}")

    class Meta:
        model = NewsSource
        django_get_or_create = ["name"]


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    """A live article; pass `live=False` for a draft."""

    title = factory.Sequence(lambda n: f"Test article {n}")
    date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    summary = factory.LazyAttribute(lambda o: f"Summary of {o.title}.")

    class Meta:
        model = NewsArticlePage


class HotlineFactory(DjangoModelFactory):
    service = factory.Sequence(lambda n: f"Service {n}")
    number = "8610 11185"
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Hotline


class ContactsPageFactory(wagtail_factories.PageFactory):
    title = "Contact Us"
    slug = "contact-us"

    class Meta:
        model = ContactsPage


def make_catalogue(parent, slug="stamps", title="Stamps"):
    """A live stamp catalogue below `parent`."""
    from stamps.models import StampCataloguePage

    catalogue = parent.add_child(instance=StampCataloguePage(title=title, slug=slug))
    catalogue.save_revision().publish()
    return catalogue


def make_year(catalogue, year=2021):
    """A live year page of the catalogue (title and slug are the year)."""
    from stamps.models import StampYearPage

    page = catalogue.add_child(instance=StampYearPage(title=str(year)))
    page.save_revision().publish()
    return page


def make_issue(year_page, number, title=None, stamps=1, image=None, live=True, **fields):
    """A stamp issue with `stamps` stamps of 1.20 yuan, each with `image` if given."""
    from decimal import Decimal

    from stamps.models import StampIssuePage, StampItem

    sequence = int(number.split("-")[1])
    fields.setdefault(
        "date_of_issue", datetime.date(year_page.year, 1, 1) + datetime.timedelta(days=sequence)
    )
    issue = StampIssuePage(
        title=title or f"Issue {number}",
        slug=fields.pop("slug", f"issue-{number}"),
        issue_number=number,
        stamps=[
            StampItem(
                name=f"Stamp {n} of {number}",
                face_value=Decimal("1.20"),
                currency="CNY",
                image=image,
                alt_text=f"Picture of stamp {n} of {number}" if image else "",
                sort_order=n,
            )
            for n in range(1, stamps + 1)
        ],
        live=live,
        **fields,
    )
    year_page.add_child(instance=issue)
    revision = issue.save_revision()
    if live:
        revision.publish()
    issue.refresh_from_db()
    return issue
