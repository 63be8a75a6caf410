"""One HTTP POST of a signed delivery, to the addresses `addresses.check` allowed, with a
short timeout and without following redirects (a 3xx is an answer like any other)."""

import datetime
import functools
import http.client
import socket
from urllib.parse import urlsplit

from standardwebhooks import Webhook

from . import addresses

USER_AGENT = "headless-webhooks/1 (Standard Webhooks)"


def signed_headers(secret, message_id, body, now=None):
    """The Standard Webhooks headers for `body`: webhook-id, -timestamp and -signature
    (HMAC-SHA256 over "id.timestamp.body" with the endpoint's secret)."""
    now = now or datetime.datetime.now(datetime.UTC)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        # The library reads the time as UTC whatever its zone says: give it UTC.
        "webhook-signature": Webhook(secret).sign(message_id, now.astimezone(datetime.UTC), body),
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }


def _connect(allowed, address, timeout=None, source_address=None):
    """http.client's connect, to the checked addresses only (not a fresh DNS answer)."""
    error = OSError(f"no address for {address[0]}")
    for host, port in allowed:
        try:
            return socket.create_connection((host, port), timeout, source_address)
        except OSError as failure:
            error = failure
    raise error


def post(url, body, headers, timeout):
    """POST `body` to `url`; the response's status code. Raises `addresses.Refused`, OSError
    (unreachable, timed out) or http.client.HTTPException (not HTTP)."""
    allowed = addresses.check(url)
    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname, parts.port, timeout=timeout)
    connection._create_connection = functools.partial(_connect, allowed)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", target, body=body.encode(), headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)  # the answer's body is not used; a little is read politely
        return response.status
    finally:
        connection.close()
