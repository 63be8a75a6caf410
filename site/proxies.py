"""The reader's own address behind a proxy (Varnish, a load balancer, a CDN).

Behind a proxy every request comes from the proxy's address, so the API's request budget, the
password throttle and django-axes would count all readers as one. When the request comes from
an address in `TRUSTED_PROXIES`, `REMOTE_ADDR` becomes the nearest address in
`X-Forwarded-For` that is not a trusted proxy: the one the outermost trusted proxy saw. Anyone
else's `X-Forwarded-For` is ignored, so a client cannot choose its own address.
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


class ForwardedForMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        try:
            self.trusted = [
                ipaddress.ip_network(n.strip(), strict=False) for n in settings.TRUSTED_PROXIES
            ]
        except ValueError as error:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None

    def is_trusted(self, address):
        return address is not None and any(address in network for network in self.trusted)

    def __call__(self, request):
        meta = request.META
        if self.trusted and self.is_trusted(_address(meta.get("REMOTE_ADDR", ""))):
            client = None
            # Right to left: each trusted proxy appended the address it received from.
            for hop in reversed(meta.get("HTTP_X_FORWARDED_FOR", "").split(",")):
                address = _address(hop)
                if address is None:
                    break  # garbage before this point was written by the client
                client = address
                if not self.is_trusted(address):
                    break
            if client is not None:
                meta["PROXY_ADDR"] = meta["REMOTE_ADDR"]
                meta["REMOTE_ADDR"] = str(client)
        return self.get_response(request)
