"""WSGI entry point for gunicorn (`make run` serves the same application)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "postal_site.settings.production")

from postal_site.gc_freeze import wsgi_application  # noqa: E402 (after the settings module)

application = wsgi_application()
