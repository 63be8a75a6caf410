"""Images on request in the headless layer alone (tests/headless/settings.py: no news, no
site media view): the router mounts the render view beside its images endpoint, and a site
with its own bounded set (`HEADLESS["IMAGE_WIDTHS"]` ...) gets exactly that set.

Who relies on this: any site that installs `headless` and registers the media endpoints."""

import io

import pytest
from PIL import Image as PILImage

from django.core.files.base import ContentFile

from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from headless.images import url_template


@pytest.fixture
def image(db):
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 200), (0, 105, 60)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Van", file=ContentFile(buffer.getvalue(), name="van.png")
    )


def test_the_layer_renders_an_image_from_its_url_template(client, image, settings):
    """With a site's own bounded set: its widths work, the defaults' do not."""
    settings.HEADLESS = {**settings.HEADLESS, "IMAGE_WIDTHS": (100, 150), "IMAGE_QUALITIES": (70,)}
    template = url_template(image)
    assert template.endswith(
        f"/api/v2/images/{image.pk}/render/{{width}}x{{height}}.{{format}}?q={{quality}}"
    )
    path = "/" + template.split("/", 3)[3]
    response = client.get(path.format(width=150, height=100, format="webp", quality=70))
    assert response.status_code == 302
    rendition = image.renditions.get()
    assert (rendition.width, rendition.height) == (150, 100)
    assert response["Location"] == rendition.url

    refused = client.get(path.format(width=480, height=0, format="webp", quality=70))
    assert refused.status_code == 400
    assert refused.json() == {"message": "width: 480 is not one of 100, 150"}


def test_the_layer_hides_images_of_private_collections(client, image):
    collection = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    image.collection = collection
    image.save()
    response = client.get(f"/api/v2/images/{image.pk}/render/480x0.jpeg")
    assert response.status_code == 404
    assert not image.renditions.exists()


def test_the_openapi_document_has_the_render_operation(client, db):
    document = client.get("/api/v2/openapi.json").json()
    assert "get" in document["paths"]["/api/v2/images/{id}/render/{spec}"]
