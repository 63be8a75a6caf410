"""Which addresses a webhook may be sent to: never the site itself, loopback, private,
link-local, reserved or multicast addresses (a receiver URL must not let an editor reach
the servers behind the site), unless `HEADLESS["WEBHOOKS_ALLOW_PRIVATE"]` says so.

`check(url)` resolves the host and returns the addresses it checked; the sender connects to
those very addresses, so a name that resolves elsewhere a moment later (DNS rebinding) is not
reached. It runs when an endpoint is registered and again before every delivery.
"""

import functools
import ipaddress
import socket
import time
from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Site

from ..conf import headless_settings

DEFAULT_PORTS = {"http": 80, "https": 443}


class Refused(Exception):
    """The URL may not be sent to; the message says why, for the editor."""


def _is_private(address):
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 scope (fe80::1%eth0)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def _resolve(host, port):
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise Refused(f"{host} could not be resolved ({error}).") from error
    return list(dict.fromkeys(info[4][:2] for info in infos))


def own_hosts():
    """The names this site answers to: ALLOWED_HOSTS, its base URLs and its Site records."""
    hosts = {host.lower() for host in settings.ALLOWED_HOSTS if host != "*"}
    for name in ("SITE_URL", "WAGTAILADMIN_BASE_URL", "WAGTAILAPI_BASE_URL"):
        if url := getattr(settings, name, None):
            hosts.add((urlsplit(url).hostname or "").lower())
    hosts.update(host.lower() for host in Site.objects.values_list("hostname", flat=True))
    return frozenset(hosts - {""})


@functools.lru_cache(maxsize=8)
def _addresses_of(hosts, _period):
    """The addresses the site's own names resolve to (looked up again every five minutes)."""
    found = set()
    for host in hosts:
        try:
            found.update(address for address, _port in _resolve(host.lstrip("."), None))
        except Refused:
            continue
    return frozenset(found)


def _is_own(host, addresses):
    hosts = own_hosts()
    if any(host == own or (own.startswith(".") and host.endswith(own)) for own in hosts):
        return True
    own_addresses = _addresses_of(hosts, int(time.monotonic() // 300))
    return any(address in own_addresses for address, _port in addresses)


def check(url):
    """The (address, port) pairs `url` may be sent to; `Refused` if none may be."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise Refused("Enter an http:// or https:// URL with a host name.")
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as error:
        raise Refused("The port is not a number from 1 to 65535.") from error
    host = parts.hostname.lower()
    addresses = _resolve(host, port)
    if headless_settings.WEBHOOKS_ALLOW_PRIVATE:
        return addresses
    private = [address for address, _port in addresses if _is_private(address)]
    if private:
        raise Refused(
            f"{host} is at {private[0]}, a loopback, private, link-local or reserved address: "
            "webhooks go to the public internet only."
        )
    if _is_own(host, addresses):
        raise Refused(f"{host} is this site itself: webhooks go to other services only.")
    return addresses


def refusal(url):
    """Why `url` is refused, or None."""
    try:
        check(url)
    except Refused as error:
        return str(error)
    return None
