"""The one module that turns user markdown into safe HTML.

Markdown is parsed with raw HTML disabled, then cleaned against a small allow-list. Swapping
bleach (no further releases announced) for another cleaner is a change to this file only.
"""

import re
import unicodedata
from dataclasses import dataclass

import bleach
from bleach.linkifier import DEFAULT_CALLBACKS
from markdown_it import MarkdownIt


@dataclass(frozen=True)
class Profile:
    tags: frozenset[str]
    disabled_rules: tuple[str, ...]


_INLINE = frozenset({"p", "br", "em", "strong", "a", "code", "ul", "ol", "li", "blockquote"})

# Residents' comments: paragraphs, emphasis, lists, links, quotes. No images, no headings.
COMMENT = Profile(
    tags=_INLINE,
    disabled_rules=("image", "heading", "lheading", "table", "hr", "html_block", "html_inline"),
)
# Text the city publishes (policy sections, reports): a little more structure.
DOCUMENT = Profile(
    tags=_INLINE | {"h3", "h4", "h5", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td"},
    disabled_rules=("image", "html_block", "html_inline"),
)

ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "th": ["scope"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _parser(profile: Profile) -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("table")
    parser.disable(list(profile.disabled_rules), ignoreInvalid=True)
    # Headings in user text start at h3: the page owns h1 and h2.
    return parser


_PARSERS = {COMMENT: _parser(COMMENT), DOCUMENT: _parser(DOCUMENT)}


def _rel(attrs, new=False):
    attrs[(None, "rel")] = "nofollow ugc noopener noreferrer"
    return attrs


def _shift_headings(html: str) -> str:
    return re.sub(r"<(/?)h([12])>", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 2}>", html)


def clean_text(text: str | None) -> str:
    """Normalise user text: NFC, no control characters, unix newlines, trimmed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def render_markdown(source: str | None, profile: Profile = COMMENT) -> str:
    """Return safe HTML for user markdown `source`."""
    text = clean_text(source)
    if not text:
        return ""
    html = _shift_headings(_PARSERS[profile].render(text))
    cleaned = bleach.clean(
        html,
        tags=profile.tags,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=False,
        strip_comments=True,
    )
    return bleach.linkify(
        cleaned, callbacks=[*DEFAULT_CALLBACKS, _rel], skip_tags=["pre", "code"], parse_email=False
    ).strip()


def render_document(source: str | None) -> str:
    """Return safe HTML for markdown the city publishes."""
    return render_markdown(source, DOCUMENT)


def plain_text(html: str) -> str:
    """Strip tags from sanitized HTML, for feeds, search and excerpts."""
    return re.sub(r"\s+", " ", bleach.clean(html, tags=set(), strip=True)).strip()
