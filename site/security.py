"""Security headers that differ by part of the site.

Readers' pages get the strict policy in `CONTENT_SECURITY_POLICY`; the admin and the API
references need inline styles (their scripts set them), so they get their own, looser policy;
uploaded files are sandboxed, so an HTML file uploaded under another name can never run as a
page of this site.
"""

from csp.middleware import CSPMiddleware

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse

ADMIN_PREFIXES = ("/admin/",)
API_DOCS_PREFIXES = ("/api/v2/docs/", "/api/v3/docs")
FILE_PREFIXES = ("/documents/", "/media/")


class RejectNulMiddleware:
    """A 400 for a NUL character (%00) anywhere in the path or query: no page or parameter can
    hold one, and PostgreSQL refuses it in any text it is asked to compare (a 500 otherwise)."""

    MESSAGE = "The address contains a NUL character (%00), which no page or parameter can hold."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET.lists()
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in query
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"message": self.MESSAGE}, status=400)
            return HttpResponseBadRequest(self.MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


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
