"""The API's JSON renderer: DRF's output, written by orjson.

Encoding is most of what a listing of 20 articles with their bodies costs once its items are
remembered (Python's json module walks every dict and list of every block in Python); orjson
does the same in C, about ten times faster. The output is what DRF's renderer gives, UTF-8,
dates and times through DRF's own encoder (`Z` for UTC, as before), U+2028 and U+2029 escaped
so the JSON stays valid JavaScript, indented by two spaces where Wagtail asks for four (the
only indent orjson writes: still readable in a browser, and smaller). A client that asks for
an indent of its own (`Accept: application/json; indent=4`) gets it from DRF's encoder.
"""

import orjson
from rest_framework.renderers import JSONRenderer

# DRF's encoder for what orjson leaves to it: dates and times (for DRF's format), lazy
# translations, decimals, querysets.
OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME


class FastJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        # The client's own indent; Wagtail's views put theirs in the renderer context.
        if self.get_indent(accepted_media_type, {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        options = OPTIONS
        if (renderer_context or {}).get("indent"):
            options |= orjson.OPT_INDENT_2
        encoded = orjson.dumps(data, default=self.encoder_class().default, option=options)
        return encoded.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")


def with_fast_json(renderer_classes):
    """A viewset's renderers with DRF's JSON renderer swapped for `FastJSONRenderer`."""
    return [FastJSONRenderer if r is JSONRenderer else r for r in renderer_classes]
