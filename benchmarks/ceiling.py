"""The ceiling of this stack on this machine: a bare Flask app returning a constant page.

Served by gunicorn with the same settings as Engage (`benchmarks.ceiling:app`); the page has
the byte size of the policy page measured in the same run (ENGAGE_BENCH_CEILING_BYTES).
"""

import os

from flask import Flask, Response

SIZE = int(os.environ.get("ENGAGE_BENCH_CEILING_BYTES", "30000"))
_HEAD = "<!doctype html><html lang=en><head><title>Ceiling</title></head><body><main>"
_TAIL = "</main></body></html>"
PAGE = (_HEAD + "<p>" + "x" * max(0, SIZE - len(_HEAD) - len(_TAIL) - 7) + "</p>" + _TAIL)[
    :SIZE
].encode()

app = Flask(__name__)


@app.get("/")
@app.get("/policies/<slug>")
def page(slug: str | None = None) -> Response:
    return Response(PAGE, mimetype="text/html")
