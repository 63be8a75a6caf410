"""Compiles the site's message files (locale/*/LC_MESSAGES/*.po) into the .mo files Django reads.

Run by `make install` (`python -m postal_site.compile_messages`). Django's own
`compilemessages` needs GNU gettext's msgfmt, which a plain machine or CI image may lack;
polib (already installed: wagtail-localize reads and writes PO files with it) writes the same
.mo files from Python, so installing needs nothing outside the venv.
"""

import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent


def compile_all(root=BASE_DIR / "locale"):
    compiled = []
    for po_path in sorted(root.glob("*/LC_MESSAGES/*.po")):
        po = polib.pofile(str(po_path))
        untranslated = [entry.msgid for entry in po.untranslated_entries()]
        if untranslated:
            raise SystemExit(f"{po_path}: {len(untranslated)} untranslated: {untranslated[:3]}")
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        compiled.append(po_path)
    return compiled


if __name__ == "__main__":
    for path in compile_all():
        sys.stdout.write(f"compiled {path.relative_to(BASE_DIR)}\n")
