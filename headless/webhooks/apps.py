from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Webhooks for apps (`headless.webhooks`): endpoints registered in the admin are told,
    signed as Standard Webhooks, about every change the change log records."""

    label = "headless_webhooks"
    name = "headless.webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from ..signals import changes_logged
        from . import dispatch
        from .checks import webhook_queue_defers

        changes_logged.connect(dispatch.on_changes_logged, dispatch_uid="headless.webhooks")
        checks.register(webhook_queue_defers)
