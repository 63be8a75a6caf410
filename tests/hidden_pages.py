"""Pages readers must never find: a draft, an unpublished article, view-restricted pages.

Each title holds a word no demo page uses, so a test can search for it, look for it in feeds
and sitemaps, and know that finding it anywhere is a leak.
"""

import datetime

from wagtail.models import PageViewRestriction

from home.models import ContentPage
from news.models import NewsIndexPage, NewsSource
from tests.factories import NewsArticlePageFactory

# (title, slug) of each hidden page; every title holds the word "Zebracorn".
HIDDEN_TITLES = {
    "draft": "Zebracorn draft article",
    "unpublished": "Zebracorn unpublished article",
    "private": "Zebracorn private article",
    "private_page": "Zebracorn private page",
    "under_private": "Zebracorn page under a private page",
}
SECRET_WORD = "Zebracorn"


def make_hidden_pages(home):
    """Creates each kind of hidden page on the demo site; returns them by kind."""
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    source = NewsSource.objects.filter(locale__language_code="en").get(name="China Post News")
    newest = datetime.date(2022, 1, 1)  # newer than every demo article, so first if leaked
    pages = {}
    for kind in ("draft", "unpublished", "private"):
        article = NewsArticlePageFactory(
            parent=index,
            title=HIDDEN_TITLES[kind],
            slug=f"zebracorn-{kind}",
            date=newest,
            source=source,
            summary=f"{SECRET_WORD} summary.",
            live=kind != "draft",
        )
        article.save_revision()
        pages[kind] = article
    pages["unpublished"].unpublish()
    PageViewRestriction.objects.create(
        page=pages["private"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    private_page = home.add_child(
        instance=ContentPage(
            title=HIDDEN_TITLES["private_page"], slug="zebracorn-private", summary=SECRET_WORD
        )
    )
    PageViewRestriction.objects.create(
        page=private_page, restriction_type=PageViewRestriction.LOGIN
    )
    pages["private_page"] = private_page
    pages["under_private"] = private_page.add_child(
        instance=ContentPage(
            title=HIDDEN_TITLES["under_private"], slug="zebracorn-child", summary=SECRET_WORD
        )
    )
    return pages
