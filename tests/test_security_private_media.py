"""Media not meant for everyone cannot be fetched by its file path under /media/.

Documents are served only through Wagtail's document view (/documents/<id>/<file>), which asks
for a private collection's password; /media/documents/ serves nothing. Images (originals and
renditions) of a collection with a view restriction are not served by path to readers; public
images and their renditions still are, so pictures show on pages.
"""

import pytest

from wagtail.models import Collection, CollectionViewRestriction

from tests.factories import DocumentFactory, ImageFactory
from tests.markup import parse


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="board-only",
    )
    return collection


def media_path(file_field):
    return "/media/" + file_field.name


def test_a_private_document_is_not_served_by_its_file_path(client, private_collection):
    """The document view asks for the password; the file's own path is a 404."""
    document = DocumentFactory(collection=private_collection)
    through_view = client.get(document.url)
    assert through_view.status_code == 200
    assert not through_view.streaming
    assert "password" in through_view.content.decode().lower()
    assert b"Parcels: 100" not in through_view.content

    by_path = client.get(media_path(document.file))
    assert by_path.status_code == 404
    assert b"Parcels: 100" not in by_path.content


def test_a_public_document_is_served_by_the_document_view_only(client, db):
    """Public documents download through /documents/<id>/<file> (the API's download_url too);
    /media/documents/ serves no document at all."""
    document = DocumentFactory()
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Parcels: 100\n"
    assert client.get(media_path(document.file)).status_code == 404


def test_a_private_collection_password_opens_its_documents(client, private_collection):
    """After the password, the document view serves the file (and /media/ still does not)."""
    document = DocumentFactory(collection=private_collection)
    restriction = private_collection.view_restrictions.get()
    response = client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": "board-only", "return_url": document.url},
    )
    assert response.status_code == 302
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Parcels: 100\n"
    assert client.get(media_path(document.file)).status_code == 404


def test_private_images_are_not_served_by_path(client, private_collection):
    """The original file and a rendition of an image in a restricted collection: 404 to a
    reader."""
    image = ImageFactory(collection=private_collection)
    rendition = image.get_rendition("width-40")
    assert client.get(media_path(image.file)).status_code == 404
    assert client.get(rendition.url).status_code == 404


def test_editors_still_see_private_images_in_the_admin(
    client, private_collection, django_user_model
):
    """Editors with admin access get the thumbnails the admin shows them."""
    image = ImageFactory(collection=private_collection)
    rendition = image.get_rendition("max-165x165")
    editor = django_user_model.objects.create_superuser("ed", "ed@example.com", "pw")
    client.force_login(editor)
    assert client.get(rendition.url).status_code == 200
    assert client.get(media_path(image.file)).status_code == 200


def test_public_images_and_renditions_still_show(client, demo_site):
    """Every picture on the home page and an article loads; a public original too."""
    from news.models import NewsArticlePage

    article = (
        NewsArticlePage.objects.filter(locale__language_code="en")
        .live()
        .exclude(lead_image=None)
        .first()
    )
    for url in ("/en/", article.url):
        sources = [img["src"] for img in parse(client.get(url)).select("img")]
        assert sources, url
        for src in sources:
            response = client.get(src)
            assert response.status_code == 200, src
            assert response["Content-Type"].startswith("image/")
    assert client.get(media_path(article.lead_image.file)).status_code == 200


@pytest.mark.parametrize(
    "path", ["/media/", "/media/documents/", "/media/other/file.txt", "/media/../secret_key"]
)
def test_other_media_paths_are_not_found(client, db, path):
    """Nothing but images is served from /media/: a folder, an unknown path or a way out of
    the media folder is a 404 (or a 400), never a file."""
    assert client.get(path).status_code in (400, 404)


def test_an_unknown_image_file_is_not_found(client, db):
    """A file under images/ that no image or rendition names (left over, or put there by hand)
    is not served."""
    image = ImageFactory()
    path = media_path(image.file)
    image.delete()  # the record goes; the file may stay
    assert client.get(path).status_code == 404
