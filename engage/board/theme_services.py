"""Themes: the editable list per policy, and tagging comments with them.

Staff and moderators keep the list; a change marks the policy's summaries stale, so the
summary job counts the themes again (engage/board/jobs.py).
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func

from engage import audit
from engage.accounts.models import User
from engage.board import jobs
from engage.board.counting import counted
from engage.board.models import CommentTheme, Theme, ThemeResponse
from engage.board.summaries import SummaryError, policy_themes
from engage.comments.models import Comment
from engage.extensions import db
from engage.policies.models import Policy
from engage.sanitize import clean_text

NAME_MAX = 120


def _name(value: str | None) -> str:
    name = " ".join(clean_text(value).split())
    if not name:
        raise SummaryError(_l("Give the theme a name."), "name", "required")
    if len(name) > NAME_MAX:
        raise SummaryError(_l("Use at most %(n)d characters.", n=NAME_MAX), "name", "too_long")
    return name


def _check_unique(policy_id: int, name: str, theme: Theme | None = None) -> None:
    statement = db.select(Theme.id).where(
        Theme.policy_id == policy_id, func.lower(Theme.name) == name.lower()
    )
    if theme is not None:
        statement = statement.where(Theme.id != theme.id)
    if db.session.scalar(statement.limit(1)) is not None:
        raise SummaryError(
            _l("This policy already has a theme called “%(name)s”.", name=name), "name", "taken"
        )


def add_theme(actor: User, policy: Policy, name: str) -> Theme:
    """Add a theme to the policy's list."""
    name = _name(name)
    _check_unique(policy.id, name)
    theme = Theme(policy_id=policy.id, name=name, created_by_id=getattr(actor, "id", None))
    db.session.add(theme)
    db.session.flush()
    audit.record(actor, "theme.add", theme, summary=f"Theme “{name}” on {policy.title}")
    jobs.mark_policy_stale(policy.id)
    return theme


def rename_theme(actor: User, theme: Theme, name: str) -> Theme:
    """Rename a theme; its tagged comments keep it."""
    name = _name(name)
    if name == theme.name:
        return theme
    _check_unique(theme.policy_id, name, theme)
    old = theme.name
    theme.name = name
    db.session.flush()
    audit.record(
        actor, "theme.rename", theme, summary=f"Theme “{old}” renamed “{name}”", detail={"old": old}
    )
    jobs.mark_policy_stale(theme.policy_id)
    return theme


def remove_theme(actor: User, theme: Theme) -> None:
    """Remove a theme and its tags (versions already sent keep it: they are frozen copies)."""
    tagged = tagged_count(theme)
    audit.record(
        actor,
        "theme.remove",
        theme,
        summary=f"Theme “{theme.name}” removed",
        detail={"name": theme.name, "tagged": tagged},
    )
    policy_id = theme.policy_id
    db.session.execute(delete(CommentTheme).where(CommentTheme.theme_id == theme.id))
    db.session.execute(delete(ThemeResponse).where(ThemeResponse.theme_id == theme.id))
    db.session.delete(theme)
    db.session.flush()
    jobs.mark_policy_stale(policy_id)


def tagged_count(theme: Theme) -> int:
    """How many comments carry the theme (any status: the list staff see, not the summary)."""
    return db.session.scalar(
        db.select(func.count()).select_from(CommentTheme).where(CommentTheme.theme_id == theme.id)
    )


def tagged_counts(period_id: int | None) -> dict[int, int]:
    """{theme id: comments tagged} among those a summary of the period counts (the same
    criteria as the drill-down the number opens)."""
    if period_id is None:
        return {}
    rows = db.session.execute(
        db.select(CommentTheme.theme_id, func.count())
        .join(Comment, Comment.id == CommentTheme.comment_id)
        .where(*counted(period_id))
        .group_by(CommentTheme.theme_id)
    )
    return dict(rows.all())


def themes_of(comment: Comment) -> set[int]:
    """The ids of the themes the comment is tagged with."""
    return set(
        db.session.scalars(
            db.select(CommentTheme.theme_id).where(CommentTheme.comment_id == comment.id)
        )
    )


def tag_comment(actor: User, comment: Comment, theme_ids: set[int]) -> tuple[set[int], set[int]]:
    """Make `theme_ids` the comment's themes; return (added, removed) theme ids."""
    if comment.is_official_response and theme_ids:
        raise SummaryError(
            _l("The city's own responses are not counted in themes."), "themes", "official"
        )
    allowed = {theme.id for theme in policy_themes(comment.policy_id)}
    if not theme_ids <= allowed:
        raise SummaryError(_l("That theme is not one of this policy's."), "themes", "theme")
    current = themes_of(comment)
    added, removed = theme_ids - current, current - theme_ids
    for theme_id in sorted(added):
        db.session.add(
            CommentTheme(
                comment_id=comment.id, theme_id=theme_id, tagged_by_id=getattr(actor, "id", None)
            )
        )
    if removed:
        db.session.execute(
            delete(CommentTheme).where(
                CommentTheme.comment_id == comment.id, CommentTheme.theme_id.in_(removed)
            )
        )
    db.session.flush()
    if added or removed:
        audit.record(
            actor,
            "comment.tag",
            comment,
            summary=f"Themes of comment {comment.tracking_number}",
            detail={"added": sorted(added), "removed": sorted(removed)},
        )
        if comment.period_id is not None:
            jobs.mark_stale(comment.period_id)
    return added, removed
