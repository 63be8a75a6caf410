#!/usr/bin/env python
"""Django's command-line utility; its default settings are the ones `make run` serves."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "postal_site.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
