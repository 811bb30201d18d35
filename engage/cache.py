"""Policy pages served from a cache of rendered pages, invalidated on every change.

- What: the page an anonymous visitor with nothing personal in their session gets at
  /policies/<slug>, shared by all of them. A signed-in viewer gets a copy of their own
  (engage/cache_viewers.py). Flashed messages, a comment draft kept through sign-in,
  anything else in the session: rendered every time, `Cache-Control: private, no-store`.
  Only 200 pages rendered without touching the session are stored.
- Per-visitor parts: the page carries the visitor's CSRF token and the comment form's
  idempotency token. The stored page has placeholders instead, filled in on each response, so
  one visitor's tokens are never served to another.
- Key: the slug, the language the request is served in (engage.i18n.select_language) and
  the thread's query arguments (sort, stance, section, page, comment_on, lang) in a stable
  order. A stored page carries the generations "all" and "policy:<slug>" it was rendered
  under, and is served only while they are current.
- Invalidation: the domain signals mark the policy's generation in the session that made the
  change; it is replaced by a fresh token after that session COMMITS (see
  _after_transaction_end).
  Changes no domain signal announces but that policy pages show (a policy, department or
  technology saved, a person renaming or deleting their account, listening sessions and
  their sign-ups) replace "all".
- Time: "N days left", the period's state and the comment form change at known moments (a
  period opening, closing, each day boundary before its deadline), and so do the listening
  sessions listed (starting, ending, their sign-up deadlines): a page is stored only until
  the next such moment (and at most ENGAGE_PAGE_CACHE_TTL seconds, a safety net).
- Fragments: what every visitor sees alike, signed in or not (the thread's list and counts,
  engage/comments/fragments.py), is kept under the same generations (fragment_get/put).
- HTTP: anonymous pages get a weak ETag and `Cache-Control: no-cache` (revalidate each time);
  If-None-Match answers 304.
"""

import hashlib
import logging
from contextlib import contextmanager
from itertools import chain
from urllib.parse import urlencode

from flask import (
    current_app,
    g,
    has_app_context,
    make_response,
    request,
    session,
    template_rendered,
)
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from engage import cache_viewers, signals
from engage.accounts.models import User
from engage.cache_backends import Entry, make_backend
from engage.cache_moments import fresh_for
from engage.comments.forms import new_token
from engage.extensions import db
from engage.i18n import select_language
from engage.policies.models import CommentPeriod, Policy

log = logging.getLogger(__name__)

EXTENSION = "engage.page_cache"
PENDING = "engage.page_cache.pending"  # Session.info key: generations to replace on commit
EVERYTHING = "all"
DEFAULT_TTL = 300
# Stand-ins for the per-visitor tokens in a stored page (letters, digits and dashes only, so
# HTML escaping leaves them as they are).
CSRF_PLACEHOLDER = "engage-csrf-placeholder-7f3c9a"
TOKEN_PLACEHOLDER = "engage-form-token-placeholder-2b8e4d"  # noqa: S105 - not a secret
THREAD_ARGS = frozenset({"sort", "stance", "section", "page", "comment_on", "lang", "text"})
# What an anonymous session may hold and still get the shared page.
SHAREABLE_SESSION_KEYS = frozenset({"csrf_token", "_permanent", "_fresh", "_id"})
# Tables whose rows policy pages show, changed without a domain signal: a change to any of
# them replaces the generation of every page.
EVERY_PAGE_TABLES = frozenset(
    {
        "departments",
        "technologies",
        "organizations",
        "events",
        "registrations",
        "session_reports",
        "session_findings",
        "session_quotes",
        "guideline_versions",  # hidden comments' placeholders name the guideline
    }
)
# Signals after which one policy's page shows something else.
POLICY_SIGNALS = (
    signals.comment_posted,
    signals.comment_changed,
    signals.comment_endorsed,
    signals.version_published,
    signals.period_opened,
    signals.period_extended,
    signals.period_closed,
    signals.translation_saved,
)


def backend():
    """This app's cache backend: Redis when ENGAGE_REDIS_URL is set, else in-process."""
    app = current_app._get_current_object()
    found = app.extensions.get(EXTENSION)
    if found is None:
        found = app.extensions.setdefault(EXTENSION, make_backend(app.config))
    return found


def policy_generation(slug: str) -> str:
    return f"policy:{slug}"


# Serving -------------------------------------------------------------------------------------


def serve(slug: str, render):
    """The response for /policies/<slug>; `render()` returns (html, policy), called on a miss."""
    if not current_app.config.get("ENGAGE_PAGE_CACHE", True):
        return personal(render()[0])
    if cache_viewers.applies() and current_app.config.get("ENGAGE_VIEWER_CACHE", True):
        return cache_viewers.serve(slug, render)
    if not set(session.keys()) <= SHAREABLE_SESSION_KEYS:  # a draft, a message ...
        _fragment_generations(slug)  # before the signed-in visitor is loaded (a query)
        return personal(render()[0])
    if not _shareable_visitor():  # signed in by a remember-me cookie just now: no fragments
        return personal(render()[0])
    store = backend()
    key, storable = page_key(slug)
    try:
        # The generations are read before the page's first query: see _after_transaction_end.
        generations, entry = store.lookup([EVERYTHING, policy_generation(slug)], key)
    except store.errors:
        log.exception("page cache unavailable; rendering %s without it", slug)
        return personal(render()[0])
    g.engage_fragment_generations = (slug, tuple(generations))
    if entry is None or entry.generations != tuple(generations):
        before = dict(session)
        html, policy = render_shareable(render)
        entry = Entry.of(html, generations)
        if dict(session) != before:  # the page wrote something personal: keep it to them
            return personal(filled(entry))
        ttl = min(current_app.config.get("ENGAGE_PAGE_CACHE_TTL", DEFAULT_TTL), fresh_for(policy))
        if storable and ttl >= 1:
            quietly(store.put, key, entry, ttl)
    return _shared(entry)


# Fragments: parts of the page shared by every visitor, signed in or not -----------------------


def _fragment_generations(slug: str) -> None:
    """Read the policy's generations for fragment_get/put, BEFORE the request's first query
    (loading the signed-in visitor): see _after_transaction_end. Anonymous pages use those
    serve() reads. When the backend does not answer, the page goes without fragments."""
    store = backend()
    try:
        generations = store.generations([EVERYTHING, policy_generation(slug)])
    except store.errors:
        log.exception("page cache unavailable; rendering %s without fragments", slug)
        return
    g.engage_fragment_generations = (slug, tuple(generations))


def _fragment_key(key: str) -> str:
    return "fragment:" + hashlib.sha256(key.encode()).hexdigest()[:40]


def fragment_get(slug: str, key: str) -> str | None:
    """The fragment stored under `key` for the policy, if rendered under its current
    generations (read by serve() before the request's first query); None otherwise."""
    read = g.get("engage_fragment_generations")
    if read is None or read[0] != slug:
        return None
    try:
        entry = backend().fragments.get(_fragment_key(key))
    except backend().errors:
        log.exception("page cache: fragment lookup failed")
        return None
    return entry.body if entry is not None and entry.generations == read[1] else None


def fragment_put(slug: str, key: str, body: str) -> None:
    """Keep a fragment rendered under the generations serve() read (if it read any)."""
    read = g.get("engage_fragment_generations")
    if read is None or read[0] != slug:
        return
    ttl = current_app.config.get("ENGAGE_PAGE_CACHE_TTL", DEFAULT_TTL)
    quietly(backend().fragments.put, _fragment_key(key), Entry.of(body, read[1]), ttl)


def _shareable_visitor() -> bool:
    """Anonymous, with nothing in the session that would show on the page."""
    if current_user.is_authenticated:
        return False
    return set(session.keys()) <= SHAREABLE_SESSION_KEYS


def page_key(slug: str) -> tuple[str, bool]:
    """The page's cache key, and whether a page rendered for this URL may be stored.

    Other query arguments (e.g. utm_*) do not change what the page shows, so such a request is
    served the page stored for the same URL without them; but the page rendered for it echoes
    the URL (the sign-in link's `next`), so it is not stored.
    """
    arguments = list(request.args.items(multi=True))
    kept = sorted((pair for pair in arguments if pair[0] in THREAD_ARGS), key=lambda p: p[0])
    parts = (slug, select_language(), urlencode(kept))
    key = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return key, len(kept) == len(arguments)


@contextmanager
def _form_tokens():
    """Collect the idempotency token of the comment form the page renders."""
    tokens: list[str] = []

    def seen(_sender, template, context, **_extra):
        form = getattr(context.get("thread"), "form", None)
        token = getattr(getattr(form, "token", None), "data", None)
        if token:
            tokens.append(token)

    with template_rendered.connected_to(seen, current_app._get_current_object()):
        yield tokens


def render_shareable(render) -> tuple[str, object]:
    """Render with placeholders for the visitor's tokens (the session is left untouched)."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    setattr(g, field, CSRF_PLACEHOLDER)  # generate_csrf() returns what g holds
    try:
        with _form_tokens() as tokens:
            html, policy = render()
    finally:
        g.pop(field, None)
    for token in tokens:
        html = html.replace(token, TOKEN_PLACEHOLDER)
    return html, policy


def filled(entry: Entry) -> str:
    return entry.body.replace(CSRF_PLACEHOLDER, generate_csrf()).replace(
        TOKEN_PLACEHOLDER, new_token()
    )


def _shared(entry: Entry):
    response = make_response(filled(entry))
    # The visitor's page differs from the stored one only by their tokens: a weak validator
    # of the stored page and their session's CSRF secret (a 304 keeps a form they can post).
    raw = str(session.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), ""))
    response.set_etag(hashlib.sha256(f"{entry.digest}:{raw}".encode()).hexdigest()[:32], True)
    response.headers["Cache-Control"] = "no-cache"
    response.vary.update(("Cookie", "Accept-Language"))
    return response.make_conditional(request)


def personal(html: str):
    response = make_response(html)
    response.headers["Cache-Control"] = "private, no-store"
    response.vary.update(("Cookie", "Accept-Language"))
    return response


def quietly(action, *args) -> None:
    try:
        action(*args)
    except backend().errors:
        log.exception("page cache: %s failed", getattr(action, "__name__", action))


# Invalidation --------------------------------------------------------------------------------


def mark(session_: Session, *names: str) -> None:
    """Replace these generations once `session_`'s transaction commits."""
    session_.info.setdefault(PENDING, set()).update(names)


def bump(*names: str) -> None:
    """Replace these generations now (every page stored under them is a miss from now on)."""
    quietly(backend().bump, sorted(names))


def _current_session() -> Session:
    return db.session()


def _owning_policy(obj):
    if isinstance(obj, CommentPeriod):
        obj = obj.version
    return obj if isinstance(obj, Policy) else getattr(obj, "policy", None)


def _policy_page_changed(sender, **_extra) -> None:
    policy = _owning_policy(sender)
    if policy is not None:
        mark(_current_session(), policy_generation(policy.slug))


def _every_page_changed(_sender, **_extra) -> None:
    # A policy saved may have a new slug (its old address must stop answering) or status.
    mark(_current_session(), EVERYTHING)


def _after_transaction_end(session_: Session, transaction) -> None:
    """Once the session's whole transaction has ended, replace the generations it touched.

    Why only then, after the COMMIT, and not when the change happens: a reader that renders
    between the change and the commit still sees the old data. Had the generation been
    replaced before the commit, that reader would store the old page under the NEW generation,
    and it would be served until its TTL ran out. Replaced after the commit, the generation a
    reader reads before its first query (serve() does) is either the old one (its page, old or
    new, is stored with a generation that is no longer current, so it is never served) or the
    new one (its queries start after the commit, so they see the change).

    Savepoints (begin_nested) are skipped: SQLAlchemy calls after_commit when one is released,
    but nothing is visible to other connections until the whole transaction commits.

    A transaction that ended without committing (rolled back, closed) bumps too: the data did
    not change, but a page rendered from it while it was uncommitted (a reader on the same
    connection, as in the test harness, or under READ UNCOMMITTED) must not outlive it; the
    price is one miss.
    """
    if transaction.parent is None:  # the session's whole transaction, not a savepoint
        _bump_pending(session_)


def _bump_pending(session_: Session) -> None:
    names = session_.info.pop(PENDING, None)
    if not names:
        return
    if not has_app_context():
        log.error("page cache: %s changed outside an app context; not invalidated", names)
        return
    bump(*names)


def _renamed(obj) -> bool:
    """A person whose public name changed (comments show it), or who deleted their account."""
    if not isinstance(obj, User):
        return False
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in ("display_name", "deleted_at"))


def _before_flush(session_: Session, _context, _instances) -> None:
    """Changes that no domain signal announces but that show on policy pages."""
    changed = list(chain(session_.new, session_.dirty, session_.deleted))
    if any(getattr(obj, "__tablename__", None) in EVERY_PAGE_TABLES for obj in changed) or any(
        _renamed(obj) for obj in session_.dirty
    ):
        mark(session_, EVERYTHING)
    owners = {_owner(obj) for obj in changed} - {None}
    mark(session_, *(cache_viewers.viewer_generation(owner) for owner in owners))


def _owner(obj) -> int | None:
    """The account a changed row belongs to (their follow, flag, sign-up, comment ...): their
    own pages show it."""
    if isinstance(obj, User):
        return obj.id
    owner = getattr(obj, "user_id", None) or getattr(obj, "author_id", None)
    return owner if isinstance(owner, int) else None


def connect() -> None:
    """Listen to the domain signals and to the session's commits (once per process)."""
    for signal in POLICY_SIGNALS:
        signal.connect(_policy_page_changed)
    signals.policy_changed.connect(_every_page_changed)
    for name, listener in (
        ("after_transaction_end", _after_transaction_end),
        ("before_flush", _before_flush),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
