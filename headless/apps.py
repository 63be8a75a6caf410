from django.apps import AppConfig


class HeadlessConfig(AppConfig):
    """Connects the change log to Wagtail's signals and installs the remembered view
    restrictions (`headless.wagtail_patches`) at start-up."""

    label = "headless"
    name = "headless"
    verbose_name = "Headless API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import change_log, wagtail_patches

        change_log.connect()
        post_migrate.connect(change_log.on_migrated, sender=self)
        wagtail_patches.install()
