"""A real HTTP receiver for webhook tests: a `http.server` thread on 127.0.0.1 (a port from
8400 to 8419) that records every request and answers with the statuses it is told to, after
an optional delay. Also runs the webhook queue the way its worker does."""

import contextlib
import http.server
import threading
import time

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

PORTS = range(8400, 8420)


class Receiver(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), Handler)
        self.requests = []
        self.statuses = []  # answered in turn; 200 once they run out
        self.delay = 0.0

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_port}/hooks/?app=test"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.requests.append(
            {"path": self.path, "headers": dict(self.headers.items()), "body": body}
        )
        time.sleep(self.server.delay)
        status = self.server.statuses.pop(0) if self.server.statuses else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def receiver():
    server = None
    for port in PORTS:
        try:
            server = Receiver(port)
            break
        except OSError:
            continue
    assert server is not None, "no free port from 8400 to 8419"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def free_port():
    """A port in the range that nothing listens on (a receiver that is down)."""
    with receiver() as server:
        port = server.server_port
    return port


def run_queue(backend="webhooks"):
    """Run every task of `backend` that is due, as `manage.py db_worker --batch` does (its own
    claim and Worker.run_task), inside the caller's transaction if any; returns how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend,
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        with exclusive_transaction(DBTaskResult.objects.db):
            result = DBTaskResult.objects.ready().filter(backend_name=backend).get_locked()
            if result is not None:
                result.claim(worker.worker_id)
        if result is None:
            return ran
        worker.run_task(result)
        ran += 1


def queued(backend="webhooks", name=None):
    """The tasks waiting on `backend` (by task function name)."""
    tasks = DBTaskResult.objects.filter(backend_name=backend, status="READY")
    return [t for t in tasks if name is None or t.task_path.endswith(f".{name}")]
