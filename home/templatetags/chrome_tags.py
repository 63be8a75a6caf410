"""The site chrome (navigation, hotlines and footer) for every page, from `home.chrome`."""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.models import Page

from news.models import absolute_url

from ..chrome import (
    NATIVE_NAMES,
    home_urls,
    html_lang,
    page_translations,
    prefix_for,
    site_chrome,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def chrome(context):
    return site_chrome(context["request"])


@register.filter
def about(page):
    """A line about a section on the home page: its search description, summary or intro."""
    for name in ("search_description", "summary", "intro"):
        text = " ".join(strip_tags(str(getattr(page, name, "") or "")).split())
        if text:
            return text
    return ""


@register.filter
def bcp47(language_code):
    """Django's language code as HTML's `lang` and `hreflang` want it: zh-hans → zh-Hans."""
    return html_lang(language_code)


@register.simple_tag(takes_context=True)
def languages(context):
    """The language switch and the head's alternates for what is being shown.

    A page links to its version in each other language, or, while it has none, to that
    language's home with `?untranslated=1` (where a note says so); the search to the same
    search in the other language; a missing page to the other home. `alternates` are the
    (hreflang, absolute URL) pairs of the versions that exist, with `x-default` the English
    one, for <link rel="alternate"> in the head.
    """
    request = context["request"]
    current = translation.get_language() or settings.LANGUAGE_CODE
    page = context.get("page")
    homes = home_urls(request)
    versions = None
    if isinstance(page, Page) and page.pk and not context.get("not_found"):
        versions = page_translations(request, page)
    others = []
    alternates = []
    for code, _name in settings.LANGUAGES:
        if versions is not None:
            url = versions.get(code)
            available = url is not None
            if available:
                alternates.append((html_lang(code), url))
                url = urlsplit(url).path
            else:
                url = homes.get(code, f"/{prefix_for(code)}/") + "?untranslated=1"
        elif context.get("not_found"):
            url, available = homes.get(code, f"/{prefix_for(code)}/"), True
        else:
            # A view under the prefix (the search): the same address in the other language.
            path = request.get_full_path()
            own = f"/{prefix_for(current)}/"
            url = f"/{prefix_for(code)}/" + path[len(own) :] if path.startswith(own) else path
            available = True
            if not context.get("meta_robots", "").startswith("noindex"):
                alternates.append((html_lang(code), absolute_url(request, url)))
        if code != current:
            others.append(
                {
                    "code": code,
                    "lang": html_lang(code),
                    "name": NATIVE_NAMES.get(code, code),
                    "url": url,
                    "available": available,
                }
            )
    default = dict(alternates).get(html_lang(settings.LANGUAGE_CODE))
    if default:
        alternates.append(("x-default", default))
    return {
        "current": current,
        "lang": html_lang(current),
        "others": others,
        "alternates": alternates,
        "untranslated": request.GET.get("untranslated") == "1",
    }
