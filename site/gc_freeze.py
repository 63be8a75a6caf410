"""The WSGI application every server runs (`postal_site.wsgi`, `make run`), wrapped so that
each worker freezes what it holds once it is warm."""

import gc
import os

from django.core.wsgi import get_wsgi_application

# Requests a worker serves before it freezes what it then holds (0: never).
FREEZE_AFTER = int(os.environ.get("GC_FREEZE_AFTER", "200"))


class FreezeWhenWarm:
    """Moves every object a worker holds after its first requests (Django, Wagtail, compiled
    templates, URL resolvers, the first memos) out of the collector's reach with
    `gc.freeze()`. Otherwise each full collection walks them all: about 190,000 objects, a
    100 ms pause once every few thousand requests, which one reader in a few hundred waits
    for. Frozen once per process, so what it freezes and later drops is bounded by what the
    worker held then."""

    def __init__(self, application, after):
        self.application, self.left = application, after

    def __call__(self, environ, start_response):
        response = self.application(environ, start_response)
        if self.left > 0:
            self.left -= 1
            if self.left == 0:
                gc.collect()  # what is garbage now is not frozen with the rest
                gc.freeze()
        return response


def wsgi_application():
    """Django's WSGI application for the settings already chosen, freezing when warm."""
    return FreezeWhenWarm(get_wsgi_application(), FREEZE_AFTER)
