"""Table 1: server time per request, in-process (the Flask test client), the cache off."""

import re
import secrets
import statistics
import time

from benchmarks.seed import RESIDENT, app_for

WARM_UP = 5
REQUESTS = 50


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _timed(call, n: int = REQUESTS) -> list[float]:
    for _ in range(WARM_UP):
        call()
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    """(median, p95) in milliseconds."""
    return statistics.median(samples), statistics.quantiles(samples, n=20, method="inclusive")[-1]


def _expect(response, status: int):
    if response.status_code != status:
        raise RuntimeError(f"expected {status}, got {response.status_code}: {response.request.url}")
    return response


def _signed_in(app):
    client = app.test_client()
    page = _expect(client.get("/auth/login"), 200).get_data(as_text=True)
    email, password = RESIDENT
    data = {"csrf_token": _csrf(page), "email": email, "password": password}
    _expect(client.post("/auth/login", data=data), 302)
    return client


def measure(url: str, info: dict) -> dict[str, tuple[float, float]]:
    """Median and p95 server time for each request of Table 1 on the database at `url`."""
    app = app_for(url, ENGAGE_PAGE_CACHE=False)
    slug, section = info["slug"], info["section"]
    page_url = f"/policies/{slug}"
    reader = app.test_client()
    results = {
        "page": _timed(lambda: _expect(reader.get(page_url), 200)),
        "section": _timed(lambda: _expect(reader.get(f"{page_url}?section={section}"), 200)),
    }
    author = _signed_in(app)
    csrf = _csrf(_expect(author.get(page_url), 200).get_data(as_text=True))

    def post_comment():
        form = {
            "csrf_token": csrf,
            "token": secrets.token_urlsafe(16),
            "body": "Thirty days of retention is enough; please say who audits access.",
            "stance": "concerns",
            "section_key": section,
            "neighborhood": "",
            "show_name": "y",
            "parent_id": "",
            "action": "post",
        }
        _expect(author.post(f"{page_url}/comments", data=form), 303)

    results["post"] = _timed(post_comment)
    with app.app_context():
        from engage.extensions import db

        db.engine.dispose()
    return {name: summary(samples) for name, samples in results.items()}
