"""home 0005 turns the stamp-issue blocks articles used to hold (the facts typed into the
article) into catalogue issues, and the article still shows the same facts afterwards.

The migration function runs on the historical models of its own state, over an article built
with the old block's JSON, as a database from before the catalogue would hold it."""

import importlib
import json

import pytest

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from wagtail.models import Revision

from news.models import NewsArticlePage, NewsIndexPage
from stamps.models import StampIssuePage
from tests.factories import NewsArticlePageFactory
from tests.markup import parse, text

pytestmark = pytest.mark.usefixtures("demo_site")

MIGRATION = importlib.import_module("home.migrations.0005_stamp_issues_to_catalogue")

OLD_BLOCK = {
    "stamp_title": "Tiger Year",
    "serial_number": "2022-1",
    "pieces_in_set": 2,
    "denomination": "1.20 yuan × 2",
    "date_of_issue": "2022-01-05",
    "designer": "Feng Dagang",
    "size": "36 × 36 mm",
    "perforation": "13 × 13",
    "sheet_composition": "16 stamps",
    "printer": "A security printer",
    "printing_technology": "Offset",
}
FACTS = {
    "2022-1", "2", "1.20 yuan × 2", "5 January 2022", "Feng Dagang", "36 × 36 mm", "13 × 13",
    "16 stamps", "A security printer", "Offset",
}  # fmt: skip


def historical_apps():
    loader = MigrationLoader(connection)
    return loader.project_state(("home", "0005_stamp_issues_to_catalogue")).apps


def old_article(image, slug="tiger-year"):
    value = {**OLD_BLOCK, "image": {"image": image.pk, "decorative": False, "alt_text": "Tigers"}}
    article = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.filter(locale__language_code="en").get(), slug=slug
    )
    raw = [{"type": "paragraph", "value": "<p>A tiger.</p>", "id": "p1"},
           {"type": "stamp_issue", "value": value, "id": "s1"}]  # fmt: skip
    revision = article.save_revision()
    # As the old block saved it, in the page and its revision: JSON written past today's block
    # definition, which would refuse it.
    NewsArticlePage.objects.filter(locale__language_code="en").filter(pk=article.pk).update(
        body=json.dumps(raw)
    )
    Revision.objects.filter(pk=revision.pk).update(
        content={**revision.content, "body": json.dumps(raw)}
    )
    return article


def test_old_block_becomes_a_catalogue_issue_and_the_article_shows_the_same_facts(client):
    from wagtail.images.models import Image

    image = Image.objects.get(title="Year of the Ox stamps")
    article = old_article(image)
    MIGRATION.convert(historical_apps())

    issue = StampIssuePage.objects.filter(locale__language_code="en").get(issue_number="2022-1")
    assert issue.url == "/en/stamps/2022/2022-1-tiger-year/"
    assert issue.live and issue.title == "Tiger Year"
    stamps = list(issue.stamps.all())
    assert [(s.face_value_display, s.image_id) for s in stamps] == [
        ("1.20 yuan", image.pk),
        ("1.20 yuan", None),
    ]
    assert stamps[0].alt == "Tigers"
    article.refresh_from_db()
    assert article.body.raw_data[1]["value"] == issue.pk
    assert article.latest_revision.content["body"].count(f'"value": {issue.pk}') == 1

    soup = parse(client.get(article.url))
    block = soup.select_one(".block-stamp-issue")
    assert text(block.h2) == "Tiger Year"
    shown = {text(div.dd) for div in block.select("dl > div")}
    assert shown == FACTS
    assert block.img["alt"] == "Tigers"
    assert client.get("/en/stamps/2022/").status_code == 200


def test_running_it_again_or_for_a_second_article_reuses_the_issue():
    from wagtail.images.models import Image

    image = Image.objects.get(title="Year of the Ox stamps")
    old_article(image)
    MIGRATION.convert(historical_apps())
    second = old_article(image, slug="tiger-year-again")
    MIGRATION.convert(historical_apps())
    assert (
        StampIssuePage.objects.filter(locale__language_code="en")
        .filter(issue_number="2022-1")
        .count()
        == 1
    )
    second.refresh_from_db()
    issue = StampIssuePage.objects.filter(locale__language_code="en").get(issue_number="2022-1")
    assert second.body.raw_data[1]["value"] == issue.pk


@pytest.mark.parametrize(
    "text_, pieces, values",
    [
        ("1.20 yuan × 2", 2, ["1.20", "1.20"]),
        ("1.20 yuan", 3, ["1.20", "1.20", "1.20"]),
        ("0.80 yuan, 1.20 yuan", 2, ["0.80", "1.20"]),
        ("80 fen + 1.20 yuan x 2", 3, ["0.80", "1.20", "1.20"]),
        ("one yuan", 1, None),
    ],
)
def test_denominations_are_read_into_face_values(text_, pieces, values):
    parsed = MIGRATION.parse_face_values(text_, pieces)
    assert (None if parsed is None else [f"{v:.2f}" for v, _ in parsed]) == values
