"""The site chrome as plain data: one function feeds the header and footer templates and the
API's `/api/v2/site/`, so readers and apps always see the same navigation, hotlines and footer."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.utils import translation

from wagtail.models import Locale, Page, Site

from contacts.models import Hotline
from headless.memo import memo

from .models import FooterSettings, NavigationSettings


def _visible(items):
    """Links readers may follow: a link to a draft, expired or private page is left out."""
    items = list(items)
    page_ids = [item.link_page_id for item in items if item.link_page_id]
    visible = set(
        Page.objects.filter(pk__in=page_ids).live().public().values_list("pk", flat=True)
        if page_ids
        else ()
    )
    return [item for item in items if not item.link_page_id or item.link_page_id in visible]


def is_chinese(language_code):
    return (language_code or "").lower().startswith("zh")


def _translated_pages(items, locale):
    """{page id: its translation in `locale`} for the items' pages, from one query."""
    pages = [item.link_page for item in items if item.link_page_id]
    if not pages or locale is None:
        return {}
    found = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=[page.translation_key for page in pages], locale=locale
        )
    }
    return {page.pk: found[page.translation_key] for page in pages if page.translation_key in found}


def _links(items, request, locale, language_code):
    """The links in the reader's language: a page link leads to the page's translation (the
    page itself while it has none), labelled with the Chinese label on the Chinese site."""
    items = _visible(items)
    translated = _translated_pages(items, locale)
    visible = set(
        Page.objects.filter(pk__in=[page.pk for page in translated.values()])
        .live()
        .public()
        .values_list("pk", flat=True)
        if translated
        else ()
    )
    links = []
    for item in items:
        page = item.link_page
        if page is not None and page.pk in translated and translated[page.pk].pk in visible:
            page = translated[page.pk]
        label = item.label
        if is_chinese(language_code):
            label = item.label_zh or (page.title if page is not None else "") or item.label
        links.append(
            {
                "label": label or (page.title if page is not None else item.link_url),
                "url": page.get_url(request) if page is not None else item.url_for(request),
                "page": page,
            }
        )
    return links


def site_chrome(request, language_code=None):
    """Site name, navigation, hotlines and footer for this request's site in the reader's
    language (the page's, or `language_code`); computed once per content version, site and
    language (any change to them moves the version), not per request."""
    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    cached = getattr(request, "_site_chrome", {}).get(language_code)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    chrome = memo.get(
        ("chrome", site.pk if site else None, language_code),
        lambda: _build_chrome(request, site, language_code),
    )
    request._site_chrome = {**getattr(request, "_site_chrome", {}), language_code: chrome}
    return chrome


def _build_chrome(request, site, language_code):
    navigation = NavigationSettings.for_request(request)
    footer = FooterSettings.for_request(request)
    try:
        locale = Locale.objects.get_for_language(language_code)
    except Locale.DoesNotExist:
        locale = None
    hotlines = list(Hotline.objects.filter(locale=locale)) if locale else []
    if not hotlines:
        # Not translated yet: the default language's list rather than none.
        hotlines = list(Hotline.objects.filter(locale=Locale.get_default()))
    site_name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
    if language_code != settings.LANGUAGE_CODE:
        # The name in the reader's language: the title of the home page's translation.
        site_name = home_titles(request).get(language_code) or site_name
    with translation.override(language_code):
        chrome = {
            "site_name": site_name,
            "language": language_code,
            "home_url": home_urls(request).get(language_code, ""),
            "navigation": _links(
                navigation.items.select_related("link_page"), request, locale, language_code
            ),
            "hotlines": hotlines,
            "header_hotlines": [hotline for hotline in hotlines if hotline.show_in_header],
            "footer": {
                "register_numbers": footer.register_numbers,
                "links": _links(
                    footer.links.select_related("link_page"), request, locale, language_code
                ),
                "powered_by": (footer.powered_by_zh if is_chinese(language_code) else "")
                or footer.powered_by,
            },
        }
    return chrome


def menu_children(pages):
    """The live, public, in-menu children of each page, from one query: {parent id: [pages]}."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return {}
    by_path = {page.path: page.pk for page in pages}
    condition = reduce(or_, (Q(path__startswith=page.path, depth=page.depth + 1) for page in pages))
    children = {page.pk: [] for page in pages}
    for child in Page.objects.filter(condition).live().public().in_menu().order_by("path"):
        children[by_path[child.path[: -Page.steplen]]].append(child)
    return children


# The readers' languages: Django's code, the `lang`/`hreflang` value (BCP 47) and the name
# the switch shows, written in that language.
HTML_LANG = {"en": "en", "zh-hans": "zh-Hans"}
NATIVE_NAMES = {"en": "English", "zh-hans": "中文"}


def prefix_for(language_code):
    """The address's prefix for a language: /en/, /zh/ (LANGUAGE_URL_PREFIXES)."""
    return settings.LANGUAGE_URL_PREFIXES.get(language_code, language_code)


def html_lang(language_code):
    return HTML_LANG.get(language_code, language_code)


def page_translations(request, page):
    """{language code: absolute URL} of the live, public versions of `page` in each language,
    itself included; remembered per content version, so a page served again costs nothing."""

    def build():
        versions = (
            Page.objects.filter(translation_key=page.translation_key)
            .live()
            .public()
            .select_related("locale")
        )
        return {
            version.locale.language_code: version.get_full_url(request)
            for version in versions
            if version.get_url_parts(request) is not None
        }

    return memo.get(("translations", page.pk), build)


def home_urls(request):
    """{language code: the home page's path} for this request's site, remembered."""
    site = Site.find_for_request(request)
    if site is None:
        return {}

    return {code: url for code, (url, _title) in _homes(request, site).items()}


def home_titles(request):
    """{language code: the home page's title} for this request's site, remembered."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    return {code: title for code, (_url, title) in _homes(request, site).items()}


def _homes(request, site):
    def build():
        homes = Page.objects.filter(translation_key=site.root_page.translation_key).select_related(
            "locale"
        )
        return {home.locale.language_code: (home.get_url(request), home.title) for home in homes}

    return memo.get(("homes", site.pk), build)
