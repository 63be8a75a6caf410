"""What search engines and link previews read in every page's <head>: title, description,
canonical URL, Open Graph and Twitter card tags."""

from django import template
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from headless.memo import memo
from news.models import NewsArticlePage, absolute_url

register = template.Library()

DEFAULT_DESCRIPTION = _(
    "China Post Group's website: news, stamp issues and the service hotlines of the "
    "national postal group."
)
# Added to the home page's title when it is just the site's name.
HOME_TAGLINE = _("News, stamp issues and service hotlines")
# Search engines show about this many characters of a description.
DESCRIPTION_CHARS = 160
# The size Open Graph and Twitter recommend for a large link preview.
SHARE_IMAGE_FILTER = "fill-1200x630"


def cut_at_word(text, limit=DESCRIPTION_CHARS):
    """`text` if it fits in `limit` characters; otherwise as many whole words as fit with an
    ellipsis, never half a word (Truncator.chars cuts "branches" to "bran…")."""
    if len(text) <= limit:
        return text
    words = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in words:
        words = words.rsplit(" ", 1)[0]
    return words.rstrip(" ,;:.-–—") + "…"


def _page_description(page):
    for value in (
        page.search_description,
        getattr(page, "summary", ""),
        strip_tags(str(getattr(page, "intro", "") or "")) if hasattr(page, "intro") else "",
    ):
        text = " ".join(str(value or "").split())
        if text:
            return text
    return ""


def _share_image(request, image):
    """The share rendition's URL and size, remembered per content version (an image edited,
    its focal point moved or its file replaced moves the version): finding a rendition reads
    and writes the renditions cache on every call."""

    def build():
        rendition = image.get_rendition(SHARE_IMAGE_FILTER)
        return {
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.default_alt_text,
        }

    if request is None:
        return build()
    return memo.get(("share image", image.pk), build)


@register.simple_tag(takes_context=True)
def page_meta(context):
    """The head's facts for the page being shown.

    A view or page may set `meta_title`, `meta_description`, `canonical_url` in its context
    (listings do, for their year, source and page number); otherwise they come from the page:
    its SEO title or title, its search description, summary or intro, and its own URL.
    """
    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request) if request else None
    site_name = (site.site_name if site else "") or "China Post"
    is_home = page is not None and site is not None and page.pk == site.root_page_id

    title = context.get("meta_title") or (page and (page.seo_title or page.title)) or site_name
    description = context.get("meta_description") or (page and _page_description(page)) or ""
    description = cut_at_word(description or DEFAULT_DESCRIPTION)
    canonical = context.get("canonical_url")
    if context.get("not_found"):
        # A 404 (postal_site.errors.page_not_found) has no address of its own to name.
        canonical = None
    elif not canonical and request is not None:
        canonical = absolute_url(request, request.path)

    image = None
    lead_image = getattr(page, "lead_image", None) if page is not None else None
    if lead_image is not None:
        image = _share_image(request, lead_image)
        image = {**image, "url": absolute_url(request, image["url"])}
        # The page's own alt text is in the page's language; the library's may not be.
        if getattr(page, "lead_image_alt", ""):
            image["alt"] = page.lead_image_alt

    article = page if isinstance(page, NewsArticlePage) else None
    return {
        "title": title,
        "full_title": (
            f"{site_name} | {HOME_TAGLINE}"
            if is_home and title == site_name
            else title
            if title == site_name
            else f"{title} | {site_name}"
        ),
        "site_name": site_name,
        "description": description,
        "canonical": canonical,
        "image": image,
        "og_type": "article" if article else "website",
        "article": article,
        "robots": context.get("meta_robots", ""),
    }
