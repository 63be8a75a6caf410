"""A warning when webhooks would be delivered inside the editor's request."""

from django_tasks import task_backends

from django.core.checks import Warning

from ..conf import headless_settings


def webhook_queue_defers(app_configs, **kwargs):
    alias = headless_settings.WEBHOOKS_TASK_BACKEND
    try:
        backend = task_backends[alias]
    except Exception as error:
        return [
            Warning(f"HEADLESS['WEBHOOKS_TASK_BACKEND'] {alias!r}: {error}", id="webhooks.W002")
        ]
    if backend.supports_defer:
        return []
    return [
        Warning(
            f"The webhook queue {alias!r} ({type(backend).__name__}) runs tasks at once: "
            "deliveries would be sent inside the editor's request, and never retried later.",
            hint="Point HEADLESS['WEBHOOKS_TASK_BACKEND'] at a queue run by a worker, e.g. "
            "django_tasks_db.DatabaseBackend with `manage.py db_worker`.",
            id="webhooks.W001",
        )
    ]
