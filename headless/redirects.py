"""Redirects readers may follow: one to a page that is a draft, expired or private would show
that page's path to everyone (in `/api/v2/redirects/`, the change feed, or a 301 from the old
address), so such a redirect is treated as if it did not exist until its page is visible."""

from urllib.parse import urlparse

from django.db.models import Q

from wagtail.contrib.redirects.middleware import RedirectMiddleware as WagtailRedirectMiddleware
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page


def visible(queryset):
    """The redirects of `queryset` to a URL, or to a live page outside private sections."""
    return queryset.filter(
        Q(redirect_page__isnull=True) | Q(redirect_page__in=Page.objects.live().public())
    )


def is_visible(redirect):
    return redirect is not None and visible(Redirect.objects.filter(pk=redirect.pk)).exists()


class RedirectMiddleware(WagtailRedirectMiddleware):
    """Wagtail's redirects, except to pages readers may not see: those stay a 404."""

    def process_response(self, request, response):
        answer = super().process_response(request, response)
        if answer is response:
            return response
        # Wagtail found a redirect: the same lookup, by the full path then without the query.
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = get_redirect(request, path) or get_redirect(request, urlparse(path).path)
        if redirect is not None and redirect.redirect_page_id and not is_visible(redirect):
            return response
        return answer
