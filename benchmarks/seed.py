"""A benchmark database: the demo data set plus one policy with 5,000 comments.

A fifth of the comments are replies (some two levels deep), endorsements are spread over
them, and they are added with bulk INSERTs so seeding takes seconds, not minutes.
"""

import random
import re
import secrets
from datetime import timedelta

import psycopg
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, insert, select, text, update
from werkzeug.security import generate_password_hash

from engage import create_app
from engage.accounts.models import User
from engage.comments.models import Comment, Endorsement
from engage.demo import load_demo
from engage.demo.people import DEMO_PASSWORD
from engage.extensions import db
from engage.policies.models import Policy
from engage.policies.services import current_period
from engage.sanitize import render_markdown
from engage.types import utcnow

COMMENTS = 5_000
REPLIES = COMMENTS // 5
ENDORSERS = 40
SECRET_KEY = "engage-bench-secret-key"  # noqa: S105 - the benchmark's own throwaway apps
RESIDENT = ("resident@demo.engage", DEMO_PASSWORD)
STANCES = ("support", "oppose", "concerns", "question", "neutral", None)
NEIGHBORHOODS = ("Dorchester", "Roxbury", "East Boston", None, None)
PARAGRAPHS = (
    "Ninety days is far too long to keep footage of people who were never suspected of "
    "anything. Thirty days is what other cities chose, and it has worked for them.",
    "Who audits the access log, and is the audit published? Without that, the *rules* on "
    "access are only words on paper.",
    "I support the cameras **if** officers cannot turn them off during a stop. Please add "
    "that to the prohibited uses.",
    "Sharing with federal agencies should need a warrant every time, not a standing "
    "agreement. Residents deserve to know when it happens.",
)


def sqlalchemy_url(url: str) -> str:
    return re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", url)


def app_for(url: str, **config):
    """The Engage app on `url`, configured for measuring (the page cache off by default)."""
    settings = {
        "SQLALCHEMY_DATABASE_URI": sqlalchemy_url(url),
        "SECRET_KEY": SECRET_KEY,
        "ENGAGE_MAIL_URL": None,
        "RATELIMIT_STORAGE_URI": "memory://",
        "ENGAGE_PAGE_CACHE": False,
    }
    settings.update(config)
    return create_app(settings)


def postgres_ready(url: str) -> str | None:
    """Create the benchmark database if missing; None when it answers, else why not."""
    dbname = url.rsplit("/", 1)[-1].split("?")[0]
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(maintenance, connect_timeout=3, autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,))
            if found.fetchone() is None:
                conn.execute(f'CREATE DATABASE "{dbname}"')
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0]
    return None


def reset_postgres(url: str) -> None:
    """Empty the benchmark database (it is the benchmark's own: ENGAGE_BENCH_DATABASE_URL)."""
    engine = create_engine(sqlalchemy_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def seed(url: str) -> dict:
    """Migrate, load the demo, add the 5,000 comments; returns what the benchmark needs."""
    app = app_for(url)
    with app.app_context():
        upgrade(revision="heads")
        load_demo()
        db.session.commit()
        policy = _busiest_candidate()
        endorsers = _endorsers()
        stats = _comments(policy, endorsers)
        db.session.commit()
        sections = [s.key for s in policy.current_version.sections]
        info = {"slug": policy.slug, "section": sections[1], **stats}
        db.engine.dispose()
    return info


def _busiest_candidate() -> Policy:
    """The first demo policy whose comment period is open now."""
    policies = db.session.scalars(select(Policy).order_by(Policy.id)).all()
    now = utcnow()
    for policy in policies:
        period = current_period(policy)
        if period is not None and period.opens_at <= now < period.closes_at:
            return policy
    raise RuntimeError("the demo data set has no policy open for comment")


def _endorsers() -> list[int]:
    password = generate_password_hash(secrets.token_hex(8), method="pbkdf2:sha256:1000")
    rows = [
        {
            "email": f"endorser{n}@bench.engage",
            "password_hash": password,
            "display_name": f"Endorser {n}",
            "role": "resident",
            "email_confirmed_at": utcnow(),
            "session_token": secrets.token_urlsafe(16),
        }
        for n in range(ENDORSERS)
    ]
    db.session.execute(insert(User), rows)
    return list(db.session.scalars(select(User.id).where(User.email.like("%@bench.engage"))))


_rendered: dict[str, str] = {}


def _html(body: str) -> str:
    if body not in _rendered:
        _rendered[body] = render_markdown(body)
    return _rendered[body]


def _row(n: int, policy: Policy, period, authors: list[int], when, **fields) -> dict:
    rng = random.Random(n)  # noqa: S311 - varied sample text, not security
    body = "\n\n".join(rng.sample(PARAGRAPHS, 2))
    return {
        "tracking_number": f"B-{n:07d}-{secrets.token_hex(3)}",
        "policy_id": policy.id,
        "version_id": period.version_id,
        "period_id": period.id,
        "author_id": authors[n % len(authors)],
        "show_name": n % 4 != 0,
        "neighborhood": NEIGHBORHOODS[n % len(NEIGHBORHOODS)],
        "stance": STANCES[n % len(STANCES)],
        "body_md": body,
        "body_html": _html(body),
        "status": "published",
        "channel": "web",
        "created_at": when,
        "received_at": when,
        **fields,
    }


def _comments(policy: Policy, authors: list[int]) -> dict:
    """COMMENTS comments on `policy`: the rest top-level, REPLIES replies, endorsements."""
    period = current_period(policy)
    keys = [s.key for s in period.version.sections]
    start = max(period.opens_at, utcnow() - timedelta(days=20))
    step = (utcnow() - start) / (COMMENTS + 1)
    roots = [
        _row(n, policy, period, authors, start + step * n, section_key=[*keys, None][n % 4])
        for n in range(COMMENTS - REPLIES)
    ]
    db.session.execute(insert(Comment), roots)
    root_ids = list(
        db.session.scalars(
            select(Comment.id).where(Comment.policy_id == policy.id).order_by(Comment.id)
        )
    )
    replies = _replies(policy, period, authors, root_ids, start, step)
    _endorse(authors, policy)
    return {"comments": COMMENTS, "replies": len(replies), "top_level": len(roots)}


def _replies(policy, period, authors, root_ids, start, step) -> list[dict]:
    """Replies to the first roots: most one level deep, a quarter answering a reply."""
    first_level = REPLIES * 3 // 4
    rows = []
    for n in range(first_level):
        root = root_ids[(n * 7) % len(root_ids)]
        when = start + step * (COMMENTS - REPLIES + n)
        rows.append(
            _row(COMMENTS + n, policy, period, authors, when, parent_id=root, root_id=root, depth=1)
        )
    db.session.execute(insert(Comment), rows)
    children = db.session.execute(
        select(Comment.id, Comment.root_id).where(Comment.depth == 1).order_by(Comment.id)
    ).all()
    deeper = []
    for n in range(REPLIES - first_level):
        parent, root = children[n % len(children)]
        when = start + step * (COMMENTS - REPLIES + first_level + n)
        deeper.append(
            _row(
                2 * COMMENTS + n,
                policy,
                period,
                authors,
                when,
                parent_id=parent,
                root_id=root,
                depth=2,
            )
        )
    db.session.execute(insert(Comment), deeper)
    _count_replies()
    return rows + deeper


def _count_replies() -> None:
    counts = db.session.execute(
        select(Comment.parent_id, func.count())
        .where(Comment.parent_id.is_not(None))
        .group_by(Comment.parent_id)
    ).all()
    db.session.execute(update(Comment), [{"id": parent, "reply_count": n} for parent, n in counts])


def _endorse(endorsers: list[int], policy: Policy) -> None:
    """0-7 endorsements per comment, more on some, from distinct endorsers."""
    ids = list(db.session.scalars(select(Comment.id).where(Comment.policy_id == policy.id)))
    rows, counts = [], []
    for n, comment_id in enumerate(ids):
        how_many = (n * 37) % 8 if n % 11 else min(len(endorsers), 20 + n % 17)
        rows += [{"comment_id": comment_id, "user_id": u} for u in endorsers[:how_many]]
        counts.append({"id": comment_id, "endorsement_count": how_many})
    db.session.execute(insert(Endorsement), rows)
    db.session.execute(update(Comment), counts)
