"""A bounded load generator: N threads GET one URL on 127.0.0.1 for a fixed time, then stop.

Each request opens its own connection (gunicorn's sync workers close it after each
response), for every target alike. Only the loopback address is ever contacted, and the
number of requests is capped as well as the duration.
"""

import http.client
import itertools
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

HOST = "127.0.0.1"
MAX_REQUESTS = 400_000


@dataclass
class LoadResult:
    seconds: float
    statuses: Counter = field(default_factory=Counter)
    errors: int = 0
    body_bytes: int = 0

    @property
    def ok(self) -> int:
        return self.statuses.get(200, 0)

    @property
    def rps(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0


def fetch(port: int, path: str, headers: dict | None = None, method: str = "GET", body=None):
    """One request: (status, headers, body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.msg, response.read()
    finally:
        conn.close()


def hammer(port: int, path: str, seconds: float, concurrency: int = 8, headers=None):
    """GET `path` from `concurrency` threads for `seconds`; count what came back."""
    deadline = time.monotonic() + seconds
    budget = itertools.count()
    result = LoadResult(seconds=seconds)
    lock = threading.Lock()

    def worker():
        statuses, errors, size = Counter(), 0, 0
        while time.monotonic() < deadline and next(budget) < MAX_REQUESTS:
            try:
                status, _headers, body = fetch(port, path, headers)
                statuses[status] += 1
                size += len(body)
            except (OSError, http.client.HTTPException):
                errors += 1
        with lock:
            result.statuses.update(statuses)
            result.errors += errors
            result.body_bytes += size

    started = time.monotonic()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    result.seconds = time.monotonic() - started
    return result
