"""Table 2: requests per second under gunicorn (2 sync workers), against a bare Flask ceiling."""

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.load import LoadResult, fetch, hammer
from benchmarks.seed import RESIDENT, SECRET_KEY

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
CONCURRENCY = 8
SECONDS = 10.0
WARM_UP_SECONDS = 2.0
ROUNDS = 4  # each target is loaded in ROUNDS bursts, taking turns


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(app: str, env: dict, probe: str):
    """Serve `app` with gunicorn on a free loopback port; yields the port; stops it after."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", app,
        "--workers", str(WORKERS), "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ]  # fmt: skip
    environment = {k: v for k, v in {**os.environ, **env}.items() if v is not None}
    process = subprocess.Popen(command, cwd=ROOT, env=environment)  # noqa: S603
    try:
        _wait_until_up(process, port, probe)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _wait_until_up(process, port: int, probe: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        with contextlib.suppress(OSError):
            if fetch(port, probe)[0] == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


def engage_env(database_url: str, redis_url: str | None = None, viewer_cache: bool = True) -> dict:
    return {
        "ENGAGE_VIEWER_CACHE": "on" if viewer_cache else "off",
        "ENGAGE_DATABASE_URL": database_url,
        "ENGAGE_SECRET_KEY": SECRET_KEY,
        "ENGAGE_ENV": "development",
        "ENGAGE_PAGE_CACHE": "on",
        "ENGAGE_REDIS_URL": redis_url,  # None: the in-process cache
    }


def _cookies(headers) -> dict[str, str]:
    jar = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def sign_in(port: int) -> str:
    """Log in as the demo resident through the real form; returns the Cookie header."""
    status, headers, body = fetch(port, "/auth/login")
    cookies = _cookies(headers)
    csrf = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', body).group(1).decode()
    email, password = RESIDENT
    form = urlencode({"csrf_token": csrf, "email": email, "password": password})
    status, headers, _body = fetch(
        port,
        "/auth/login",
        {
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Content-Type": "application/x-www-form-urlencoded",
        },
        method="POST",
        body=form,
    )
    if status != 302:
        raise RuntimeError(f"signing in answered {status}")
    cookies |= _cookies(headers)
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _merge(total: LoadResult | None, part: LoadResult) -> LoadResult:
    if total is None:
        return part
    total.seconds += part.seconds
    total.statuses.update(part.statuses)
    total.errors += part.errors
    total.body_bytes += part.body_bytes
    return total


def interleaved(targets: dict[str, tuple[int, str, dict | None]]) -> dict[str, LoadResult]:
    """Load each target in turn, ROUNDS times, SECONDS in all each.

    Taking turns in short bursts spreads any drift of the machine's other load over every
    target alike, so the ratios compare like with like.
    """
    for port, path, headers in targets.values():
        hammer(port, path, WARM_UP_SECONDS, CONCURRENCY, headers)  # every worker warm
    results: dict[str, LoadResult | None] = dict.fromkeys(targets)
    for _round in range(ROUNDS):
        for name, (port, path, headers) in targets.items():
            burst = hammer(port, path, SECONDS / ROUNDS, CONCURRENCY, headers)
            results[name] = _merge(results[name], burst)
    return results


def measure(database_url: str, slug: str, redis_url: str | None) -> tuple[dict, int]:
    """Requests per second for the ceiling and the policy page, all servers up at once."""
    path = f"/policies/{slug}"
    with contextlib.ExitStack() as stack:
        engage = stack.enter_context(gunicorn("wsgi:app", engage_env(database_url), path))
        size = len(fetch(engage, path)[2])
        ceiling_env = {"ENGAGE_BENCH_CEILING_BYTES": str(size)}
        ceiling = stack.enter_context(gunicorn("benchmarks.ceiling:app", ceiling_env, "/"))
        cookie = sign_in(engage)
        if b"Sign out" not in fetch(engage, path, {"Cookie": cookie})[2]:
            raise RuntimeError("the signed-in page does not look signed in")
        # A server that renders signed-in pages every time: what each viewer's first visit
        # costs, beside the repeat visits the viewer's own copy serves.
        env = engage_env(database_url, viewer_cache=False)
        rendering = stack.enter_context(gunicorn("wsgi:app", env, path))
        targets = {
            "ceiling": (ceiling, path, None),
            "anonymous": (engage, path, None),
            "signed_in": (engage, path, {"Cookie": cookie}),
            "signed_in_rendered": (rendering, path, {"Cookie": sign_in(rendering)}),
        }
        if redis_url:
            env = engage_env(database_url, redis_url)
            on_redis = stack.enter_context(gunicorn("wsgi:app", env, path))
            targets["anonymous_redis"] = (on_redis, path, None)
        return interleaved(targets), size
