"""Varnish with the `xkey` vmod (varnish-modules): a `PURGE` request whose `xkey-purge` header
lists the tags, answered 200 by `xkey.purge(req.http.xkey-purge)` in the VCL
(deploy/varnish/default.vcl), which accepts it only from the site's addresses.

    "PURGE_BACKEND": "headless.purge.varnish.VarnishPurge",
    "PURGE_OPTIONS": {"URLS": ["http://127.0.0.1:6081"], "TIMEOUT": 5},

Every Varnish in `URLS` is purged; one failing fails the purge, which is then retried whole
(purging twice is harmless)."""

import http.client
import urllib.parse

from .base import PurgeBackend, PurgeError


class VarnishPurge(PurgeBackend):
    tag_header = "xkey"
    tag_separator = " "

    def __init__(self, URLS=("http://127.0.0.1:6081",), TIMEOUT=5, **options):  # noqa: N803 (settings' spelling)
        super().__init__(**options)
        self.urls = list(URLS)
        self.timeout = TIMEOUT

    def purge_batch(self, tags):
        for url in self.urls:
            parts = urllib.parse.urlsplit(url)
            connection_class = (
                http.client.HTTPSConnection
                if parts.scheme == "https"
                else http.client.HTTPConnection
            )
            connection = connection_class(parts.hostname, parts.port, timeout=self.timeout)
            try:
                connection.request(
                    "PURGE", parts.path or "/", headers={"xkey-purge": " ".join(tags)}
                )
                response = connection.getresponse()
                body = response.read().decode(errors="replace")
            except OSError as error:
                raise PurgeError(f"Varnish at {url}: {error}") from error
            finally:
                connection.close()
            if response.status != 200:
                raise PurgeError(f"Varnish at {url} answered {response.status}: {body[:200]}")
