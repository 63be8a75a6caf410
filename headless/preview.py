"""Draft preview for apps: a signed, expiring, read-only token opens a page's latest revision
in exactly the live API shape, so an editor can check a draft in the app before publishing."""

from rest_framework.response import Response

from django.core import signing
from django.http import JsonResponse
from django.urls import reverse

from wagtail.models import Revision

from .conf import headless_settings
from .openapi import parts

# Kept from the project this layer grew in, so tokens handed out before the move still open.
SALT = "postal_site.api-preview"


def make_token(revision):
    """A token for one revision of one page; it expires after `PREVIEW_MAX_AGE` seconds."""
    return signing.dumps({"page": int(revision.object_id), "revision": revision.pk}, salt=SALT)


def preview_url(request, revision):
    return request.build_absolute_uri(reverse("api-preview")) + "?token=" + make_token(revision)


def _forbidden(message):
    response = JsonResponse({"message": message}, status=403)
    response["Cache-Control"] = "private, no-store"
    return response


class PreviewMixin:
    """Adds `preview_view` to the pages endpoint: the token's revision, serialized as a
    detail response. Never cached: it shows content readers may not see."""

    def preview_view(self, request):
        unknown = set(request.GET) - {"token", "fields", "rich_text_format"}
        if unknown:
            return _forbidden(f"unknown parameter: {', '.join(sorted(unknown))}")
        try:
            claim = signing.loads(
                request.GET.get("token", ""), salt=SALT, max_age=headless_settings.PREVIEW_MAX_AGE
            )
        except signing.SignatureExpired:
            return _forbidden("token: expired; open the preview from the admin again")
        except signing.BadSignature:
            return _forbidden("token: not valid")
        revision = Revision.page_revisions.filter(
            pk=claim.get("revision"), object_id=str(claim.get("page"))
        ).first()
        if revision is None:
            return _forbidden("token: the revision no longer exists")
        page = revision.as_object()
        self._cached_object = page
        self.action = "detail_view"
        # No memo: what a draft shows (its neighbours, its breadcrumbs) must never be
        # remembered under the live page's key.
        context = {**self.get_serializer_context(), "memo": None}
        response = Response(self.get_serializer_class()(page, context=context).data)
        response["Cache-Control"] = "private, no-store"
        return response


def preview_openapi_paths(schemas, prefix):
    return parts.operation(
        "A draft, by the token from the admin's Preview in app.",
        [
            {**parts.param("token", "Signed preview token."), "required": True},
            parts.FIELDS,
            parts.RICH_TEXT_FORMAT,
        ],
        {
            "200": parts.json_response(schemas.any_page(), "The draft, in the live detail shape."),
            "400": parts.json_response(parts.ERROR, "A malformed parameter, named in the message."),
            "403": parts.json_response(parts.ERROR, "Token missing, tampered with or expired."),
            "429": parts.TOO_MANY_REQUESTS,
        },
    )
