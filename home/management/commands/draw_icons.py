from django.core.management.base import BaseCommand

from home.icons import ICON_DIR, icon_files


class Command(BaseCommand):
    help = "Draw the site's PNG and ICO icons into home/static/home/icons/ (committed files)."

    def handle(self, *args, **options):
        ICON_DIR.mkdir(parents=True, exist_ok=True)
        for name, data in icon_files().items():
            (ICON_DIR / name).write_bytes(data)
            self.stdout.write(f"{ICON_DIR / name}: {len(data)} bytes")
