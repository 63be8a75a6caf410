"""The site's answer when a request fails: a 404 that names no address, a 503 "try again
shortly" while the database is unreachable, and Django's own 500 page for anything else.

Django calls `handler500` inside the `except` block that caught the exception, wherever it was
raised (a view, a middleware, Wagtail's routing), so `sys.exc_info()` still names it here.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotFound
from django.template import loader
from django.views import defaults

# Seconds a client (or a proxy) should wait before retrying: about as long as a database
# restart or failover takes.
RETRY_AFTER = 30


def database_unavailable(exc):
    """A lost or refused database connection, not a bug in a query (IntegrityError,
    ProgrammingError and the like stay 500s and are worth a look)."""
    return isinstance(exc, OperationalError | InterfaceError)


def server_error(request):
    """503 with Retry-After and a page that needs no database when the database is down;
    Django's 500 page otherwise."""
    if database_unavailable(sys.exc_info()[1]):
        html = loader.get_template("503.html").render({}, request=None)
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        # Never cache an outage: a cached 503 would outlive the database's return.
        response["Cache-Control"] = "no-store"
        return response
    return defaults.server_error(request)


def page_not_found(request, exception):
    """The 404 page, with search, marked noindex and naming no canonical address: the missing
    address is not one search engines or link previews should keep (seo_tags.page_meta)."""
    context = {"request_path": request.path, "not_found": True, "meta_robots": "noindex"}
    html = loader.render_to_string("404.html", context, request=request)
    return HttpResponseNotFound(html)
