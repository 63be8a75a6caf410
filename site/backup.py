"""Backups of everything the site holds: the database and the uploaded media, in one tar file.

A backup is a plain tar with `manifest.json` (format, database engine, time), the database
(`database.pgdump`, made by `pg_dump -Fc`, or `database.sqlite3`, a consistent copy made with
SQLite's online backup API while the site runs) and `media/` (MEDIA_ROOT: original images,
renditions, documents). `manage.py backup` writes one; `manage.py restore FILE` puts the site
back exactly as it was, into the database DATABASE_URL names (empty or not).
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connections

from headless import content_version

FORMAT = 1
ENGINES = {
    "django.db.backends.postgresql": "postgresql",
    "django.db.backends.sqlite3": "sqlite",
}


class BackupError(Exception):
    pass


def _engine(alias):
    engine = connections[alias].settings_dict["ENGINE"]
    if engine not in ENGINES:
        raise BackupError(f"No backup method for the database engine {engine}.")
    return ENGINES[engine]


def _pg_args(alias):
    """Connection arguments for pg_dump and pg_restore, the password in the environment."""
    db = connections[alias].settings_dict
    args = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _sqlite_copy(source, target):
    """A consistent page-by-page copy, safe while other processes read or write the source."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def backup(output, alias="default"):
    """Writes a backup of the database `alias` and MEDIA_ROOT to `output`; returns its path."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine(alias)
    manifest = {
        "format": FORMAT,
        "engine": engine,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(partial, "w") as tar:
        _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
        if engine == "postgresql":
            dump = Path(tmp) / "database.pgdump"
            args, env = _pg_args(alias)
            subprocess.run(  # noqa: S603 (fixed program, arguments from the settings)
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",  # noqa: S607
                 f"--file={dump}", *args],
                env=env, check=True,
            )  # fmt: skip
        else:
            dump = Path(tmp) / "database.sqlite3"
            conn = connections[alias]
            conn.ensure_connection()
            # Through Django's own connection, so an in-memory database (the tests') works too.
            dst = sqlite3.connect(dump)
            try:
                conn.connection.backup(dst)
            finally:
                dst.close()
        tar.add(dump, arcname=dump.name)
        media = Path(settings.MEDIA_ROOT)
        if media.is_dir():
            tar.add(media, arcname="media")
    partial.replace(output)  # a backup file is complete or absent, never half-written
    return output


def restore(archive, alias="default"):
    """Replaces the database `alias` and MEDIA_ROOT with the backup's, then empties the cache.

    The previous media folder is kept beside the new one as `<MEDIA_ROOT>.before-restore`.
    """
    engine = _engine(alias)
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r") as tar:
        tmp = Path(tmp)
        tar.extractall(tmp, filter="data")  # refuses absolute paths, links out, devices
        manifest = json.loads((tmp / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        if manifest["engine"] != engine:
            raise BackupError(
                f"This backup is of a {manifest['engine']} database; the site uses {engine}. "
                "Restore it into a database of the same kind."
            )
        conn = connections[alias]
        conn.close()
        if engine == "postgresql":
            args, env = _pg_args(alias)
            subprocess.run(  # noqa: S603 (fixed program, arguments from the settings)
                ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",  # noqa: S607
                 "--single-transaction", "--exit-on-error", *args, str(tmp / "database.pgdump")],
                env=env, check=True,
            )  # fmt: skip
        else:
            _sqlite_copy(tmp / "database.sqlite3", conn.settings_dict["NAME"])

        media = Path(settings.MEDIA_ROOT)
        restored = tmp / "media"
        if not restored.is_dir():
            restored.mkdir()
        media.parent.mkdir(parents=True, exist_ok=True)
        previous = media.with_name(media.name + ".before-restore")
        if previous.exists():
            shutil.rmtree(previous)
        if media.exists():
            media.rename(previous)
        shutil.move(restored, media)
    # Everything cached (the content version, routing, rendered pages and API responses)
    # describes the content before the restore.
    for cache in caches.all():
        cache.clear()
    # A new token, announced to the workers that remember the old one (the file cache's
    # stamp): their stored pages and memos go with it.
    content_version.moved()
    return manifest
