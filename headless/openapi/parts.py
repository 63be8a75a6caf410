"""Small pieces the endpoints build their OpenAPI operations from."""

STRING = {"type": "string"}
INTEGER = {"type": "integer"}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


ERROR = ref("Error")


def param(name, description, schema=STRING):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


# Far beyond any real listing, and small enough for every database's integer type.
MAX_OFFSET = 1_000_000
MAX_SEARCH_LENGTH = 200

LIMIT = param(
    "limit", "Items per response (default 20).", {"type": "integer", "minimum": 0, "maximum": 100}
)
OFFSET = param("offset", "Items to skip.", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET})
FIELDS = param("fields", "Fields to add (`*` for all), or remove with a leading `-`.")
ORDER = param("order", "Field to order by; `-field` for descending; `random`.")
SEARCH = param(
    "search",
    "Words to search for. Pages: words are stemmed (`stamp` finds `Stamps`) and Chinese is "
    "split into words (`邮政` finds `中国邮政集团`); at most 300 results, best match first.",
    {"type": "string", "maxLength": MAX_SEARCH_LENGTH},
)
SEARCH_OPERATOR = param(
    "search_operator",
    "How words combine: pages need every word by default (`and`), `or` any of them.",
    {"type": "string", "enum": ["and", "or"]},
)
SEARCH_SORT = param(
    "search_sort",
    "Pages: the order of search results, best match first (`relevance`, the default) or "
    "newest first (`date`). `order` instead lists every match in that order.",
    {"type": "string", "enum": ["relevance", "date"]},
)
RICH_TEXT_FORMAT = param(
    "rich_text_format",
    "Rich text as `html` (default) or another format.",
    {"type": "string", "enum": ["html", "db_html", "markdown", "db_markdown"]},
)
# A listing of any endpoint: pagination, fields, order and search.
LISTING = [LIMIT, OFFSET, FIELDS, ORDER, SEARCH, SEARCH_OPERATOR]
PATH_ID = {"name": "id", "in": "path", "required": True, "schema": INTEGER}

CONDITIONAL_HEADERS = [
    {"name": "If-None-Match", "in": "header", "required": False, "schema": STRING},
    {"name": "If-Modified-Since", "in": "header", "required": False, "schema": STRING},
]
CACHE_HEADERS = {
    "ETag": {"schema": STRING, "description": "Changes exactly when the content changes."},
    "Last-Modified": {"schema": STRING},
    "Cache-Control": {"schema": STRING},
}


def json_response(schema, description="OK", headers=None):
    response = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        response["headers"] = headers
    return response


TOO_MANY_REQUESTS = {
    **json_response(ERROR, "This client's request budget is spent (where the site sets one)."),
    "headers": {"Retry-After": {"schema": INTEGER, "description": "Seconds until it renews."}},
}


def responses(ok, *, cached=True, not_found=False):
    """200 (with validators and a 304 when `cached`), 400, and a 404 when `not_found`."""
    answers = {"200": json_response(ok, headers=CACHE_HEADERS if cached else None)}
    if cached:
        answers["304"] = {"description": "Not modified since the validators given."}
    answers["400"] = json_response(
        ERROR, "A parameter is unknown or malformed; `message` names it."
    )
    if not_found:
        answers["404"] = json_response(ERROR, "No such object readers may see.")
    answers["429"] = TOO_MANY_REQUESTS
    return answers


REDIRECT_RESPONSES = {
    "302": {"description": "Redirect to the detail URL."},
    "400": json_response(ERROR, "A malformed parameter, named in the message."),
    "404": json_response(ERROR, "Not found."),
    "429": TOO_MANY_REQUESTS,
}


def listing(item):
    return {
        "type": "object",
        "properties": {
            "meta": {
                "type": "object",
                "properties": {"total_count": INTEGER},
                "required": ["total_count"],
            },
            "items": {"type": "array", "items": item},
        },
        "required": ["meta", "items"],
    }


def operation(summary, parameters, answers):
    return {"get": {"summary": summary, "parameters": parameters, "responses": answers}}
