"""Static files as whitenoise serves them (compressed, with hashed names from the manifest),
with each name's URL worked out once per process.

Every page asks for the URLs of its stylesheet, script and icons (`{% static %}`, five a page),
and each costs a manifest lookup, quoting and URL joins. The manifest is read once when the
process starts and changes only with a new release (`collectstatic`, then a restart), so the
answer for a name never changes while the process runs.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
