from django.apps import AppConfig


class TestAppConfig(AppConfig):
    label = "testapp"
    name = "tests.headless.testapp"
    default_auto_field = "django.db.models.BigAutoField"
