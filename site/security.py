"""Security headers that differ by part of the site.

Readers' pages get the strict policy in `CONTENT_SECURITY_POLICY`; the admin and the API
references need inline styles (their scripts set them), so they get their own, looser policy;
uploaded files are sandboxed, so an HTML file uploaded under another name can never run as a
page of this site.
"""

from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict

ADMIN_PREFIXES = ("/admin/",)
API_DOCS_PREFIXES = ("/api/v2/docs/", "/api/v3/docs")
FILE_PREFIXES = ("/documents/", "/media/")


class RejectNulMiddleware:
    """NUL characters (%00) before any view, or PostgreSQL, sees them: it refuses them in any
    text it is asked to compare, which would otherwise be a 500.

    No page can hold one in its path, and no API parameter in its value: both get a 400 that
    says so. Reader pages forgive a stray NUL in the query like any other stray character
    (``?page=%00`` is page 1, a search for ``post%00office`` searches ``postoffice``), so it is
    dropped from the query there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith("/api/")
        if "\x00" in request.path:
            return self.refuse(
                api, "The address contains a NUL character (%00), which no page can hold."
            )
        spoilt = [
            key
            for key, values in request.GET.lists()
            if "\x00" in key or any("\x00" in value for value in values)
        ]
        if spoilt and api:
            name = spoilt[0].replace("\x00", "")
            return self.refuse(
                api, f"The parameter '{name}' contains a NUL character (%00), which it cannot hold."
            )
        if spoilt:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)

    @staticmethod
    def refuse(api, message):
        if api:
            return JsonResponse({"message": message}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


# Methods no page of the site takes: TRACE would echo the request (cookies included) back,
# TRACK is IIS's TRACE, CONNECT is for proxies.
REFUSED_METHODS = {"TRACE", "TRACK", "CONNECT"}
# The API's read-only endpoints (v2: reads only, whatever the view behind the address).
API_READ_PREFIX = "/api/v2/"
API_METHODS = ("GET", "HEAD", "OPTIONS")
SITE_ALLOW = "GET, HEAD, OPTIONS, POST"


class MethodPolicyMiddleware:
    """TRACE, TRACK and CONNECT are a 405 everywhere; under /api/v2/ every method but GET,
    HEAD and OPTIONS is a JSON 405 with an Allow header, before the CSRF check (which would
    answer an HTML 403) or any view sees it, on known and unknown addresses alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        method = request.method.upper()
        api = request.path.startswith(API_READ_PREFIX)
        if api and method not in API_METHODS:
            response = JsonResponse(
                {"message": f"method not allowed: the API is read-only ({', '.join(API_METHODS)})"},
                status=405,
            )
            response["Allow"] = ", ".join(API_METHODS)
            return response
        if method in REFUSED_METHODS:
            response = HttpResponse(
                f"The {method} method is not allowed on this site.\n",
                status=405,
                content_type="text/plain; charset=utf-8",
            )
            response["Allow"] = SITE_ALLOW
            return response
        return self.get_response(request)


def body_limit(path):
    """The largest request body, in bytes, the site reads for this path: the longest prefix in
    REQUEST_BODY_LIMITS, else REQUEST_BODY_LIMIT_DEFAULT."""
    limits = getattr(settings, "REQUEST_BODY_LIMITS", {})
    prefixes = [prefix for prefix in limits if path.startswith(prefix)]
    if prefixes:
        return limits[max(prefixes, key=len)]
    return settings.REQUEST_BODY_LIMIT_DEFAULT


class RequestBodyLimitMiddleware:
    """A body larger than its path's limit is refused with a 413 from its Content-Length,
    before anything (the CSRF check, a login form, an upload handler) reads a byte of it.

    A body without Content-Length (chunked) is never read by Django: it takes the length from
    CONTENT_LENGTH and reads such a body as empty.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return self.refuse(request, 400, "The Content-Length header is not a number.")
        limit = body_limit(request.path)
        if length > limit:
            return self.refuse(
                request,
                413,
                f"The request body is too large: {length:,} bytes, and at most {limit:,} are "
                "accepted here.",
            )
        return self.get_response(request)

    @staticmethod
    def refuse(request, status, message):
        if request.path.startswith("/api/"):
            response = JsonResponse({"message": message}, status=status)
        else:
            response = HttpResponse(
                message + "\n", status=status, content_type="text/plain; charset=utf-8"
            )
        # The unread body stays on the connection: a server must not read it as the next
        # request.
        response["Connection"] = "close"
        return response


# Wagtail's password forms: a page's (PageViewRestriction) and a collection's documents'
# (CollectionViewRestriction); each URL names its restriction's id.
PASSWORD_VIEWS = {
    "wagtailcore_authenticate_with_password": "page_view_restriction_id",
    "wagtaildocs_authenticate_with_password": "restriction_id",
}


class PasswordThrottleMiddleware:
    """Wrong passwords on a page's or a collection's password form are counted per address
    and restriction, in the shared cache (so every worker sees one count): after
    PASSWORD_FAILURE_LIMIT of them, that form answers a 429 for PASSWORD_COOLOFF_SECONDS,
    the right password included, and every attempt meanwhile starts the wait again, as the
    admin's login lockout does. The right password before that clears the count."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_password_throttle_key", None)
        if key is not None and response.status_code != 429:
            if 300 <= response.status_code < 400:  # accepted: Wagtail redirects to the page
                cache.delete(key)
            else:
                self.count_failure(key)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.url_name not in PASSWORD_VIEWS:
            return None
        restriction_id = view_kwargs.get(PASSWORD_VIEWS[match.url_name])
        address = request.META.get("REMOTE_ADDR", "")
        key = f"password-throttle:{match.url_name}:{restriction_id}:{address}"
        request._password_throttle_key = key
        if (cache.get(key) or 0) >= settings.PASSWORD_FAILURE_LIMIT:
            self.count_failure(key)  # guessing on during the lockout prolongs it
            return self.refuse(request)
        return None

    @staticmethod
    def count_failure(key):
        timeout = settings.PASSWORD_COOLOFF_SECONDS
        if cache.add(key, 1, timeout):
            return
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            count = 1
        cache.set(key, count, timeout)

    @staticmethod
    def refuse(request):
        from django.template.response import TemplateResponse

        cooloff = settings.PASSWORD_COOLOFF_SECONDS
        response = TemplateResponse(
            request,
            "postal_site/password_throttled.html",
            {
                "failure_limit": settings.PASSWORD_FAILURE_LIMIT,
                "cooloff_minutes": max(1, round(cooloff / 60)),
            },
            status=429,
        )
        response["Retry-After"] = str(cooloff)
        response["Cache-Control"] = "no-store"
        return response


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        path = request.path_info
        # A preview renders the reader's page through a request of its own (under the page's
        # path), shown in the admin's preview panel: it takes the admin's policy, which lets
        # the admin frame it.
        if path.startswith(ADMIN_PREFIXES) or getattr(request, "is_preview", False):
            parts.config = settings.CSP_ADMIN_DIRECTIVES
        elif path.startswith(API_DOCS_PREFIXES):
            parts.config = settings.CSP_API_DOCS_DIRECTIVES
        return parts

    def process_response(self, request, response):
        path = request.path_info
        if path.startswith(FILE_PREFIXES):
            # Wagtail's document view sets "default-src 'none'"; add the sandbox to it, and
            # cover the media files served by the site too.
            response["Content-Security-Policy"] = settings.CSP_FILE_POLICY
            response["X-Content-Type-Options"] = "nosniff"
            return response
        # django-csp's own process_response, with each policy string built once per worker
        # rather than twice per response (a sixth of /healthz's time).
        if response.status_code in (404, 500) and settings.DEBUG:
            return response
        for report_only, header, exempt, setting in (
            (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            parts = self.get_policy_parts(request, response, report_only)
            policy = self.policy(parts, report_only, setting)
            if not policy or header in response or getattr(response, exempt, False):
                continue
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not path.startswith(tuple(excluded)):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    # (report_only, id of the policy's directives) -> (those directives, the header's text)
    _policies = {}

    @classmethod
    def policy(cls, parts, report_only, setting):
        """The header for `parts`: built once per set of directives when nothing varies it.
        `setting` names the policy django-csp reads when `parts` chooses none."""
        if parts.update is not None or parts.replace is not None or parts.nonce is not None:
            return build_policy(**asdict(parts), report_only=report_only)
        source = parts.config
        if source is None:  # the settings' policy (an override_settings replaces the dict)
            source = getattr(settings, setting, None)
        key = (report_only, id(source))
        known = cls._policies.get(key)
        if known is None or known[0] is not source:
            known = cls._policies[key] = (
                source,
                build_policy(**asdict(parts), report_only=report_only),
            )
        return known[1]
