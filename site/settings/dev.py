"""Local development: DEBUG on, a throwaway key, any local host."""

from .base import *  # noqa: F403 (settings modules extend the base namespace)

DEBUG = True
SECRET_KEY = "django-insecure-development-only"  # noqa: S105 (never used with DEBUG off)
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
