"""`manage.py backup [--output FILE]`: the database and uploaded media in one tar file."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from postal_site.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump, or SQLite's online backup) and MEDIA_ROOT to a tar file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="the file to write (default: VAR_DIR/backups/backup-<UTC time>.tar)",
        )

    def handle(self, *args, output=None, **options):
        if not output:
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
            output = settings.VAR_DIR / "backups" / f"backup-{stamp}.tar"
        try:
            path = backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup written to {path} ({path.stat().st_size:,} bytes)")
