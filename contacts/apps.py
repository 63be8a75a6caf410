from django.apps import AppConfig


class ContactsConfig(AppConfig):
    """Contacts plugin: service hotlines (one list, shown wherever needed) and a contacts page."""

    label = "contacts"
    name = "contacts"
    verbose_name = "Contacts"
    default_auto_field = "django.db.models.BigAutoField"
