"""The benchmark's ceiling: a bare Django view, no middleware, no database, no templates.

`settings.configure(...)` and one `HttpResponse(b"Hello, world")`, served by the same gunicorn
from the project's venv with the same worker count as the site (bench/run.py starts it beside
the site in the same run). Nothing a Django site does per request can be faster than this, so
the benchmark divides every figure by it; the site's own `/healthz`, which runs the whole
middleware stack, is the second ceiling.

    gunicorn --chdir bench bare:application
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-view-not-a-secret",  # noqa: S106 (serves one constant page)
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_I18N=False,
)


def hello(request):
    return HttpResponse(b"Hello, world")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
