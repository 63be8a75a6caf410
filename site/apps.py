from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project package as an app: it owns the API's change log (cursor and cache validators)."""

    label = "postal_site"
    name = "postal_site"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import change_signals, fastpath, sanitize

        change_signals.connect()
        post_migrate.connect(change_signals.on_migrated, sender=self)
        fastpath.install()
        # Rich text is cleaned of scripts before any page is saved (issue 7).
        sanitize.connect()
