"""What a developer meets around `make run`: `manage.py` finds the key `make run` made, and a
restart skips collectstatic while the static sources are unchanged.

The settings tests run `manage.py` in a subprocess from a new shell's environment (no
SECRET_KEY, ALLOWED_HOSTS or DJANGO_SETTINGS_MODULE exported), in a temporary VAR_DIR.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from django.test import override_settings

from postal_site.management.commands.prepare_site import Command

ROOT = Path(__file__).resolve().parent.parent


def manage(var_dir, *args, **env):
    base = {name: os.environ[name] for name in ("PATH", "LANG", "HOME") if name in os.environ}
    return subprocess.run(  # noqa: S603 (this venv's Python, our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "VAR_DIR": str(var_dir), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def var_dir_with_key(tmp_path):
    """A VAR_DIR as `make run` leaves it: the key in `secret_key`, readable by its owner."""
    key = secrets.token_urlsafe(50)
    (tmp_path / "secret_key").write_text(key + "\n")
    return tmp_path, key


def test_manage_py_uses_the_key_make_run_made_without_exports(var_dir_with_key):
    """The reset hint `make run` prints works as printed: manage.py takes var/secret_key."""
    var_dir, key = var_dir_with_key
    result = manage(var_dir, "changepassword", "--help")
    assert result.returncode == 0, result.stderr
    assert "Change a user's password" in result.stdout
    show = "from django.conf import settings; print(settings.SECRET_KEY, settings.ALLOWED_HOSTS)"
    result = manage(var_dir, "shell", "-v", "0", "-c", show)
    assert result.returncode == 0, result.stderr
    # The server's own key, so tokens made here are valid there; and the local hosts.
    assert result.stdout.split(" ", 1) == [key, "['127.0.0.1', 'localhost', '[::1]']\n"]


def test_an_exported_key_and_hosts_win_over_the_file(var_dir_with_key):
    var_dir, _ = var_dir_with_key
    exported = secrets.token_urlsafe(50)
    show = "from django.conf import settings; print(settings.SECRET_KEY, settings.ALLOWED_HOSTS)"
    result = manage(
        var_dir, "shell", "-v", "0", "-c", show, SECRET_KEY=exported, ALLOWED_HOSTS="a.example"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{exported} ['a.example']\n"


def test_manage_py_without_a_key_file_still_refuses_to_start(tmp_path):
    """No file and nothing exported: no key is guessed, the message says where one comes from."""
    result = manage(tmp_path, "check")
    assert result.returncode == 1
    assert "SECRET_KEY must be set" in result.stderr
    assert "make run" in result.stderr


def test_production_settings_never_read_the_key_file(var_dir_with_key):
    var_dir, _ = var_dir_with_key
    result = manage(var_dir, "check", DJANGO_SETTINGS_MODULE="postal_site.settings.production")
    assert result.returncode == 1
    assert "SECRET_KEY must be set" in result.stderr


def test_static_files_are_collected_again_only_when_a_source_changes(tmp_path, capsys):
    """A restart with nothing changed skips collectstatic (seconds on every `make run`); a
    changed, added or removed static source collects again."""
    sources = tmp_path / "src"
    sources.mkdir()
    style = sources / "newcomer.css"
    style.write_text("body { color: black; }\n")
    static_root = tmp_path / "static"
    with override_settings(VAR_DIR=tmp_path, STATIC_ROOT=static_root, STATICFILES_DIRS=[sources]):

        def collect():
            Command().collect_static()
            return capsys.readouterr().out

        assert "Static files: collected" in collect()
        assert (static_root / "newcomer.css").read_text() == "body { color: black; }\n"
        assert collect() == "Static files: unchanged since the last collectstatic.\n"

        style.write_text("body { color: navy; }\n")
        # An edit a little later, as a developer's is (collectstatic compares whole seconds).
        later = style.stat().st_mtime + 10
        os.utime(style, (later, later))
        assert "Static files: collected" in collect()
        assert (static_root / "newcomer.css").read_text() == "body { color: navy; }\n"

        (sources / "more.css").write_text("p { margin: 0; }\n")
        assert "Static files: collected" in collect()
        assert (static_root / "more.css").is_file()
        assert "unchanged" in collect()
