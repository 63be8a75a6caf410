"""Points the default Wagtail Site at SITE_URL, so page URLs in the API and sitemaps are right."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand

from wagtail.models import Site


class Command(BaseCommand):
    help = "Set the default site's hostname and port from the SITE_URL setting."

    def handle(self, *args, **options):
        url = urlsplit(settings.SITE_URL)
        port = url.port or (443 if url.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site and (site.hostname, site.port) != (url.hostname, port):
            site.hostname, site.port = url.hostname, port
            site.save()
            self.stdout.write(f"Default site now answers as {url.hostname}:{port}.")
