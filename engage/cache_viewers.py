"""Signed-in policy pages, kept per viewer under the policy's generations and the viewer's own.

A signed-in page shows the viewer's name, their follow, their endorsements and flags, the
edit and withdraw buttons of their own comments, their sign-ups and whether they may post.
So it is stored for that viewer only (the key holds their id and the account fields the page
shows) and served only while three generations are current: "all", "policy:<slug>" (read
before the request's first query, as for anonymous pages) and "user:<id>", replaced after any
commit that changed a row of theirs (see engage.cache._before_flush). The viewer's generation
is read after loading the account, which is safe because the account's own fields are in the
key, and every other row the page shows of theirs is read after it.

Time: besides the moments every page has (engage.cache.fresh_for), their page changes when the
edit window of one of their comments on it closes, and when a suspension of theirs ends.
Responses stay `private, no-store`: nothing personal goes to a shared cache.
"""

import hashlib
import math
from datetime import datetime

from flask import current_app, g, session
from flask_login import current_user
from sqlalchemy import func, select

from engage import cache
from engage.cache_backends import Entry
from engage.extensions import db
from engage.types import utcnow

# What a signed-in session may hold and still be served its stored page.
# (engage.cache.SHAREABLE_SESSION_KEYS and the account's id; cache imports this module.)
SIGNED_IN_SESSION_KEYS = frozenset({"csrf_token", "_permanent", "_fresh", "_id", "_user_id"})
# The account fields a policy page shows or decides by (name, role, confirmation, language ...).
VIEWER_FIELDS = (
    "id",
    "role",
    "display_name",
    "department_id",
    "neighborhood",
    "preferred_language",
    "email_confirmed_at",
    "disabled_at",
    "deleted_at",
)


def viewer_generation(user_id: int) -> str:
    return f"user:{user_id}"


def applies() -> bool:
    """A signed-in session with nothing else in it (no draft, no message to show)."""
    keys = set(session.keys())
    return "_user_id" in keys and keys <= SIGNED_IN_SESSION_KEYS


def serve(slug: str, render):
    """The signed-in viewer's page for /policies/<slug>, from their stored copy when current."""
    store = cache.backend()
    try:  # before the first query, like anonymous pages: see cache._after_transaction_end
        shared = store.generations([cache.EVERYTHING, cache.policy_generation(slug)])
    except store.errors:
        cache.log.exception("page cache unavailable; rendering %s without it", slug)
        return cache.personal(render()[0])
    g.engage_fragment_generations = (slug, tuple(shared))
    if not current_user.is_authenticated:  # a stale session: render for the visitor as is
        return cache.personal(render()[0])
    key, storable = _key(slug, current_user)
    try:
        # Generations live in the main store; the viewers' pages in a space of their own.
        (own,) = store.generations([viewer_generation(current_user.id)])
        entry = store.viewers.get(key)
    except store.errors:
        cache.log.exception("page cache: viewer lookup failed")
        return cache.personal(render()[0])
    generations = (*shared, own)
    if entry is None or entry.generations != generations:
        entry, kept = _render(render, generations, current_user)
        if kept and storable:
            cache.quietly(store.viewers.put, key, entry, kept)
    return cache.personal(cache.filled(entry))


def _render(render, generations, user) -> tuple[Entry, float]:
    """Render with token placeholders; returns the entry and how long it may be kept (0: not)."""
    before = dict(session)
    html, policy = cache.render_shareable(render)
    entry = Entry.of(html, generations)
    if dict(session) != before:
        return entry, 0
    ttl = min(
        current_app.config.get("ENGAGE_PAGE_CACHE_TTL", cache.DEFAULT_TTL),
        cache.fresh_for(policy),
        viewer_fresh_for(policy, user),
    )
    return entry, ttl if ttl >= 1 else 0


def _key(slug: str, user) -> tuple[str, bool]:
    page_key, storable = cache.page_key(slug)
    account = "\x1f".join(str(getattr(user, name, "")) for name in VIEWER_FIELDS)
    digest = hashlib.sha256(f"{page_key}\x1e{account}".encode()).hexdigest()[:40]
    return "viewer:" + digest, storable


def viewer_fresh_for(policy, user, now: datetime | None = None) -> float:
    """Seconds until the viewer's page changes by itself: an edit window of one of their
    comments on the policy closes, or a suspension of theirs ends. math.inf when neither."""
    from engage.comments.services import EDIT_WINDOW

    now = now or utcnow()
    moments = [_first_moment(_earliest_editable(policy, user, now - EDIT_WINDOW), EDIT_WINDOW)]
    moments.append(_suspension_end(user, now))
    ahead = [(moment - now).total_seconds() for moment in moments if moment and moment > now]
    return min(ahead, default=math.inf)


def _first_moment(created_at, window):
    return created_at + window if created_at is not None else None


def _earliest_editable(policy, user, since: datetime):
    comments = db.metadata.tables["comments"]
    return db.session.scalar(
        select(func.min(comments.c.created_at)).where(
            comments.c.policy_id == policy.id,
            comments.c.author_id == user.id,
            comments.c.created_at > since,
        )
    )


def _suspension_end(user, now: datetime):
    suspensions = db.metadata.tables.get("suspensions")
    if suspensions is None:
        return None
    return db.session.scalar(
        select(func.min(suspensions.c.ends_at)).where(
            suspensions.c.user_id == user.id,
            suspensions.c.lifted_at.is_(None),
            suspensions.c.ends_at > now,
        )
    )
