"""CORS on the API: the partner portal and the web app read the API from their own origins.

They rely on `Access-Control-Allow-Origin` for origins in API_CORS_ORIGINS, on being able to
send If-None-Match and read ETag, and on other origins and the HTML site getting no CORS headers.
"""

APP = "https://app.example.com"


def test_allowed_origin_may_read_the_api_and_its_validators(client, demo_site):
    """An allowed origin gets its origin back and may read ETag and Last-Modified."""
    response = client.get("/api/v2/pages/", HTTP_ORIGIN=APP)
    assert response["Access-Control-Allow-Origin"] == APP
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "last-modified"} <= exposed


def test_preflight_allows_conditional_get(client, demo_site):
    """A preflight for a GET with If-None-Match is allowed, and POST is not offered."""
    response = client.options(
        "/api/v2/pages/",
        HTTP_ORIGIN=APP,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == APP
    assert "if-none-match" in response["Access-Control-Allow-Headers"]
    assert "POST" not in response["Access-Control-Allow-Methods"]


def test_other_origins_and_the_html_site_get_no_cors_headers(client, demo_site):
    """An unknown origin is not allowed, and reader pages never send CORS headers."""
    assert "Access-Control-Allow-Origin" not in client.get(
        "/api/v2/pages/", HTTP_ORIGIN="https://evil.example.net"
    )
    assert "Access-Control-Allow-Origin" not in client.get("/en/", HTTP_ORIGIN=APP)
