#!/usr/bin/env python
"""Django's command-line utility. Its default settings, `postal_site.settings.local`, are the
ones `make run` serves, with the key and host names `make run` uses when none are exported."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "postal_site.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
