from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project package as an app: it owns the API's change log (cursor and cache validators)."""

    label = "postal_site"
    name = "postal_site"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import change_signals, fastpath

        change_signals.connect()
        fastpath.install()
