"""An edge that keeps nothing: purges are recorded in `DummyPurge.purged`, for tests and to try
the tagging out without an edge."""

from .base import PurgeBackend


class DummyPurge(PurgeBackend):
    purged = []

    def purge_batch(self, tags):
        DummyPurge.purged.append(list(tags))
