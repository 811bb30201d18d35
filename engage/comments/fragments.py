"""The policy page's list of conversations: rendered once, shared by every visitor.

The list (comments/_thread_list.html: the conversations of one page, the summary, the
pagination) shows the same thing to everyone, except each comment's actions (endorse, reply,
edit, withdraw, flag: they depend on who looks, and carry their CSRF token). So it is rendered
with a marker where each comment's actions go, kept in the page cache's backend under the
policy's generations (engage/cache.py: it is stale after every change that makes the
anonymous page stale), and each visitor's actions are filled in per request with the
`actions` macro of comments/_actions.html, from the few facts about each comment they need.
"""

import json
import re
from datetime import datetime
from types import SimpleNamespace

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from engage import cache
from engage.comments import queries
from engage.comments.action_views import comment_link
from engage.comments.models import CommentStatus
from engage.comments.services.posting import can_still_edit
from engage.i18n import select_language
from engage.permissions import can

MARKER = re.compile(r"<!--engage-actions:(\d+)-->")


class Listing:
    """A rendered list with markers, and what each marked comment's actions need."""

    def __init__(self, html: str, comments: dict[int, dict]):
        self.html, self.comments = html, comments

    def dumps(self) -> str:
        return json.dumps(self.comments, separators=(",", ":")) + "\n" + self.html

    @classmethod
    def loads(cls, body: str) -> "Listing":
        facts, html = body.split("\n", 1)
        return cls(html, {int(k): v for k, v in json.loads(facts).items()})

    @property
    def ids(self) -> list[int]:
        return list(self.comments)


def _facts(comment) -> dict:
    return {
        "status": str(comment.status),
        "endorsement_count": comment.endorsement_count,
        "author_id": comment.author_id,
        "created_at": comment.created_at.isoformat(),
    }


def _render(policy, view, number: int) -> Listing:
    view.page = queries.thread_page(policy, view.filters, number)
    view.action_markers = True
    html = render_template("comments/_thread_list.html", policy=policy, thread=view)
    shown = [c for node in view.page.threads for c in queries.thread_comments(node)]
    marked = {int(i) for i in MARKER.findall(html)}
    return Listing(html, {c.id: _facts(c) for c in shown if c.id in marked})


def _key(policy, view, number: int) -> str:
    filters = view.filters
    parts = (policy.slug, select_language(), filters.sort, filters.stance, filters.section)
    return "\x1f".join((*parts, str(number), str(view.accepting)))


def listing(policy, view, number: int) -> Listing:
    """The shared list for this page of the thread: from the cache, or rendered (and kept)."""
    key = _key(policy, view, number)
    found = cache.fragment_get(policy.slug, key)
    if found is not None:
        return Listing.loads(found)
    made = _render(policy, view, number)
    cache.fragment_put(policy.slug, key, made.dumps())
    return made


def counts(policy) -> queries.ThreadCounts:
    """The thread's counts (a count over every comment of the policy), kept like the list."""
    key = f"counts\x1f{policy.slug}"
    found = cache.fragment_get(policy.slug, key)
    if found is not None:
        total, by_section, hidden = json.loads(found)
        return queries.ThreadCounts(total, by_section, hidden)
    made = queries.thread_counts(policy)
    cache.fragment_put(policy.slug, key, json.dumps([made.total, made.by_section, made.hidden]))
    return made


def _stub(comment_id: int, facts: dict) -> SimpleNamespace:
    """What comments/_actions.html reads of a comment (the permission rules read author_id)."""
    created = datetime.fromisoformat(facts["created_at"])
    status = CommentStatus(facts["status"])
    return SimpleNamespace(id=comment_id, **{**facts, "created_at": created, "status": status})


SAMPLE_ID = 987654321  # stands for the comment id in URLs built once per request
ROUTES = {
    "unendorse": "comment_actions.unendorse",
    "endorse": "comment_actions.endorse",
    "edit": "comment_actions.edit",
    "withdraw": "comment_actions.withdraw",
    "flag": "comment_actions.flag",
}


class Actions:
    """comments/_actions.html for many comments and one visitor, in Python: its strings,
    URLs and CSRF token are worked out once per request instead of once per comment.
    tests/comments/test_fragment_cache.py checks it gives what the template gives."""

    def __init__(self, view):
        self.view = view
        self.user = current_user._get_current_object()
        self.may_post = can(self.user, "comment:post")
        self.urls = {name: url_for(route, comment_id=SAMPLE_ID) for name, route in ROUTES.items()}
        self.urls["reply"] = comment_link(SimpleNamespace(id=SAMPLE_ID), "reply")
        self.csrf = Markup('<input type="hidden" name="csrf_token" value="%s">') % generate_csrf()
        self.counts: dict[int, str] = {}
        self.words = {
            "undo": _button(_("Undo endorsement"), _("of this comment")),
            "endorse": _button(_("Endorse"), _("this comment")),
            "reply": _label(_("Reply"), _("to this comment")),
            "edit": _label(_("Edit"), _("your comment")),
            "withdraw": _label(_("Withdraw"), _("your comment")),
            "flag": _label(_("Flag"), _("this comment for moderators")),
            "flagged": Markup('<span class="engage-comment-count">%s</span>')
            % _trusted(_("You flagged this comment")),
        }

    def url(self, name: str, comment_id: int) -> str:
        return escape(self.urls[name].replace(str(SAMPLE_ID), str(comment_id)))

    def count(self, n: int) -> str:
        if n not in self.counts:
            words = _trusted(ngettext("%(num)d endorsement", "%(num)d endorsements", n))
            self.counts[n] = Markup('<span class="engage-comment-count">%s</span>') % words
        return self.counts[n]

    def form(self, name: str, comment_id: int, button: str) -> str:
        action = self.url(name, comment_id)
        return (
            f'<form method="post" action="{action}" class="engage-inline-form">{self.csrf}'
            f"{button}</form>"
        )

    def link(self, name: str, comment_id: int) -> str:
        href = self.url(name, comment_id)
        return f'<a class="engage-action-link" href="{href}">{self.words[name]}</a>'

    def __call__(self, comment) -> str:
        if comment.status != CommentStatus.PUBLISHED:
            return ""
        marks, user, cid = self.view.marks(comment), self.user, comment.id
        parts = [self.count(comment.endorsement_count)]
        if can(user, "comment:endorse", comment):
            name = "unendorse" if marks["endorsed"] else "endorse"
            parts.append(self.form(name, cid, self.words["undo" if marks["endorsed"] else name]))
        if marks["can_reply"] and self.may_post:
            parts.append(self.link("reply", cid))
        if can(user, "comment:edit", comment) and can_still_edit(comment):
            parts.append(self.link("edit", cid))
        if can(user, "comment:withdraw", comment):
            parts.append(self.link("withdraw", cid))
        if marks["flagged"]:
            parts.append(self.words["flagged"])
        elif can(user, "comment:flag", comment):
            parts.append(self.link("flag", cid))
        return '<div class="engage-comment-actions">\n' + "\n".join(parts) + "\n</div>"


def _label(word: str, more: str) -> Markup:
    return Markup('%s<span class="usa-sr-only"> %s</span>') % (_trusted(word), _trusted(more))


def _trusted(translated: str) -> Markup:
    """A translation, output as it is: what Jinja's i18n extension does with `_()`."""
    return Markup(translated)  # noqa: S704 - the catalogs are ours


def _button(word: str, more: str) -> Markup:
    inner = _label(word, more)
    return (
        Markup('<button type="submit" class="usa-button usa-button--outline engage-action">')
        + inner
        + Markup("</button>")
    )


def fill(made: Listing, view) -> Markup:
    """The list with this visitor's actions in place of the markers."""
    actions = Actions(view)

    def replace(match) -> str:
        comment_id = int(match.group(1))
        facts = made.comments.get(comment_id)
        return "" if facts is None else actions(_stub(comment_id, facts))

    return Markup(MARKER.sub(replace, made.html))  # noqa: S704 - rendered by Jinja, escaped
