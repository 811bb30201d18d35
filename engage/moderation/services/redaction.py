"""Redacting a passage: finding it as typed, and the marker that replaces it."""

import re

from babel import Locale, UnknownLocaleError
from flask_babel import force_locale
from flask_babel import gettext as _

from engage.comments.models import Comment
from engage.sanitize import render_markdown
from engage.types import utcnow


def passage_pattern(passage: str) -> re.Pattern:
    """The passage as typed, forgiving differences in spacing and line breaks."""
    return re.compile(r"\s+".join(re.escape(word) for word in passage.split()))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _marker_locale(language: str | None) -> str:
    code = (language or "en").replace("-", "_")
    try:
        Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError):
        return "en"
    return code


def _redaction_marker(comment: Comment, title: str) -> str:
    # The marker becomes part of the comment's text: written in the comment's language, and
    # escaped so Markdown shows it as typed (never a link or a link definition).
    with force_locale(_marker_locale(comment.language)):
        marker = _("[removed by moderators: %(reason)s]", reason=title)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", marker)


def redact(comment: Comment, pattern: re.Pattern, title: str) -> tuple[str, str]:
    before = comment.body_md
    marker = _redaction_marker(comment, title)
    after = pattern.sub(lambda _match: marker, before)
    comment.body_md, comment.body_html = after, render_markdown(after)
    comment.redacted_at = utcnow()
    # Earlier texts of an edited comment may hold the same passage: it goes from them too.
    for revision in comment.revisions:
        revision.body_md = pattern.sub(lambda _match: marker, revision.body_md)
        revision.body_html = render_markdown(revision.body_md)
    return before, after
