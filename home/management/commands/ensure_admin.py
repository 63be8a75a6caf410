"""Makes sure an administrator can log in, without ever using a fixed default password."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the superuser 'admin' if no superuser exists, with DJANGO_SUPERUSER_PASSWORD "
        "or a random password, and print the login."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username", default=os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        )

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "  Admin login: the superuser made on the first run, password unchanged "
                f"(reset it with: .venv/bin/python manage.py changepassword {username})"
            )
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(f"  Admin login: {username} / {password}  (made now; keep it safe)")
