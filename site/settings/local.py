"""What `manage.py` uses when DJANGO_SETTINGS_MODULE is unset: the production settings that
`make run` serves, on the machine where `make run` made its key.

With SECRET_KEY unset it takes the key `make run` keeps in VAR_DIR/secret_key (the same key the
server uses, so API tokens and sessions made by a command work there), and with ALLOWED_HOSTS
unset the local host names. Without that file and without SECRET_KEY it refuses to start, as
the production settings do; `postal_site.settings.production` itself never reads the file.
"""

import os
from pathlib import Path

_var_dir = Path(os.environ.get("VAR_DIR") or Path(__file__).resolve().parents[2] / "var")
_key_file = _var_dir / "secret_key"
if not os.environ.get("SECRET_KEY") and _key_file.is_file():
    os.environ["SECRET_KEY"] = _key_file.read_text().strip()
    # Commands run here, next to `make run`'s server: its own host names.
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

from .production import *  # noqa: E402, F403 (the environment above is what production reads)
