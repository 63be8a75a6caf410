"""One address of each kind of page readers see, shared by the HTML checker and browser tests."""

from tests import expected

# name: path
PAGE_TYPES = {
    "home": "/",
    "news-index": "/news/",
    "news-by-year": "/news/2021/",
    "news-by-source": "/news/source/china-post-news/",
    "article": expected.SEED_ARTICLE_URL,
    "stamp-article": expected.STAMP_ARTICLE_URL,
    "stamp-catalogue": "/stamps/",
    "stamp-year": "/stamps/2021/",
    "stamp-issue": "/stamps/2021/2021-1-xin-chou-year-year-of-the-ox/",
    "contacts": "/contact-us/",
    "content-page": "/about-us/",
    "sitemap-page": "/sitemap/",
    "search-results": "/search/?q=stamps",
    "search-empty": "/search/",
    "not-found": "/no-such-page/",
}
