"""A headless layer for any Wagtail site: the change log and content version, conditional
requests (ETag/304), the change feed, draft previews for apps, an OpenAPI document generated
from the page models and their blocks, and whole-response caching.

It imports only Django, Django REST framework, Wagtail and itself. A site configures it with
the `HEADLESS` setting (see `headless.conf`) and adds its own endpoints, filters and change
sources by registration: see docs/architecture.md.
"""
