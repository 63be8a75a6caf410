"""`manage.py restore FILE`: the site as it was when `manage.py backup` wrote FILE."""

from django.core.management.base import BaseCommand, CommandError

from postal_site.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database and MEDIA_ROOT with those of a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup file written by `manage.py backup`")

    def handle(self, *args, file, **options):
        try:
            manifest = restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the {manifest['engine']} database and media of {manifest['created']} "
            f"from {file}"
        )
