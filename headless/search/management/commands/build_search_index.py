"""Indexes every live page for site and API search, replacing what the index held: for content
that existed before `headless.search` was installed, or after a bulk import that bypassed
publishing. `make run` and the benchmark run it after loading content; running it twice
changes nothing."""

import time

from django.core.management.base import BaseCommand

from headless.search.engine import rebuild


class Command(BaseCommand):
    help = "Index every live page for site and API search (idempotent)."

    def handle(self, *args, **options):
        started = time.monotonic()
        count = rebuild()
        self.stdout.write(f"Indexed {count} live pages in {time.monotonic() - started:.1f} s.")
