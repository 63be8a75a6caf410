"""The purge backend interface: one method, `purge(tags)`, which drops every response the edge
holds under any of `tags`, or raises `PurgeError` so the task tries again later."""

from django.utils.module_loading import import_string

from ..conf import headless_settings


def enabled():
    """Whether an edge is configured (`PURGE_BACKEND`)."""
    return bool(headless_settings.PURGE_BACKEND)


def backend():
    """An instance of the configured backend, with `PURGE_OPTIONS`."""
    return import_string(headless_settings.PURGE_BACKEND)(**headless_settings.PURGE_OPTIONS)


class PurgeError(Exception):
    """The edge did not confirm the purge (unreachable, refused, or answered an error)."""


class PurgeBackend:
    # The response header the edge reads tags from, and how tags are joined in it.
    tag_header = "xkey"
    tag_separator = " "
    # Tags per purge request (the edge's limit, or a header size that stays well under 8 KB).
    batch_size = 100

    def __init__(self, **options):
        self.options = options

    def purge(self, tags):
        for start in range(0, len(tags), self.batch_size):
            self.purge_batch(tags[start : start + self.batch_size])

    def purge_batch(self, tags):
        raise NotImplementedError
