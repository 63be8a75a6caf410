from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project package as an app: its templates, migrations and operations commands."""

    label = "postal_site"
    name = "postal_site"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail_localize.fields import SynchronizedField

        from contacts.models import Hotline

        from . import sanitize

        # Rich text is cleaned of scripts before any page is saved (issue 7).
        sanitize.connect()
        # A hotline's number, header flag and order are the same in every language: the
        # translation editor does not offer them (the contacts plugin names them).
        Hotline.override_translatable_fields = [
            SynchronizedField(name) for name in Hotline.synchronized_fields
        ]
