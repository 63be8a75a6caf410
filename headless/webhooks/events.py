"""What a webhook says: the change feed's entry for an object, as an anonymous reader's request
would see it, wrapped as a Standard Webhooks payload (`type`, `timestamp`, `data`)."""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from wagtail.models import Site


def reader_request():
    """An anonymous reader's request to the site, for the feed's URLs and visibility rules."""
    site = Site.objects.filter(is_default_site=True).first()
    base = getattr(settings, "WAGTAILAPI_BASE_URL", None) or (site.root_url if site else "")
    parts = urlsplit(base or "http://localhost")
    request = HttpRequest()
    request.META = {
        "HTTP_HOST": parts.netloc,
        "SERVER_NAME": parts.hostname,
        "SERVER_PORT": str(parts.port or (443 if parts.scheme == "https" else 80)),
        "wsgi.url_scheme": parts.scheme,
    }
    request.user = AnonymousUser()
    request.session = {}
    request._wagtail_site = site
    return request


def verb(change, entry):
    """published, unpublished, deleted or moved, from what the feed says of the object: an
    object readers cannot see (a private or expired page, an image in a restricted collection)
    is "unpublished" to apps whatever the editor did, exactly as the feed calls it "delete"."""
    if entry["action"] == "upsert":
        return "moved" if change.action == "moved" else "published"
    return "deleted" if change.action == "deleted" else "unpublished"


def body(event_type, change, entry):
    """The JSON sent: the same bytes to every endpoint, signed for each."""
    payload = {"type": event_type, "timestamp": change.at.isoformat(), "data": entry}
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
