"""Campaign grouping at scale: 100,000 synthetic comments, grouped in one pass.

    python -m benchmarks.campaigns            # the full run (100,000 comments)
    python -m benchmarks.campaigns --quick    # 20,000 comments, to try things out

The comments are form-letter campaigns of 2 to 20,000 copies (each copy edited the ways people
edit form letters) mixed with letters of their own, some sharing boilerplate, and short
comments. They are grouped in batch mode: the same fingerprints (shingles, MinHash, LSH bands)
and the same grouping rule as the database path (engage/campaigns/grouping.py), with the index
held in memory instead of in campaign_signatures / campaign_band_keys.
"""

import argparse
import multiprocessing
import os
import platform
import resource
import subprocess
import sys
import time

from benchmarks.campaign_synthetic import corpus, labels_of, pair_score
from engage.campaigns import fingerprints
from engage.campaigns.grouping import MemoryIndex

TOTAL = 100_000
# Campaign sizes: one of 20,000 down to a thousand of 2 (54,000 comments in 1,780 campaigns).
SIZES = (
    [20_000, 10_000, 5_000, 2_000, 1_000]
    + [500] * 4
    + [200] * 10
    + [100] * 20
    + [50] * 40
    + [20] * 100
    + [10] * 200
    + [5] * 400
    + [2] * 1_000
)
QUICK_SIZES = [5_000, 2_000, 1_000, 500, *[100] * 10, *[20] * 50, *[5] * 100, *[2] * 200]
CHUNK = 2_000  # texts fingerprinted together
LIMITS = {"seconds": 60.0, "memory_mb": 2048.0}


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _peak_mb() -> float:
    """This process's peak resident memory plus its largest child's (the fingerprint worker)."""
    unit = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + child) / unit


def _chunks(texts: list[str]):
    for start in range(0, len(texts), CHUNK):
        yield texts[start : start + CHUNK]


def group(texts: list[str]) -> tuple[list[list[int]], float]:
    """Group `texts` in order; the groups and the seconds it took.

    A second process fingerprints the next chunk of texts while this one groups the last.
    """
    started = time.perf_counter()
    index = MemoryIndex()
    with multiprocessing.get_context("fork").Pool(1) as pool:
        prints = pool.imap(fingerprints.fingerprints, _chunks(texts))
        for start, chunk in zip(range(0, len(texts), CHUNK), prints, strict=True):
            for offset, fingerprint in enumerate(chunk):
                index.add(start + offset, fingerprint)
    return index.groups(), time.perf_counter() - started


def run(sizes: list[int], total: int) -> dict:
    tick = time.perf_counter()
    short = total // 20
    data = corpus(sizes, unique=total - sum(sizes) - short - 6, short=short, seed=2026)
    say(f"  {len(data.texts):,} comments generated in {time.perf_counter() - tick:.1f} s")
    cpu = _cpu_seconds()
    groups, seconds = group(data.texts)
    score = pair_score(labels_of(groups, len(data.texts)), data.truth)
    return {
        "comments": len(data.texts),
        "campaigns": len(set(data.truth) - {None}),
        "found": len(groups),
        "seconds": seconds,
        "cpu": _cpu_seconds() - cpu,
        "memory_mb": _peak_mb(),
        "score": score,
    }


def _cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def table(result: dict) -> str:
    score = result["score"]
    time_ok = result["seconds"] < LIMITS["seconds"]
    memory_ok = result["memory_mb"] < LIMITS["memory_mb"]
    return "\n".join(
        [
            "| Comments | Campaigns (found) | Time | CPU time (2 processes) | Peak memory "
            "| Pair precision | Pair recall | Targets |",
            "|---:|---:|---:|---:|---:|---:|---:|---|",
            f"| {result['comments']:,} | {result['campaigns']:,} ({result['found']:,}) "
            f"| {result['seconds']:.1f} s | {result['cpu']:.1f} s "
            f"| {result['memory_mb']:,.0f} MB | {score.precision:.4f} | {score.recall:.4f} "
            f"| < 60 s: {'met' if time_ok else 'MISSED'}; "
            f"< 2 GB: {'met' if memory_ok else 'MISSED'} |",
        ]
    )


CAPTION = (
    "Grouped in batch mode, one pass in arrival order: the database path's fingerprints "
    "(word 3-shingles, 128-value MinHash, 32 LSH bands of 4) and grouping rule (estimated "
    f"Jaccard ≥ {fingerprints.THRESHOLD}, ≥ {fingerprints.MIN_SHARED} shared shingles), "
    "with the index in memory rather than in the database; a second process fingerprints "
    "the next 2,000 comments while the first groups. Time: wall clock, generating the "
    "comments excluded; CPU time: both processes'. Peak memory: both processes, the "
    "generated texts included. "
    "Pairs: every two comments of one campaign."
)


def section(quick: bool = False) -> str:
    """Run the benchmark in a process of its own (so that its peak memory is its own) and
    return its section of the report (markdown)."""
    command = [sys.executable, "-m", "benchmarks.campaigns", *(["--quick"] if quick else [])]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)  # noqa: S603
    return done.stdout.rstrip("\n")


def _load_note(result: dict) -> str:
    """Say so when other work on the machine slowed the run down."""
    share = result["cpu"] / result["seconds"] if result["seconds"] else 1.0
    if share >= 0.9:
        return ""
    return (
        f"\nThe run had {share:.0%} of one CPU on average (load average "
        f"{os.getloadavg()[0]:.1f} at the end on {os.cpu_count()} CPUs): other work slowed it."
    )


def _measured_section(quick: bool) -> str:
    sizes, total = (QUICK_SIZES, 20_000) if quick else (SIZES, TOTAL)
    say(f"Campaign grouping: generating {total:,} synthetic comments ...")
    result = run(sizes, total)
    return "\n".join(
        [
            f"\n### Campaign grouping — {result['comments']:,} comments\n",
            CAPTION + "\n",
            table(result),
            _load_note(result),
            f"\nMachine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}.",
        ]
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="20,000 comments")
    print(_measured_section(parser.parse_args(argv).quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
