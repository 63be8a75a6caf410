"""Each worker freezes what it holds after its first requests, so the collector's full passes
no longer walk Django, Wagtail and the compiled templates (postal_site/gc_freeze.py)."""

import gc

from postal_site.gc_freeze import FreezeWhenWarm


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def serve(application, times):
    return [b"".join(application({}, lambda status, headers: None)) for _ in range(times)]


def test_a_worker_freezes_once_after_its_first_requests():
    gc.unfreeze()
    try:
        application = FreezeWhenWarm(hello, after=3)
        assert serve(application, 2) == [b"ok", b"ok"]
        assert gc.get_freeze_count() == 0
        assert serve(application, 1) == [b"ok"]
        frozen = gc.get_freeze_count()
        assert frozen > 1000  # the modules, settings and models this test process holds
        serve(application, 5)
        assert gc.get_freeze_count() == frozen  # once, never again
    finally:
        gc.unfreeze()


def test_zero_never_freezes():
    gc.unfreeze()
    application = FreezeWhenWarm(hello, after=0)
    assert serve(application, 3) == [b"ok"] * 3
    assert gc.get_freeze_count() == 0
