"""Fastly, purge by surrogate key: the site sends `Surrogate-Key` (space-separated), and a
purge is `POST /service/{service}/purge` with the keys in a `Surrogate-Key` header and an API
token in `Fastly-Key`. Fastly strips `Surrogate-Key` before answering visitors.

    "PURGE_BACKEND": "headless.purge.fastly.FastlyPurge",
    "PURGE_OPTIONS": {"SERVICE_ID": "…", "API_TOKEN": "…"},
"""

import urllib.error
import urllib.request

from .base import PurgeBackend, PurgeError

API = "https://api.fastly.com"


class FastlyPurge(PurgeBackend):
    tag_header = "Surrogate-Key"
    tag_separator = " "
    # Fastly takes up to 256 keys per request.
    batch_size = 256

    def __init__(self, SERVICE_ID, API_TOKEN, API_URL=API, TIMEOUT=10, **options):  # noqa: N803 (settings' spelling)
        super().__init__(**options)
        self.url = f"{API_URL}/service/{SERVICE_ID}/purge"
        self.token = API_TOKEN
        self.timeout = TIMEOUT

    def purge_batch(self, tags):
        request = urllib.request.Request(  # noqa: S310 (an https URL from the settings)
            self.url,
            data=b"",
            method="POST",
            headers={"Fastly-Key": self.token, "Surrogate-Key": " ".join(tags)},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout):  # noqa: S310
                pass
        except OSError as error:
            raise PurgeError(f"Fastly: {error}") from error
