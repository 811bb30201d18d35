"""`make bench`: server time per request (Table 1), throughput against a ceiling (Table 2),
campaign grouping of 100,000 comments (Table 3, benchmarks/campaigns.py) and building the
summary of a period with 100,000 comments (Table 4, benchmarks/summaries.py).

    python -m benchmarks            # everything (a few minutes)
    python -m benchmarks --quick    # shorter runs, to try things out

ENGAGE_BENCH_DATABASE_URL (default postgresql://root@127.0.0.1:5432/bench) is the benchmark's
own PostgreSQL database: it is created if missing and EMPTIED on each run. PostgreSQL is
skipped, with a note, when it does not answer. ENGAGE_BENCH_REDIS_URL (default
redis://127.0.0.1:6379/0) adds a run with the page cache on Redis when Redis answers.
"""

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import campaigns as campaign_bench
from benchmarks import server_time, throughput
from benchmarks import summaries as summary_bench
from benchmarks.seed import COMMENTS, postgres_ready, reset_postgres, seed

POSTGRES_URL = os.environ.get("ENGAGE_BENCH_DATABASE_URL", "postgresql://root@127.0.0.1:5432/bench")
REDIS_URL = os.environ.get("ENGAGE_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
TARGETS = {"anonymous": 0.40, "signed_in": 0.10}
ROWS = (
    ("page", "Policy page, first page (anonymous, page cache off)"),
    ("section", "Policy page filtered to one section (anonymous, page cache off)"),
    ("post", "Posting a comment (signed in, the real form with CSRF)"),
)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _seeded(label: str, url: str) -> dict:
    started = time.perf_counter()
    info = seed(url)
    say(
        f"  {label}: {info['comments']:,} comments ({info['replies']:,} replies) on "
        f"/policies/{info['slug']} in {time.perf_counter() - started:.1f} s"
    )
    return info


def table_one(databases: dict[str, dict]) -> str:
    names = list(databases)
    header = "| Request | " + " | ".join(f"{n} median | {n} p95" for n in names) + " |"
    lines = [header, "|---|" + "---:|" * (2 * len(names))]
    for key, label in ROWS:
        cells = []
        for name in names:
            median, p95 = databases[name][key]
            cells += [f"{median:.1f} ms", f"{p95:.1f} ms"]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _verdict(ratio: float, target: float | None) -> str:
    if target is None:
        return "—"
    return f"≥ {target:.0%}: {'met' if ratio >= target else 'MISSED'}"


def table_two(rows: list[tuple[str, object, float | None]], ceiling) -> str:
    lines = [
        "| Served by gunicorn (2 sync workers) | Requests/s | Non-200 + errors "
        "| Of the ceiling | Target |",
        "|---|---:|---:|---:|---|",
    ]
    for label, result, target in rows:
        ratio = result.rps / ceiling.rps if ceiling.rps else 0.0
        failures = sum(n for s, n in result.statuses.items() if s != 200) + result.errors
        verdict = _verdict(ratio, target)
        lines.append(f"| {label} | {result.rps:,.0f} | {failures} | {ratio:.0%} | {verdict} |")
    return "\n".join(lines)


def _postgres() -> str | None:
    problem = postgres_ready(POSTGRES_URL)
    if problem:
        say(f"  PostgreSQL skipped: {POSTGRES_URL} does not answer ({problem})")
        return None
    reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


def _redis() -> str | None:
    from engage.cache_backends import RedisBackend

    if RedisBackend(REDIS_URL).ping():
        return REDIS_URL
    say(f"  Redis skipped: {REDIS_URL} does not answer")
    return None


def main(argv=None) -> int:
    options = _options(argv)
    if options.quick:
        server_time.REQUESTS, throughput.SECONDS = 20, 3.0
    workdir = Path(tempfile.mkdtemp(prefix="engage-bench-"))
    try:
        return _run(workdir, options.quick)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _options(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="shorter runs")
    return parser.parse_args(argv)


def _run(workdir: Path, quick: bool = False) -> int:
    started = time.perf_counter()
    say(f"Seeding the demo data set plus one policy with {COMMENTS:,} comments:")
    sqlite_file = workdir / "bench.db"
    databases = {"SQLite": f"sqlite:///{sqlite_file}"}
    info = _seeded("SQLite", databases["SQLite"])
    shutil.copy(sqlite_file, workdir / "served.db")  # Table 2 serves the seed as it was
    postgres = _postgres()
    if postgres:
        databases["PostgreSQL"] = postgres
        _seeded("PostgreSQL", postgres)

    say(f"Table 1: server time, {server_time.REQUESTS} requests each after a warm-up ...")
    timings = {name: server_time.measure(url, info) for name, url in databases.items()}

    say(
        f"Table 2: gunicorn, {throughput.CONCURRENCY} client threads, {throughput.SECONDS:.0f} s "
        f"per row in {throughput.ROUNDS} interleaved bursts ..."
    )
    rows, ceiling = _throughput(f"sqlite:///{workdir / 'served.db'}", info["slug"])

    print(f"\n## Engage benchmark — {COMMENTS:,} comments on one policy\n")
    print(_machine())
    print(f"\n### Server time per request (in-process, N = {server_time.REQUESTS})\n")
    print(table_one(timings))
    print(
        f"\n### Throughput: {throughput.SECONDS:.0f} s per row, {throughput.CONCURRENCY} client "
        f"threads, rows taking turns in {throughput.ROUNDS} bursts\n"
    )
    print(table_two(rows, ceiling))
    print(campaign_bench.section(quick))
    print(summary_bench.section(workdir, postgres))  # last: it empties the PostgreSQL database
    print(f"\nTotal benchmark time: {time.perf_counter() - started:.0f} s")
    return 0


def _throughput(database_url: str, slug: str):
    results, size = throughput.measure(database_url, slug, _redis())
    rows = [
        (f"Bare Flask, a constant page of {size:,} bytes (the ceiling)", "ceiling", None),
        ("Policy page, anonymous (page cache in-process)", "anonymous", "anonymous"),
        ("Policy page, anonymous (page cache on Redis)", "anonymous_redis", "anonymous"),
        ("Policy page, signed in (the viewer's own stored copy)", "signed_in", "signed_in"),
        ("Policy page, signed in, rendered each time (a first visit)", "signed_in_rendered", None),
    ]
    table = [
        (label, results[key], TARGETS.get(target)) for label, key, target in rows if key in results
    ]
    return table, results["ceiling"]


def _machine() -> str:
    return (
        f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; gunicorn and the load generator share it."
    )


if __name__ == "__main__":
    sys.exit(main())
