"""Everything apps can read from the API, as bytes, plus a digest of every media file the
database points to: two sites with equal snapshots look the same to every reader and app.

In the test process: `snapshot(Client())`. In another process (a restored copy of the site,
with its own DATABASE_URL and VAR_DIR): `python -m tests.api_snapshot OUTPUT.json`.
"""

import hashlib
import json
import sys

LIMIT = 20


def _get(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def _listing(client, out, path):
    """Every page of a listing, and each item's detail; returns the ids."""
    ids, offset = [], 0
    sep = "&" if "?" in path else "?"
    while True:
        url = f"{path}{sep}limit={LIMIT}&offset={offset}"
        body = out[url] = _get(client, url)
        data = json.loads(body)
        ids += [item["id"] for item in data["items"]]
        offset += LIMIT
        if offset >= data["meta"]["total_count"]:
            return ids


def _digest(field_file):
    with field_file.open("rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def snapshot(client):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    out = {}
    for ids_path, detail in [
        ("/api/v2/pages/?fields=*&order=id", "/api/v2/pages/{}/"),
        ("/api/v2/images/?order=id", "/api/v2/images/{}/"),
        ("/api/v2/documents/?order=id", "/api/v2/documents/{}/"),
    ]:
        for pk in _listing(client, out, ids_path):
            out[detail.format(pk)] = _get(client, detail.format(pk))
    _listing(client, out, "/api/v2/redirects/")
    out["/api/v2/site/"] = _get(client, "/api/v2/site/")
    out["/api/v2/changes/?since=0"] = _get(client, "/api/v2/changes/?since=0")

    for image in get_image_model().objects.order_by("pk"):
        out[f"media:{image.file.name}"] = _digest(image.file)
        for rendition in image.renditions.order_by("pk"):
            out[f"media:{rendition.file.name}"] = _digest(rendition.file)
    for document in get_document_model().objects.order_by("pk"):
        out[f"media:{document.file.name}"] = _digest(document.file)
    return out


if __name__ == "__main__":
    import django

    django.setup()
    from django.test import Client

    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(snapshot(Client()), f)
