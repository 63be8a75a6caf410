"""Every parameter of every operation in the OpenAPI document, fed what careless clients and
attackers send: numbers in other digit systems, signs, exponents, whitespace, overflows, dates
out of range, over-long strings. Apps rely on an answer they can read: a 200, or a JSON 4xx
whose `message` names the problem; never a 500 or an HTML traceback page.

Runs on SQLite and PostgreSQL (`make test` with and without DATABASE_URL)."""

import json
from collections import Counter
from urllib.parse import quote

import pytest

from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from postal_site.api import openapi_document

HOSTILE = [
    # Digits of other systems: Python's int() reads them, the database then overflows or an
    # app never meant them.
    "١٢", "१२", "１２", "٩" * 20, "𝟗" * 12,
    # Signs, exponents, other notations.
    "-1", "+1", "--1", "1e3", "1E400", "0x10", "1.5", "1_000", "NaN", "Infinity",
    # Whitespace around and inside.
    " 1", "1 ", "\t1", "\u00a01", "1 2",
    # Overflows of every integer type.
    "2147483648", "9223372036854775808", "9" * 25, "-" + "9" * 25,
    # Dates out of range or malformed.
    "0000-01-01", "9999-12-32", "2021-02-30", "10000-01-01", "-2021-01-01", "2021-6-1",
    # Over-long and empty.
    "a" * 5000, "1" * 5000, "", "null", "true",
]  # fmt: skip


def _operations():
    document = openapi_document()
    for path, item in document["paths"].items():
        parameters = [p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"]
        yield path, parameters


@pytest.fixture
def ids(demo_site):
    """A real id for each endpoint's detail path."""
    return {
        "pages": Page.objects.live().filter(depth__gt=1).first().pk,
        "images": get_image_model().objects.first().pk,
        "documents": get_document_model().objects.first().pk,
        "redirects": 1,
    }


def _answer(client, url):
    response = client.get(url)
    status = response.status_code
    problem = None
    if status >= 500:
        problem = "server error"
    elif status >= 400 and status != 404:
        try:
            body = json.loads(response.content)
        except ValueError:
            problem = "not JSON"
        else:
            if not (isinstance(body, dict) and body.get("message")):
                problem = "no message"
    elif status == 404 and not response.get("Content-Type", "").startswith("application/json"):
        problem = "HTML 404"
    return status, problem


def test_no_parameter_value_gives_a_server_error(ids):
    """About 2,500 requests: every answer is a 200 or a JSON 4xx with a message."""
    client = Client(raise_request_exception=False)
    statuses, problems = Counter(), []
    for path, parameters in _operations():
        endpoint = path.split("/")[3]
        concrete = path.replace("{id}", str(ids.get(endpoint, 1)))
        bases = [concrete]
        if concrete == "/api/v2/pages/":
            # The news filters and the article's own fields (date, source) need the type.
            bases.append(concrete + "?type=news.NewsArticlePage")
        for base in bases:
            for name in parameters:
                for value in HOSTILE:
                    separator = "&" if "?" in base else "?"
                    url = f"{base}{separator}{name}={quote(value)}"
                    status, problem = _answer(client, url)
                    statuses[status] += 1
                    if problem:
                        problems.append(f"{problem}: {status} {url[:160]}")
    print(f"\nhostile parameters: {sum(statuses.values())} requests, by status {dict(statuses)}")
    for problem in problems:
        print(problem)
    assert problems == []
    assert sum(statuses.values()) > 1000
