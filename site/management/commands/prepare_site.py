"""`manage.py prepare_site [--serve HOST:PORT]`: what `make run` does before it serves, in one
process, so Django starts once instead of once per step (each start costs about 4 s here).

It migrates, collects static files (skipped while the static sources are unchanged), builds the
demo content (once), indexes existing content for search (once), points the Site record at
SITE_URL and makes sure an admin can sign in.
With `--serve` it then prints the addresses and serves the site with gunicorn from this same
process: the workers are forked with Django already loaded, so they answer at once. Beside
gunicorn it starts the tasks workers (`manage.py db_worker`) of the edge's purge queue
(`HEADLESS["PURGE_TASK_BACKEND"]`) and of the webhooks (`HEADLESS["WEBHOOKS_TASK_BACKEND"]`),
one each, so that a slow receiver never delays a purge; they stop with gunicorn.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from headless.search.models import SearchEntry
from postal_site.gc_freeze import wsgi_application

# collectstatic's own default, so the digest sees the files it copies and no others.
STATIC_IGNORE_PATTERNS = ["CVS", ".*", "*~"]


def static_sources_digest():
    """A digest of every file collectstatic would copy (path, size, modification time) and of
    the storage that post-processes them: it changes when any source or the storage does."""
    entries = []
    for finder in finders.get_finders():
        for path, storage in finder.list(STATIC_IGNORE_PATTERNS):
            prefix = getattr(storage, "prefix", None) or ""
            stat = os.stat(storage.path(path))
            entries.append(f"{prefix}/{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    digest = hashlib.sha256()
    for part in [settings.STORAGES["staticfiles"]["BACKEND"], str(settings.STATIC_ROOT)]:
        digest.update(part.encode() + b"\n")
    for entry in sorted(entries):
        digest.update(entry.encode() + b"\n")
    return digest.hexdigest()


class Command(BaseCommand):
    help = (
        "Migrate, collect static files when their sources changed, load the demo content, set "
        "the Site's address and make sure an admin exists, in one process; --serve then serves."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--serve", metavar="HOST:PORT", help="then serve the site with gunicorn here"
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")

    def handle(self, *args, serve=None, workers=2, **options):
        self.migrate()
        self.collect_static()
        call_command("load_demo_content")
        self.build_search_index()
        call_command("configure_site")
        call_command("ensure_admin")
        if serve:
            self.print_addresses()
            self.serve(serve, workers)

    def build_search_index(self):
        """Pages are indexed as they are saved; content from before the search index existed
        (an empty index on a database with live pages) is indexed once here."""
        if not SearchEntry.objects.exists():
            call_command("build_search_index")

    def migrate(self):
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        # Always run: its post_migrate handlers (content types, permissions, the content
        # version a release's migrate moves) run even when no migration is pending.
        call_command("migrate", interactive=False, verbosity=1 if plan else 0)
        if not plan:
            self.stdout.write("Database: no migrations to apply.")

    def collect_static(self):
        stamp = Path(settings.VAR_DIR) / "static-sources.sha256"
        digest = static_sources_digest()
        # A manifest storage's manifest is written last; other storages leave just the folder.
        manifest = getattr(staticfiles_storage, "manifest_name", None)
        root = Path(settings.STATIC_ROOT)
        collected = (root / manifest).is_file() if manifest else root.is_dir()
        if collected and stamp.is_file() and stamp.read_text().strip() == digest:
            self.stdout.write("Static files: unchanged since the last collectstatic.")
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(digest + "\n")
        self.stdout.write(f"Static files: collected into {settings.STATIC_ROOT}.")

    def print_addresses(self):
        site_url = settings.SITE_URL
        self.stdout.write("")
        self.stdout.write(f"  Site:  {site_url}/")
        self.stdout.write(f"  Admin: {site_url}/admin/")
        self.stdout.write(f"  API:   {site_url}/api/v2/pages/")
        if getattr(settings, "API_V3_ENABLED", False):
            self.stdout.write(f"  API v3: {site_url}/api/v3/ (reference at /api/v3/docs/)")
        self.stdout.write("")

    def queues(self):
        """The database queues a worker must run: the purges' and the webhooks'."""
        aliases = [
            settings.HEADLESS.get("PURGE_TASK_BACKEND", "default"),
            settings.HEADLESS.get("WEBHOOKS_TASK_BACKEND", "default"),
        ]
        return [
            alias
            for alias in dict.fromkeys(aliases)
            if settings.TASKS.get(alias, {}).get("BACKEND") == "django_tasks_db.DatabaseBackend"
        ]

    def start_worker(self, queue):
        return subprocess.Popen(  # noqa: S603 (this Python, our own manage.py)
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker",
             "--backend", queue, "--interval", "0.2", "--no-startup-delay", "-v0"],
        )  # fmt: skip

    def serve(self, address, workers):
        from gunicorn.app.base import BaseApplication

        # The settings are those this command runs under, already loaded.
        application = wsgi_application()

        # The workers are forked from this process: they must not share its database
        # connections, nor print what is still in its output buffer a second time.
        connections.close_all()
        sys.stdout.flush()
        sys.stderr.flush()
        task_workers = [self.start_worker(queue) for queue in self.queues()]

        class Server(BaseApplication):
            def load_config(self):
                for name, value in {
                    "bind": address,
                    "workers": workers,
                    "preload_app": True,
                    # gunicorn's control socket has one fixed path per user: two servers on
                    # one machine would share it.
                    "control_socket_disable": True,
                    "accesslog": "-",
                    "on_exit": lambda server: [worker.terminate() for worker in task_workers],
                }.items():
                    self.cfg.set(name, value)

            def load(self):
                return application

        Server().run()
