"""What the site does with methods it has no use for, and with bodies too large to read.

- HEAD works wherever GET does (search, robots.txt), as HTTP asks.
- TRACE, TRACK and CONNECT are a 405 everywhere.
- Under /api/v2/ (read-only), any method but GET, HEAD and OPTIONS is a JSON 405 with an Allow
  header, on every address, before the CSRF check could answer with an HTML 403.
- A body larger than its path's limit (12 MB in the admin, 64 KB elsewhere, the admin's login
  included) is refused with a 413 from its Content-Length, without reading a byte of it.
"""

import io

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

MB = 1024 * 1024


@pytest.fixture
def strict_client():
    """A browser-like client: CSRF is checked, as for any real request (the test client
    skips the check by default)."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("path", ["/en/search/?q=China", "/en/search/", "/robots.txt"])
def test_head_answers_like_get(client, demo_site, path):
    """HEAD gets GET's status and headers, without a body."""
    get = client.get(path)
    head = client.head(path)
    assert get.status_code == 200
    assert head.status_code == 200
    assert head["Content-Type"] == get["Content-Type"]
    assert head.content == b""


@pytest.mark.parametrize("method", ["TRACE", "TRACK", "CONNECT"])
@pytest.mark.parametrize(
    "path",
    ["/en/", "/en/news/", "/en/search/", "/admin/login/", "/healthz", "/api/v2/pages/", "/nope/"],
)
def test_trace_and_friends_are_refused_everywhere(strict_client, demo_site, method, path):
    """No page takes TRACE, TRACK or CONNECT: 405 with an Allow header that lists none of them."""
    response = strict_client.generic(method, path)
    assert response.status_code == 405
    allow = {m.strip() for m in response["Allow"].split(",")}
    assert "GET" in allow
    assert not allow & {"TRACE", "TRACK", "CONNECT"}


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/no-such-endpoint/",
        "/api/v2/openapi.json",
        "/api/v2/docs/",
        "/api/v2/pages/",
        "/api/v2/pages/3/",
        "/api/v2/",
    ],
)
def test_writes_to_the_read_only_api_are_a_json_405(strict_client, demo_site, method, path):
    """Every address under /api/v2/, known or not, answers a write with JSON, not an HTML
    CSRF page."""
    response = strict_client.generic(method, path, "{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert "read-only" in response.json()["message"]
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_reads_and_preflights_of_the_api_still_work(strict_client, demo_site):
    """GET, HEAD and a CORS preflight (OPTIONS) pass the method check."""
    assert strict_client.get("/api/v2/pages/").status_code == 200
    assert strict_client.head("/api/v2/pages/").status_code == 200
    preflight = strict_client.options(
        "/api/v2/pages/",
        HTTP_ORIGIN="https://app.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://app.example.com"


class _UnreadableBody(io.RawIOBase):
    """A body that fails the test if anything reads it."""

    def read(self, size=-1):
        raise AssertionError("the body was read")

    readline = read


def post_claiming(path, length, **extra):
    """A POST whose Content-Length says `length` bytes, with a body that must not be read."""
    return Client().generic(
        "POST",
        path,
        b"x",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": _UnreadableBody()},
        **extra,
    )


@pytest.mark.parametrize(
    "path, length",
    [
        ("/admin/login/", 30 * MB),
        ("/admin/login/", 100 * 1024),
        ("/admin/images/add/", 13 * MB),
        ("/en/search/", 1 * MB),
        ("/en/news/", 100 * 1024),
        ("/_util/authenticate_with_password/1/3/", 100 * 1024),
        ("/documents/authenticate_with_password/1/", 100 * 1024),
    ],
)
def test_an_oversized_body_is_refused_unread(demo_site, path, length):
    """A 30 MB multipart POST to the login, or anything past its path's limit, is a 413 that
    says how much is accepted; the body is never read."""
    response = post_claiming(path, length)
    assert response.status_code == 413
    text = response.content.decode()
    assert "too large" in text
    assert f"{length:,} bytes" in text


def test_an_oversized_body_to_the_api_gets_json(demo_site):
    """The API's 413 is JSON like its other errors."""
    response = post_claiming("/api/v3/pages/", 3 * MB)
    assert response.status_code == 413
    assert "too large" in response.json()["message"]


def test_a_malformed_content_length_is_a_400(demo_site):
    response = Client().generic("POST", "/en/search/", b"q=x", CONTENT_LENGTH="lots")
    assert response.status_code == 400
    assert "Content-Length" in response.content.decode()


def test_an_admin_upload_under_the_limit_is_saved(client, demo_site, django_user_model):
    """A 5 MB document upload in the admin passes the body limit and is saved."""
    from wagtail.documents.models import Document

    user = django_user_model.objects.create_superuser("up", "up@example.com", "pw")
    client.force_login(user)
    report = SimpleUploadedFile("annual.txt", b"Parcels\n" * (5 * MB // 8), "text/plain")
    response = client.post(
        "/admin/documents/add/", {"title": "Annual report", "file": report, "collection": 1}
    )
    assert response.status_code == 302
    assert Document.objects.get(title="Annual report").file.size == 5 * MB


def test_a_login_form_under_the_limit_is_answered(client, demo_site):
    """An ordinary sign-in attempt is well under 64 KB and answered by the login form."""
    response = client.post("/admin/login/", {"username": "nobody", "password": "x"})
    assert response.status_code == 200
    assert "Your username and password didn" in response.content.decode()
