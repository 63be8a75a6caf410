"""WSGI entry point for gunicorn (`make run` serves the same application)."""

import os

from postal_site.gc_freeze import wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "postal_site.settings.production")

application = wsgi_application()
