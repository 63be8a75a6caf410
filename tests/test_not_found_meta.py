"""A 404 page tells search engines nothing about the missing address: no canonical URL and no
og:url pointing at it, and noindex so it is never listed."""

import pytest

from tests.markup import parse


@pytest.mark.parametrize(
    "path",
    [
        "/no-such-page/",  # no page at all (Wagtail's routing)
        "/en/news/1999/",  # a year without articles (the news index's own 404)
        "/en/news/source/no-such-source/",
        "/api-is-not-here.html",  # not even a page pattern (Django's URL resolver)
    ],
)
def test_not_found_page_has_no_canonical_and_no_og_url(client, demo_site, path):
    response = client.get(path)
    assert response.status_code == 404
    soup = parse(response)
    assert soup.title.string == "Page not found | China Post"
    assert soup.select("link[rel=canonical]") == []
    assert soup.select('meta[property="og:url"]') == []
    assert path not in str(soup.head)
    robots = soup.select_one('meta[name="robots"]')
    assert robots is not None and "noindex" in robots["content"]


def test_found_pages_keep_their_canonical_and_og_url(client, demo_site):
    """The home and news pages still name their own address."""
    for path in ("/en/", "/en/news/"):
        soup = parse(client.get(path))
        canonical = soup.select_one("link[rel=canonical]")["href"]
        assert canonical.endswith(path)
        assert soup.select_one('meta[property="og:url"]')["content"] == canonical
