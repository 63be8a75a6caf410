"""Uploaded files served by the site itself (SERVE_MEDIA=1): images only, and only those
everyone may see.

Files are found by their path, so a path must never be a way around a check:
- documents are never served from /media/documents/: Wagtail's document view
  (/documents/<id>/<file>, WAGTAILDOCS_SERVE_METHOD = "serve_view") serves them, after the
  password, login or group check of their collection;
- an image's original (original_images/) or rendition (images/) is served when its image's
  collection has no view restriction, or the reader has passed every restriction on it, or is
  signed in to the admin (whose listings show the thumbnails); otherwise, and for any file
  no image or rendition names, a 404 that says no more than "not found".
"""

from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

from wagtail.images import get_image_model

ORIGINALS = "original_images/"
RENDITIONS = "images/"


def _image_for(path):
    Image = get_image_model()
    if path.startswith(ORIGINALS):
        return Image.objects.select_related("collection").filter(file=path).first()
    if path.startswith(RENDITIONS):
        rendition = (
            Image.get_rendition_model()
            .objects.select_related("image__collection")
            .filter(file=path)
            .first()
        )
        return rendition.image if rendition is not None else None
    return None


def may_see(request, image):
    """Whether this request may fetch the image's files, and whether they are restricted."""
    restrictions = list(image.collection.get_view_restrictions())
    if not restrictions:
        return True, False
    user = getattr(request, "user", None)
    if user is not None and user.has_perm("wagtailadmin.access_admin"):
        return True, True
    return all(restriction.accept_request(request) for restriction in restrictions), True


@require_safe
def serve_media(request, path, document_root):
    """An image file from MEDIA_ROOT if everyone, or this reader, may see it; else a 404."""
    image = _image_for(path)
    allowed, restricted = may_see(request, image) if image is not None else (False, False)
    if not allowed:
        raise Http404("No such file.")
    response = serve(request, path, document_root=document_root)
    if restricted:
        # Only for this reader: no shared cache may hand it to the next one.
        response["Cache-Control"] = "private, no-store"
    return response
