"""`manage.py backup` and `manage.py restore` lose nothing: a site restored from a backup
answers every API request byte for byte as the original did, and serves the same media files.

The original is the suite's demo site, on whichever database the suite runs (SQLite or
PostgreSQL); the backup is restored into a database of the same kind that the test creates
beside it, served by another process with its own VAR_DIR, so the suite's own database is never
touched. The restore is tested twice: into an empty database (a new server after a loss) and
over a copy that was damaged since (the same server, put back).
"""

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from django.core.management import call_command
from django.db import connection
from django.test import Client

from tests.api_snapshot import snapshot

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def target_database_url(db, tmp_path):
    """A second, empty database of the suite's own kind, dropped afterwards."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"{db['NAME']}_restored"
    admin = {
        "dbname": "postgres",
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "autocommit": True,
    }
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    auth = urllib.parse.quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + urllib.parse.quote(db["PASSWORD"], safe="")
    yield f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def in_restored_site(env, *args):
    """Runs a Python command against the restored copy, as an operator would."""
    result = subprocess.run(  # noqa: S603 (our own interpreter and scripts)
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def restored_snapshot(env, tmp_path):
    out = tmp_path / "snapshot.json"
    in_restored_site(env, "-m", "tests.api_snapshot", str(out))
    return json.loads(out.read_text(encoding="utf-8"))


def assert_same(before, after):
    assert sorted(after) == sorted(before)
    for key in before:
        assert after[key] == before[key], key


def test_restored_backup_serves_identical_api_output_and_media(
    demo_site, tmp_path, target_database_url
):
    """Every page listing and detail, every image and document, the site chrome, the change
    feed and every media file come back identical, in an empty database and over a damaged one."""
    before = snapshot(Client())
    assert sum(key.startswith("/api/v2/pages/") for key in before) > 20
    assert sum(key.startswith("media:") for key in before) > 2
    archive = tmp_path / "site.tar"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "postal_site.settings.test",
        "DATABASE_URL": target_database_url,
        "VAR_DIR": str(tmp_path / "restored-var"),
    }
    manage = [str(ROOT / "manage.py")]
    out = in_restored_site(env, *manage, "restore", str(archive))
    assert "Restored the" in out
    assert_same(before, restored_snapshot(env, tmp_path))

    # Damage the copy (a page deleted, an image file lost), then put it back from the backup.
    in_restored_site(
        env,
        *manage,
        "shell",
        "-c",
        "from news.models import NewsArticlePage; from wagtail.images.models import Image; "
        "NewsArticlePage.objects.live().first().delete(); "
        "image = Image.objects.first(); image.file.storage.delete(image.file.name)",
    )
    with pytest.raises(AssertionError):  # the damaged copy no longer matches
        restored_snapshot(env, tmp_path)
    in_restored_site(env, *manage, "restore", str(archive))
    assert_same(before, restored_snapshot(env, tmp_path))


def test_restore_refuses_a_backup_of_another_database_kind(demo_site, tmp_path):
    """A PostgreSQL dump cannot be poured into SQLite (or back): the restore stops and says so,
    before touching anything."""
    import tarfile

    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    archive = tmp_path / "other.tar"
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"format": 1, "engine": other, "created": "x"}))
    with tarfile.open(archive, "w") as tar:
        tar.add(manifest, arcname="manifest.json")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=f"backup is of a {other} database"):
        call_command("restore", str(archive))
