"""`manage.py openapi_document`: the API's OpenAPI document as /api/v2/openapi.json serves it,
for `make client` (clients/typescript/). It reads no database: the document depends on the
code and the settings only."""

import json

from django.core.management.base import BaseCommand

from postal_site.api import openapi_document


def document_text(document):
    """The committed form: indented, UTF-8, a newline at the end."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Print the API's OpenAPI document (what /api/v2/openapi.json serves)."

    def handle(self, *args, **options):
        self.stdout.write(document_text(openapi_document()), ending="")
