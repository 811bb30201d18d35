"""`make bench`, the summaries table: build the summary of a period with 100,000 comments.

    python -m benchmarks.summaries      # this table alone

One policy, one comment period, 100,000 comments added with bulk INSERTs: campaigns of many
sizes (the largest 30,000 copies of one letter), individual comments and replies to them,
comments received offline (email, letter, phone, meetings; some without an account),
a dozen languages and every neighborhood, questions the city answered, hidden comments, and
themes tagged on a third of the comments. Then the summary job computes it once
(engage.board.jobs.refresh: every count, themes with quotes, TF-IDF suggestions, questions),
and the time is printed for SQLite and PostgreSQL (ENGAGE_BENCH_DATABASE_URL, which is
EMPTIED). Target: under 10 s for the build on each.
"""

import os
import random
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from html import escape
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import func, insert, select, text

from benchmarks.seed import app_for, postgres_ready, reset_postgres
from engage.accounts.models import User
from engage.board.jobs import refresh
from engage.board.models import CommentTheme, Summary, Theme
from engage.campaigns.models import Campaign
from engage.comments.models import Comment
from engage.extensions import db
from engage.policies import services as catalog
from engage.policies.models import CommentPeriod, Department, Technology
from engage.reference import neighborhoods
from engage.types import utcnow

COMMENTS = 100_000
CAMPAIGN_SIZES = (30_000, 15_000, 8_000, 3_000, 2_000, 1_000, 500, 200, 100, 50, 50, 20, 20, 10)
REPLY_SHARE = 0.25  # of the individual comments
ACCOUNTS = 3_000
TARGET_SECONDS = 10.0
BATCH = 5_000
POSTGRES_URL = "postgresql://root@127.0.0.1:5432/bench"
THEMES = (
    "Retention period",
    "Facial recognition",
    "Data sharing with ICE/federal agencies",
    "Audit and transparency",
    "Warrants for searches",
    "Language access",
    "Cost",
    "Community notice",
)
SENTENCES = (
    "Thirty days is too long to keep plate reads of people suspected of nothing.",
    "Delete reads that match no hot list within 24 hours.",
    "Require a warrant for every search of stored data.",
    "Never share plate data with immigration enforcement or federal agencies.",
    "Publish the quarterly audit results, not only the number of searches.",
    "Facial recognition must stay prohibited on every camera.",
    "The readers helped find my stolen car within a day.",
    "Who can see the data, and is every search logged with a reason?",
    "Post a map of the fixed readers and update it every year.",
    "Translate the summary into Spanish, Haitian Creole and Vietnamese.",
    "How much does the system cost each year, and who pays for it?",
    "Hold a community meeting before any new camera goes up.",
    "I support the policy as written; it balances safety and privacy.",
    "Clinics, churches and union halls should be off limits.",
    "The annual report should name every agency that received data.",
    "Officers need training on the hot list before using the system.",
    "What happens when the system makes a mistake and stops the wrong driver?",
    "Private vendors should never be allowed to sell the data.",
    "Please extend the comment period so more neighbors can take part.",
    "The oversight board should review every exigent use within 30 days.",
)
LETTER = (
    "I urge the Department to strengthen its license plate reader policy.\n\n"
    "- Delete plate reads that match no hot list within 24 hours.\n"
    "- Require a search warrant for every search of stored plate reads.\n"
    "- Never share plate data with agencies outside Massachusetts."
)
STANCES = ("support", "oppose", "concerns", "concerns", "neutral", None, None, "question")
LANGUAGES = ("en",) * 14 + ("es", "es", "zh-Hans", "vi", "ht", "pt-BR", "kea", "ru", None)
OFFLINE = ("email", "letter", "phone", "meeting")
REASONS = ("harassment", "personal_information", "off_topic", "spam")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(workdir: Path, postgres_url: str | None) -> list[dict]:
    """Seed and build on SQLite (in `workdir`) and, when given, on PostgreSQL."""
    rows = [_run("SQLite", f"sqlite:///{workdir / 'summaries.db'}")]
    if postgres_url:
        reset_postgres(postgres_url)
        rows.append(_run("PostgreSQL", postgres_url))
    return rows


def _run(label: str, url: str) -> dict:
    app = app_for(url)
    with app.app_context():
        upgrade(revision="heads")
        started = time.perf_counter()
        info = _seed()
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))
            db.session.commit()
        seeding = time.perf_counter() - started
        summary = db.session.get(Summary, info["summary_id"])
        started, cpu = time.perf_counter(), time.process_time()
        refresh(summary)
        db.session.commit()
        build, cpu = time.perf_counter() - started, time.process_time() - cpu
        data = db.session.get(Summary, info["summary_id"]).data
        if data["counts"]["comments"] != info["published"]:
            raise RuntimeError("the summary did not count every published comment")
        db.engine.dispose()
    say(f"  {label}: seeded in {seeding:.1f} s, summary built in {build:.1f} s")
    return {"database": label, "seeding": seeding, "build": build, "cpu": cpu, **info}


def table(rows: list[dict]) -> str:
    lines = [
        "| Database | Comments (rows) | Published | Campaigns | Theme tags | Seeding "
        f"| Build | Build CPU (this process) | Build < {TARGET_SECONDS:.0f} s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        verdict = "met" if row["build"] < TARGET_SECONDS else "MISSED"
        lines.append(
            f"| {row['database']} | {row['rows']:,} | {row['published']:,} | "
            f"{row['campaigns']} | {row['tags']:,} | {row['seeding']:.1f} s | "
            f"{row['build']:.1f} s | {row['cpu']:.1f} s | {verdict} |"
        )
    return "\n".join(lines)


# Seeding ------------------------------------------------------------------------------------


def _seed() -> dict:
    rng = random.Random(100_000)  # noqa: S311 - varied sample data, not security
    period = _period()
    accounts = _accounts()
    staff = accounts[0]
    campaign_ids = _campaigns(rng, period, accounts)
    individual = COMMENTS - sum(CAMPAIGN_SIZES)
    top_level = int(individual * (1 - REPLY_SHARE))
    _individual(rng, period, accounts, 0, top_level, parents=None)
    roots = list(
        db.session.scalars(
            select(Comment.id).where(Comment.period_id == period.id, Comment.campaign_id.is_(None))
        )
    )
    _individual(rng, period, accounts, top_level, individual - top_level, parents=roots)
    _official_answers(rng, period, staff)
    tags = _themes(rng, period, campaign_ids)
    summary = Summary(policy_id=period.version.policy_id, period_id=period.id)
    db.session.add(summary)
    db.session.flush()
    counted = (
        select(func.count())
        .select_from(Comment)
        .where(Comment.status == "published", Comment.is_official_response.is_(False))
    )
    return {
        "summary_id": summary.id,
        "rows": db.session.scalar(select(func.count()).select_from(Comment)),
        "published": db.session.scalar(counted),
        "campaigns": len(campaign_ids),
        "tags": tags,
    }


def _period() -> CommentPeriod:
    department = Department(code="BPD", name="Police Department")
    technology = Technology(
        slug="plate-readers",
        name="License plate readers",
        category="vehicles",
        department=department,
    )
    db.session.add_all([department, technology])
    db.session.flush()
    policy = catalog.save_policy(
        None,
        catalog.PolicyData("License plate readers", department.id, technology.id, "Readers."),
    )
    sections = {"data_retention": "Kept 30 days.", "third_party_sharing": "Not shared."}
    catalog.publish_version(None, policy, catalog.VersionData(1, "", sections), tuple(sections))
    now = utcnow()
    period = CommentPeriod(
        version=policy.current_version,
        opens_at=now - timedelta(days=40),
        closes_at=now + timedelta(days=5),
        original_closes_at=now + timedelta(days=5),
    )
    db.session.add(period)
    db.session.flush()
    return period


def _accounts() -> list[int]:
    now = utcnow()
    rows = [
        {
            "email": f"voice{n}@summaries.bench",
            "password_hash": "!",  # nobody signs in
            "display_name": f"Resident {n}",
            "role": "staff" if n == 0 else "resident",
            "email_confirmed_at": now,
            "session_token": f"bench-{n}",
        }
        for n in range(ACCOUNTS)
    ]
    db.session.execute(insert(User), rows)
    return list(db.session.scalars(select(User.id).order_by(User.id)))


def _html(body: str) -> str:
    """Our own plain sentences: paragraphs escaped by hand (the sanitizer is not measured)."""
    return "".join(f"<p>{escape(part)}</p>" for part in body.split("\n\n"))


def _row(rng: random.Random, period: CommentPeriod, n: int, body: str, **fields) -> dict:
    when = period.opens_at + timedelta(minutes=rng.randint(0, 40 * 24 * 60))
    places = neighborhoods()
    row = {
        "tracking_number": f"S-{n:07d}",
        "policy_id": period.version.policy_id,
        "version_id": period.version_id,
        "period_id": period.id,
        "body_md": body,
        "body_html": _html(body),
        "status": "published",
        "channel": "web",
        "language": rng.choice(LANGUAGES),
        "neighborhood": rng.choice(places) if rng.random() < 0.7 else None,
        "stance": rng.choice(STANCES),
        "section_key": rng.choice(("data_retention", "third_party_sharing", None, None)),
        "endorsement_count": rng.randint(0, 12),
        "created_at": when,
        "received_at": when,
    }
    row.update(fields)
    return row


def _insert(rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(Comment), rows[start : start + BATCH])


def _campaigns(rng: random.Random, period: CommentPeriod, accounts: list[int]) -> list[int]:
    ids, n = [], 10_000_000
    for size in CAMPAIGN_SIZES:
        campaign = Campaign(policy_id=period.version.policy_id, size=size)
        db.session.add(campaign)
        db.session.flush()
        rows = []
        for copy in range(size):
            body = f"{LETTER}\n\nSigned, resident {copy % 977}"
            rows.append(
                _row(
                    rng,
                    period,
                    n,
                    body,
                    campaign_id=campaign.id,
                    author_id=rng.choice(accounts),
                    stance="oppose",
                    section_key=None,
                    endorsement_count=0,
                )
            )
            n += 1
        _insert(rows)
        campaign.representative_comment_id = db.session.scalar(
            select(func.min(Comment.id)).where(Comment.campaign_id == campaign.id)
        )
        ids.append(campaign.id)
    db.session.flush()
    return ids


def _individual(rng, period, accounts, first: int, count: int, parents) -> None:
    rows = []
    for n in range(first, first + count):
        body = "\n\n".join(rng.sample(SENTENCES, rng.randint(1, 4)))
        fields = _who(rng, accounts) | _moderation(rng)
        if parents:
            parent = rng.choice(parents)
            fields |= {"parent_id": parent, "root_id": parent, "depth": 1, "stance": None}
        rows.append(_row(rng, period, n, body, **fields))
    _insert(rows)


def _who(rng: random.Random, accounts: list[int]) -> dict:
    """Most comments come from accounts; one in twelve was received offline."""
    if rng.random() < 1 / 12:
        name = rng.choice((None, "Maria Santos", "J. Nguyen", "Rosa Pierre"))
        return {"channel": rng.choice(OFFLINE), "author_id": None, "author_name": name}
    return {"author_id": rng.choice(accounts)}


def _moderation(rng: random.Random) -> dict:
    roll = rng.random()
    if roll < 0.01:
        reason = rng.choice(REASONS)
        return {"status": "spam" if reason == "spam" else "hidden", "moderation_reason": reason}
    if roll < 0.015:
        return {"status": rng.choice(("held", "withdrawn"))}
    return {}


def _official_answers(rng: random.Random, period: CommentPeriod, staff: int) -> None:
    """The city answers one question in three."""
    questions = list(
        db.session.scalars(
            select(Comment.id).where(
                Comment.period_id == period.id,
                Comment.stance == "question",
                Comment.campaign_id.is_(None),
                Comment.parent_id.is_(None),
            )
        )
    )
    rows = [
        _row(
            rng,
            period,
            20_000_000 + n,
            "Thank you for the question. Here is the answer.",
            author_id=staff,
            parent_id=q,
            root_id=q,
            depth=1,
            is_official_response=True,
            stance=None,
            language="en",
        )
        for n, q in enumerate(questions[::3])
    ]
    _insert(rows)


def _themes(rng: random.Random, period: CommentPeriod, campaign_ids: list[int]) -> int:
    policy_id = period.version.policy_id
    themes = [Theme(policy_id=policy_id, name=name) for name in THEMES]
    db.session.add_all(themes)
    db.session.flush()
    individual = db.session.scalars(
        select(Comment.id).where(Comment.period_id == period.id, Comment.campaign_id.is_(None))
    ).all()
    rows = [
        {"comment_id": comment_id, "theme_id": theme.id}
        for comment_id in individual
        if rng.random() < 0.35
        for theme in rng.sample(themes, rng.randint(1, 2))
    ]
    for campaign_id, theme in zip(campaign_ids[:3], themes[:3], strict=True):
        copies = db.session.scalars(select(Comment.id).where(Comment.campaign_id == campaign_id))
        rows += [{"comment_id": comment_id, "theme_id": theme.id} for comment_id in copies]
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(CommentTheme), rows[start : start + BATCH])
    return len(rows)


def section(workdir: Path, postgres_url: str | None) -> str:
    """Run the measurements and return this table's section of the report (markdown)."""
    say(f"Summaries: seeding {COMMENTS:,} comments in one period, then building its summary ...")
    rows = measure(workdir, postgres_url)
    load = os.getloadavg()[0]
    return "\n".join(
        [
            f"\n### Summaries: building one period of {COMMENTS:,} comments\n",
            table(rows),
            f"\nLoad average {load:.1f} on {os.cpu_count()} CPUs when the table was made. The "
            "build's CPU time in this process (on SQLite: the database's work too) is close to "
            "what it takes on an idle machine; PostgreSQL's own work is not in it.",
        ]
    )


def main() -> int:
    url = os.environ.get("ENGAGE_BENCH_DATABASE_URL", POSTGRES_URL)
    problem = postgres_ready(url)
    if problem:
        say(f"  PostgreSQL skipped: {url} does not answer ({problem})")
    workdir = Path(tempfile.mkdtemp(prefix="engage-summaries-"))
    try:
        print(section(workdir, None if problem else url))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
