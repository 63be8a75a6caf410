"""Cloudflare, purge by cache tag (an Enterprise feature): the site sends `Cache-Tag`
(comma-separated), and a purge is `POST /client/v4/zones/{zone}/purge_cache` with
`{"tags": [...]}` and an API token allowed "Cache Purge" on the zone. Cloudflare strips
`Cache-Tag` before answering visitors.

    "PURGE_BACKEND": "headless.purge.cloudflare.CloudflarePurge",
    "PURGE_OPTIONS": {"ZONE_ID": "…", "API_TOKEN": "…"},
"""

import json
import urllib.error
import urllib.request

from .base import PurgeBackend, PurgeError

API = "https://api.cloudflare.com/client/v4"


class CloudflarePurge(PurgeBackend):
    tag_header = "Cache-Tag"
    tag_separator = ","
    # Cloudflare takes at most 30 tags per purge request on most plans.
    batch_size = 30

    def __init__(self, ZONE_ID, API_TOKEN, API_URL=API, TIMEOUT=10, **options):  # noqa: N803 (settings' spelling)
        super().__init__(**options)
        self.url = f"{API_URL}/zones/{ZONE_ID}/purge_cache"
        self.token = API_TOKEN
        self.timeout = TIMEOUT

    def purge_batch(self, tags):
        request = urllib.request.Request(  # noqa: S310 (an https URL from the settings)
            self.url,
            data=json.dumps({"tags": list(tags)}).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.loads(response.read() or b"{}")
        except (OSError, ValueError) as error:
            raise PurgeError(f"Cloudflare: {error}") from error
        if not answer.get("success"):
            raise PurgeError(f"Cloudflare refused the purge: {answer.get('errors')}")
