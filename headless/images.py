"""Images on request: `images/<id>/render/<width>x<height>.<format>?q=<quality>`.

An app asks for any image it may see at a width (height 0 keeps the proportions; any other
height crops with Wagtail's `fill`, around the editor's focal point), in one of the formats of
`HEADLESS["IMAGE_FORMATS"]`, at a quality. Wagtail's renditions do the work: the first request
for a size makes the rendition (and stores it in the media storage), every later one finds it
and is redirected to its file, which the media storage serves (the site's media view, or S3).

Two ways in, both bounded:
- the **bounded set** of the settings (`IMAGE_WIDTHS`, `IMAGE_RATIOS`, `IMAGE_QUALITIES`):
  no signature, so a client fills the API's `url_template` by itself; whatever it fills,
  there are at most widths × (ratios + 1) × formats × qualities renditions of an image;
- a **signed** URL (`?s=`), made by the site's own code with `signed_url()`, for any size
  up to `IMAGE_SIGNED_MAX_SIZE`: an HMAC over the image
  id and the rendition's filter spec (Wagtail's `generate_signature`, with a key derived from
  SECRET_KEY for this purpose alone), so nobody else can make the server render other sizes.

Images in a collection this request may not see (`CollectionViewRestriction`, as Wagtail's
images endpoint decides) are a 404, signed or not, before any image work.
"""

import re
from math import gcd
from urllib.parse import urlencode

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.crypto import salted_hmac
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from wagtail.api.utils import get_full_url
from wagtail.api.v2.utils import get_restricted_collection_ids
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import SourceImageIOError
from wagtail.images.utils import generate_signature, verify_signature

from .conf import headless_settings
from .filters import id_in_range
from .openapi import parts

URL_NAME = "api-image-render"
ROUTE = "images/<int:id>/render/<str:spec>"
# `{width}x{height}.{format}` would name the parts, but OpenAPI tools (openapi-core) take
# one parameter per path segment: the operation describes `spec` by its pattern instead.
OPENAPI_ROUTE = "images/{id}/render/{spec}"
# ASCII digits only (`\d` takes other scripts' digits too); five at most, past any bound.
SPEC = re.compile(r"^(?P<width>[0-9]{1,5})x(?P<height>[0-9]{1,5})\.(?P<format>[a-z0-9]{1,10})$")
QUALITY = re.compile(r"^[0-9]{1,3}$")
PARAMETERS = {"q", "s"}
# Wagtail's filter for each format's quality.
QUALITY_FILTERS = {"avif": "avifquality", "webp": "webpquality", "jpeg": "jpegquality"}


class BadRender(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


def signing_key():
    """A key for render signatures only, derived from SECRET_KEY: a signature made for
    Wagtail's own image view (or anything else keyed with SECRET_KEY) is no use here."""
    return salted_hmac("headless.images.render", "signing key").hexdigest()


def filter_spec(width, height, image_format, quality):
    """The Wagtail filter spec of a render: `fill` keeps the focal point in the crop."""
    size = f"fill-{width}x{height}" if height else f"width-{width}"
    return f"{size}|format-{image_format}|{QUALITY_FILTERS[image_format]}-{quality}"


def ratio_heights(width):
    """The heights a crop at `width` may have in the bounded set: each ratio of
    `IMAGE_RATIOS`, rounded either way (a client may floor, round or ceil)."""
    heights = set()
    for ratio in headless_settings.IMAGE_RATIOS:
        across, down = (int(n) for n in ratio.split(":"))
        exact, remainder = divmod(width * down, across)
        heights.update({exact, exact + 1} if remainder else {exact})
    return heights


def in_bounded_set(width, height, quality):
    widths = headless_settings.IMAGE_WIDTHS
    if width not in widths:
        raise BadRender(f"width: {width} is not one of {', '.join(map(str, widths))}")
    if height and height not in ratio_heights(width):
        ratios = ", ".join(headless_settings.IMAGE_RATIOS)
        raise BadRender(
            f"height: {height} is neither 0 (keep the proportions) nor {width} px wide at one "
            f"of the ratios {ratios}"
        )
    qualities = headless_settings.IMAGE_QUALITIES
    if quality not in qualities:
        raise BadRender(f"q: {quality} is not one of {', '.join(map(str, qualities))}")


def parse(request, image_id, spec):
    """(width, height, format, quality) of a request, or BadRender saying what is wrong."""
    unknown = sorted(set(request.GET) - PARAMETERS)
    if unknown:
        raise BadRender(f"{unknown[0]}: unknown parameter (only q and s are)")
    match = SPEC.match(spec)
    if not match:
        raise BadRender(f"size: {spec!r} is not WIDTHxHEIGHT.FORMAT, e.g. 800x450.webp")
    width, height = int(match["width"]), int(match["height"])
    image_format = match["format"]
    formats = headless_settings.IMAGE_FORMATS
    if image_format not in formats or image_format not in QUALITY_FILTERS:
        raise BadRender(f"format: {image_format!r} is not one of {', '.join(formats)}")
    if width == 0:
        raise BadRender("width: must be at least 1")
    raw_quality = request.GET.get("q", str(headless_settings.IMAGE_DEFAULT_QUALITY))
    if not QUALITY.match(raw_quality) or not 1 <= int(raw_quality) <= 100:
        raise BadRender(f"q: {raw_quality!r} is not a whole number from 1 to 100")
    quality = int(raw_quality)
    signature = request.GET.get("s")
    if signature is None:
        in_bounded_set(width, height, quality)
    else:
        signed = filter_spec(width, height, image_format, quality)
        if not verify_signature(signature.encode(), image_id, signed, key=signing_key()):
            raise BadRender("s: the signature does not match this image and size", 403)
        largest = headless_settings.IMAGE_SIGNED_MAX_SIZE
        if max(width, height) > largest:
            raise BadRender(f"size: at most {largest} px wide and high")
    return width, height, image_format, quality


def visible_image(request, image_id):
    """The image if this request may see it (not in a collection it may not see), else None."""
    if not id_in_range(image_id):
        return None
    hidden = get_restricted_collection_ids(request)
    queryset = get_image_model().objects.select_related("collection")
    return queryset.exclude(collection__in=hidden).filter(pk=image_id).first()


def error(message, status):
    return JsonResponse({"message": message}, status=status)


@csrf_exempt  # read-only: any other method gets require_safe's 405, not a CSRF 403
@require_safe
def render_view(request, id, spec):  # noqa: A002 (the path parameter is named id)
    image_id = id
    try:
        width, height, image_format, quality = parse(request, image_id, spec)
    except BadRender as exc:
        return error(str(exc), exc.status)
    image = visible_image(request, image_id)
    if image is None:
        return error("not found: no image with this id that this request may see", 404)
    try:
        rendition = image.get_rendition(filter_spec(width, height, image_format, quality))
    except SourceImageIOError:
        return error("gone: this image's file is missing from the media storage", 410)
    except InvalidFilterSpecError as exc:  # a configured format Wagtail cannot write
        return error(f"format: {exc}", 400)
    response = HttpResponseRedirect(rendition.url)
    if image.collection.get_view_restrictions().exists():
        # Only for this reader: no shared cache may hand it to the next one.
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=headless_settings.API_CACHE_MAX_AGE)
    return response


def _render_path(image_id, spec):
    try:
        return reverse(URL_NAME, kwargs={"id": image_id, "spec": spec})
    except NoReverseMatch:
        return None


def url_template(image):
    """The address of `image` at any size of the bounded set, for a client to fill:
    `{width}`, `{height}` (0 keeps the proportions), `{format}` and `{quality}`. None when
    the site's URLs do not mount the render view."""
    path = _render_path(image.pk, "0x0.jpeg")
    if path is None:
        return None
    path = path.removesuffix("0x0.jpeg") + "{width}x{height}.{format}?q={quality}"
    return get_full_url(None, path)


def signed_url(image, width, height=0, image_format="webp", quality=None):
    """A signed address of `image` at any size up to `IMAGE_SIGNED_MAX_SIZE`, for the site's
    own code and operators (the bounded set needs none)."""
    quality = headless_settings.IMAGE_DEFAULT_QUALITY if quality is None else quality
    spec = filter_spec(width, height, image_format, quality)
    signature = generate_signature(image.pk, spec, key=signing_key())
    path = _render_path(image.pk, f"{width}x{height}.{image_format}")
    if path is None:
        return None
    return get_full_url(None, f"{path}?{urlencode({'q': quality, 's': signature})}")


def _simplest(ratio):
    across, down = (int(n) for n in ratio.split(":"))
    divisor = gcd(across, down)
    return f"{across // divisor}:{down // divisor}"


def render_openapi_paths(schemas, prefix):
    widths = ", ".join(map(str, headless_settings.IMAGE_WIDTHS))
    ratios = ", ".join(_simplest(r) for r in headless_settings.IMAGE_RATIOS)
    qualities = ", ".join(map(str, headless_settings.IMAGE_QUALITIES))
    largest = headless_settings.IMAGE_SIGNED_MAX_SIZE
    formats = list(headless_settings.IMAGE_FORMATS)
    spec_pattern = rf"^[0-9]{{1,5}}x[0-9]{{1,5}}\.({'|'.join(formats)})$"
    parameters = [
        {
            "name": "id",
            "in": "path",
            "required": True,
            "schema": parts.INTEGER,
            "description": "Image id.",
        },
        {
            "name": "spec",
            "in": "path",
            "required": True,
            "schema": {"type": "string", "pattern": spec_pattern, "examples": ["800x450.webp"]},
            "description": f"`<width>x<height>.<format>`. Width: one of {widths} (any up to "
            f"{largest} when signed). Height: 0 keeps the image's proportions; any other "
            f"crops around the focal point, at one of the ratios {ratios} of the width "
            f"(rounded either way), or any when signed. Format: one of {', '.join(formats)}.",
        },
        parts.param(
            "q",
            f"Quality: one of {qualities} (default {headless_settings.IMAGE_DEFAULT_QUALITY}; "
            "any from 1 to 100 when signed).",
            {"type": "integer", "minimum": 1, "maximum": 100},
        ),
        parts.param("s", "A signature from the site, for sizes outside the bounded set."),
    ]
    return {
        "get": {
            "summary": "An image at a size, made once and then served as a file.",
            "description": "Redirects to the rendition's file (made on the first request). "
            "Fill an image's `url_template` with the bounded set, or follow a signed URL.",
            "parameters": parameters,
            "responses": {
                "302": {
                    "description": "The rendition's file, in the format asked for.",
                    "headers": {"Location": {"schema": parts.STRING}},
                },
                "400": parts.json_response(parts.ERROR, "A size, format or quality outside "
                                           "the bounded set; `message` says which."),
                "403": parts.json_response(parts.ERROR, "A signature that does not match."),
                "404": parts.json_response(parts.ERROR, "No image this request may see."),
                "410": parts.json_response(parts.ERROR, "The image's file is missing."),
                "429": parts.TOO_MANY_REQUESTS,
            },
        }
    }  # fmt: skip


render_view.openapi_paths = render_openapi_paths
render_view.openapi_route = OPENAPI_ROUTE
