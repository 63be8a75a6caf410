"""The stamp catalogue as readers and editors meet it on the demo site: the catalogue, the 2021
year, an issue's gallery, facts, neighbours, structured data and share image, the feeds and the
sitemap; the tree rules and the issue-number rules an editor is held to."""

import json

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import ContentPage, HomePage
from news.models import NewsArticlePage, NewsIndexPage
from stamps.models import StampCataloguePage, StampIssuePage, StampItem, StampYearPage
from tests import expected
from tests.factories import make_issue, make_year

pytestmark = pytest.mark.usefixtures("demo_site")

OX_URL = "/en/stamps/2021/2021-1-xin-chou-year-year-of-the-ox/"


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


class TestTreeRules(WagtailPageTestCase):
    """Catalogue → year → issue, and nowhere else."""

    def test_catalogue_goes_where_its_parent_allows_and_holds_only_years(self):
        self.assertCanCreateAt(HomePage, StampCataloguePage)
        self.assertCanCreateAt(Page, StampCataloguePage)
        self.assertCanNotCreateAt(ContentPage, StampCataloguePage)
        self.assertAllowedSubpageTypes(StampCataloguePage, {StampYearPage})

    def test_year_only_in_a_catalogue_and_issue_only_in_a_year(self):
        self.assertAllowedParentPageTypes(StampYearPage, {StampCataloguePage})
        self.assertAllowedParentPageTypes(StampIssuePage, {StampYearPage})
        self.assertAllowedSubpageTypes(StampYearPage, {StampIssuePage})
        self.assertAllowedSubpageTypes(StampIssuePage, set())
        self.assertCanNotCreateAt(HomePage, StampYearPage)
        self.assertCanNotCreateAt(HomePage, StampIssuePage)
        self.assertCanNotCreateAt(StampCataloguePage, StampIssuePage)
        self.assertCanNotCreateAt(NewsIndexPage, StampIssuePage)
        self.assertCanNotCreateAt(StampIssuePage, StampIssuePage)
        self.assertCanNotCreateAt(NewsArticlePage, StampCataloguePage)

    def test_one_catalogue_per_parent(self):
        home = HomePage.objects.filter(locale__language_code="en").get()
        assert StampCataloguePage.objects.child_of(home).exists()
        assert not StampCataloguePage.can_create_at(home)
        assert StampCataloguePage.can_create_at(Page.get_first_root_node())


def test_navigation_leads_to_the_2021_year(client):
    """ "2021 Stamps" in the menu opens the year page, whose heading says the same."""
    soup = soup_of(client, "/en/")
    link = next(a for a in soup.select("nav.main-nav a") if text(a) == "2021 Stamps")
    assert link["href"] == expected.STAMP_YEAR_URL
    year = soup_of(client, link["href"])
    assert text(year.h1) == "2021 Stamps"


def test_year_page_lists_issues_in_number_order(client):
    """The 2021 page lists 2021-1 … 2021-8 in that order, each with its first stamp's
    picture, date, stamp count and face values; 2021-10 comes after 2021-9, not after 2021-1."""
    year = StampYearPage.objects.filter(locale__language_code="en").get(year=2021)
    make_issue(year, "2021-10", title="Tenth issue")
    make_issue(year, "2021-9", title="Ninth issue")
    soup = soup_of(client, expected.STAMP_YEAR_URL)
    cards = soup.select("main .stamp-issue-card")
    numbers = [text(card.select_one(".stamp-issue-card__number")) for card in cards]
    assert numbers == [f"2021-{n}" for n in range(1, 11)]
    first = cards[0]
    assert "Xin Chou Year (Year of the Ox)" in text(first.h2)
    assert first.img["alt"] == "Illustrative drawing of the stamp “Strong ox”, 1.20 yuan"
    assert "Issued 5 January 2021" in text(first)
    assert text(first.select_one(".stamp-issue-card__values")) == "1.20 yuan × 2"


def test_catalogue_lists_years_newest_first_with_their_counts(client):
    """/en/stamps/ names each year with its number of issues, newest year first."""
    catalogue = StampCataloguePage.objects.filter(locale__language_code="en").get()
    older = make_year(catalogue, 2020)
    make_issue(older, "2020-1")
    soup = soup_of(client, "/en/stamps/")
    years = [text(li) for li in soup.select("main .stamp-years__item")]
    assert years == ["2021 Stamps 8 issues", "2020 Stamps 1 issue"]
    feeds = {link["href"] for link in soup.select('link[rel="alternate"]')}
    assert {"/en/stamps/feed/rss/", "/en/stamps/feed/atom/"} <= feeds


def test_issue_page_shows_gallery_facts_and_illustrative_note(client):
    """The gallery shows every stamp with name and face value; each picture is a plain link
    to a larger rendition (works without JavaScript); the facts and the illustrative note."""
    soup = soup_of(client, OX_URL)
    assert text(soup.h1) == "Xin Chou Year (Year of the Ox)"
    figures = soup.select(".stamp-gallery__figure")
    assert [text(f.figcaption) for f in figures] == [
        "Strong ox 1.20 yuan",
        "Family of oxen 1.20 yuan",
    ]
    for figure in figures:
        zoom = figure.select_one("a.stamp-gallery__zoom")
        small = zoom.img
        assert zoom["href"].startswith("/media/images/") and ".width-1200" in zoom["href"]
        response = client.get(zoom["href"])
        assert response.status_code == 200
        assert small["alt"].startswith("Illustrative drawing of the stamp")
    facts = {text(div.dt): text(div.dd) for div in soup.select(".stamp-facts__list > div")}
    assert facts["Issue number"] == "2021-1"
    assert facts["Face values"] == "1.20 yuan × 2"
    assert facts["Designer"] == "Han Meilin"
    assert "Illustrative" in text(soup.select_one(".stamp-issue__note"))


def test_issue_pages_link_previous_and_next_issue(client):
    """2021-1 has only a next issue (2021-2); 2021-2 has both; the last has only a previous."""
    first = soup_of(client, OX_URL)
    assert first.select_one('a[rel="prev"]') is None
    nxt = first.select_one('a[rel="next"]')
    assert "2021-2 Lantern Festival" in text(nxt)
    second = soup_of(client, nxt["href"])
    assert "2021-1" in text(second.select_one('a[rel="prev"]'))
    assert "2021-3" in text(second.select_one('a[rel="next"]'))
    last = StampIssuePage.objects.filter(locale__language_code="en").get(issue_number="2021-8")
    soup = soup_of(client, last.url)
    assert soup.select_one('a[rel="next"]') is None
    assert "2021-7" in text(soup.select_one('a[rel="prev"]'))


def test_issue_page_has_json_ld_and_open_graph_of_the_first_stamp(client):
    """JSON-LD describes the issue (number, date, designer) and each stamp with its picture
    and face value; og:image is the first stamp's picture at 1200 × 630."""
    soup = soup_of(client, OX_URL)
    data = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    issue = next(d for d in data if d.get("identifier") == "2021-1")
    assert issue["name"] == "Xin Chou Year (Year of the Ox)"
    assert issue["datePublished"] == "2021-01-05"
    assert issue["creator"]["name"] == "Han Meilin"
    assert [part["name"] for part in issue["hasPart"]] == ["Strong ox", "Family of oxen"]
    assert issue["hasPart"][0]["offers"] == {
        "@type": "Offer",
        "price": "1.20",
        "priceCurrency": "CNY",
        "availabilityStarts": "2021-01-05",
    }
    assert issue["hasPart"][0]["image"].startswith("http")
    crumbs = next(d for d in data if d["@type"] == "BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]][-3:] == [
        "Stamps",
        "2021",
        "Xin Chou Year (Year of the Ox)",
    ]
    og_image = soup.select_one('meta[property="og:image"]')["content"]
    assert "stamp-2021-1-1-strong-ox" in og_image and "fill-1200x630" in og_image


def test_feeds_list_new_issues_newest_first(client):
    """RSS and Atom list the issues by date of issue, newest first, with the first stamp's
    picture as enclosure."""
    rss = client.get("/en/stamps/feed/rss/")
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    titles = [t.split("</title>")[0] for t in body.split("<title>")[2:]]
    assert titles[0] == "2021-8 Lattice Windows" and titles[-1] == (
        "2021-1 Xin Chou Year (Year of the Ox)"
    )
    assert len(titles) == expected.STAMP_ISSUE_COUNT
    assert "<enclosure" in body and "media:content" in body
    atom = client.get("/en/stamps/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "2021-1 Xin Chou Year (Year of the Ox)" in atom.content.decode()


def test_sitemap_lists_catalogue_year_and_issues(client):
    body = client.get("/sitemap.xml").content.decode()
    for path in ("/en/stamps/", "/en/stamps/2021/", OX_URL):
        assert f"http://localhost{path}<" in body or f"{path}</loc>" in body, path


def test_search_finds_an_issue_by_its_stamps_name(client):
    """Site search finds 2021-7 by a stamp's name, which only its stamps hold."""
    soup = soup_of(client, "/en/search/?q=crowned+crane")
    links = [a["href"] for a in soup.select("main a")]
    assert (
        StampIssuePage.objects.filter(locale__language_code="en").get(issue_number="2021-7").url
        in links
    )


# Editors' rules ---------------------------------------------------------------------------
def test_issue_number_must_match_its_year():
    year = StampYearPage.objects.filter(locale__language_code="en").get(year=2021)
    with pytest.raises(ValidationError) as error:
        make_issue(year, "2020-12")
    assert "must start with 2021-" in str(error.value)


def test_issue_number_is_unique_within_its_year():
    year = StampYearPage.objects.filter(locale__language_code="en").get(year=2021)
    with pytest.raises(ValidationError) as error:
        make_issue(year, "2021-01")  # 2021-1 in its normal form
    assert "already the number of “Xin Chou Year (Year of the Ox)”" in str(error.value)


def test_same_number_in_another_year_is_allowed_and_normalised():
    catalogue = StampCataloguePage.objects.filter(locale__language_code="en").get()
    issue = make_issue(make_year(catalogue, 2022), "2022-01")
    assert (issue.issue_number, issue.issue_year, issue.sequence) == ("2022-1", 2022, 1)


def test_malformed_issue_number_says_the_format():
    year = StampYearPage.objects.filter(locale__language_code="en").get(year=2021)
    with pytest.raises(ValidationError) as error:
        make_issue(year, "2021-0")
    assert "e.g. 2021-1" in str(error.value)


def test_year_page_title_must_be_a_year_and_becomes_its_slug():
    catalogue = StampCataloguePage.objects.filter(locale__language_code="en").get()
    with pytest.raises(ValidationError) as error:
        catalogue.add_child(instance=StampYearPage(title="Twenty-twenty"))
    assert "four digits" in str(error.value)
    page = catalogue.add_child(instance=StampYearPage(title="2019", slug="whatever"))
    assert (page.slug, page.year) == ("2019", 2019)


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"face_value": "1.20", "currency": ""}, "currency", "Choose the currency"),
        ({"face_value": None, "currency": "CNY"}, "face_value", "Enter the face value"),
        ({"alt_text": "", "decorative": False}, "alt_text", "Describe the picture"),
    ],
)
def test_a_stamp_says_what_is_missing(fields, field, message):
    """A face value without a currency, a currency without a value, or a picture without alt
    text (and not marked decorative) are refused with what to do."""
    image = StampItem.objects.exclude(image=None).first().image
    values = {"name": "A stamp", "face_value": "1.20", "currency": "CNY", "image": image,
              "alt_text": "A red ox", **fields}  # fmt: skip
    stamp = StampItem(
        issue=StampIssuePage.objects.filter(locale__language_code="en").first(), **values
    )
    with pytest.raises(ValidationError) as error:
        stamp.full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_a_decorative_picture_needs_no_alt_text():
    image = StampItem.objects.exclude(image=None).first().image
    issue = StampIssuePage.objects.filter(locale__language_code="en").first()
    stamp = StampItem(issue=issue, name="A stamp", face_value="1.20",
                      currency="CNY", image=image, decorative=True)  # fmt: skip
    stamp.full_clean()


def test_admin_form_refuses_a_number_of_another_year(admin_client):
    """The editor's form names the problem beside the issue number field."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    year = StampYearPage.objects.filter(locale__language_code="en").get(year=2021)
    url = f"/admin/pages/add/stamps/stampissuepage/{year.pk}/"
    data = nested_form_data(
        {
            "title": "Wrong year",
            "slug": "wrong-year",
            "issue_number": "2020-3",
            "date_of_issue": "2021-03-01",
            "stamps": inline_formset(
                [{"name": "A stamp", "face_value": "1.20", "currency": "CNY", "alt_text": ""}]
            ),
            "products": streamfield([]),
            "story": streamfield([]),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "must start with 2021-" in errors["issue_number"][0]
    assert not Page.objects.filter(slug="wrong-year").exists()


def test_a_stamp_added_and_published_is_found_by_its_name(client):
    """A stamp's name is indexed once the issue is published with it (the stamps are saved
    after the page itself); the draft's stamp is not found before."""
    from stamps.models import StampItem

    issue = StampIssuePage.objects.filter(locale__language_code="en").get(issue_number="2021-7")
    issue.stamps.add(StampItem(name="Black-necked stork", sort_order=9))
    revision = issue.save_revision()
    search = "/en/search/?q=stork"
    assert issue.url not in [a["href"] for a in soup_of(client, search).select("main a")]
    revision.publish()
    assert issue.url in [a["href"] for a in soup_of(client, search).select("main a")]
