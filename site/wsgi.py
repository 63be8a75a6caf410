"""WSGI entry point for gunicorn (`make run` serves this same application)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "postal_site.settings.production")

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


application = FreezeWhenWarm(get_wsgi_application(), FREEZE_AFTER)
