"""One address of each kind of page readers see, shared by the HTML checker and browser tests."""

from tests import expected

# name: path
PAGE_TYPES = {
    "home": "/en/",
    "news-index": "/en/news/",
    "news-by-year": "/en/news/2021/",
    "news-by-source": "/en/news/source/china-post-news/",
    "article": expected.SEED_ARTICLE_URL,
    "stamp-article": expected.STAMP_ARTICLE_URL,
    "stamp-catalogue": "/en/stamps/",
    "stamp-year": "/en/stamps/2021/",
    "stamp-issue": "/en/stamps/2021/2021-1-xin-chou-year-year-of-the-ox/",
    "contacts": "/en/contact-us/",
    "content-page": "/en/about-us/",
    "sitemap-page": "/en/sitemap/",
    "search-results": "/en/search/?q=stamps",
    "search-empty": "/en/search/",
    "not-found": "/no-such-page/",
}
# The same kinds in Chinese (issue 14): the same addresses under /zh/.
PAGE_TYPES.update(
    {
        f"zh-{name}": path.replace("/en/", "/zh/", 1) if path.startswith("/en/") else "/zh" + path
        for name, path in list(PAGE_TYPES.items())
    }
)
PAGE_TYPES["zh-search-results"] = "/zh/search/?q=邮票"
