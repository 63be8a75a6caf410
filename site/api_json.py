"""The API's JSON renderer: DRF's output, written by orjson.

Encoding is most of what a listing of 20 articles with their bodies costs once its items are
remembered (Python's json module walks every dict and list of every block in Python); orjson
does the same in C, about ten times faster. The output is the one DRF's renderer gives:
compact, UTF-8, dates and times through DRF's own encoder (`Z` for UTC, as before), and U+2028
and U+2029 escaped so the JSON stays valid JavaScript. An indented answer
(`Accept: application/json; indent=4`) and any value orjson does not know still go through
DRF's encoder.
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
        if self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        encoded = orjson.dumps(data, default=self.encoder_class().default, option=OPTIONS)
        return encoded.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")


def with_fast_json(renderer_classes):
    """A viewset's renderers with DRF's JSON renderer swapped for `FastJSONRenderer`."""
    return [FastJSONRenderer if r is JSONRenderer else r for r in renderer_classes]
