"""Security headers that differ by part of the site.

Readers' pages get the strict policy in `CONTENT_SECURITY_POLICY`; the admin and the API
references need inline styles (their scripts set them), so they get their own, looser policy;
uploaded files are sandboxed, so an HTML file uploaded under another name can never run as a
page of this site.
"""

from csp.middleware import CSPMiddleware

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse, QueryDict

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
        if request.path_info.startswith(FILE_PREFIXES):
            # Wagtail's document view sets "default-src 'none'"; add the sandbox to it, and
            # cover the media files served by the site too.
            response["Content-Security-Policy"] = settings.CSP_FILE_POLICY
            response["X-Content-Type-Options"] = "nosniff"
            return response
        return super().process_response(request, response)
