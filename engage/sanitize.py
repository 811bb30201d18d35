"""The one module that turns user markdown into safe HTML.

Markdown is parsed with raw HTML disabled, then cleaned against a small allow-list. Swapping
bleach (no further releases announced) for another cleaner is a change to this file only.
"""

import re
import unicodedata
from dataclasses import dataclass

import bleach
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


LINK_REL = "nofollow ugc noopener noreferrer"


def _link_open(self, tokens, idx, options, env):
    tokens[idx].attrSet("rel", LINK_REL)
    return self.renderToken(tokens, idx, options, env)


def _parser(profile: Profile) -> MarkdownIt:
    # linkify turns bare addresses into links; markdown-it escapes text exactly once.
    parser = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    parser.enable(["table", "linkify"])
    parser.disable(list(profile.disabled_rules), ignoreInvalid=True)
    parser.add_render_rule("link_open", _link_open)
    return parser


_PARSERS = {COMMENT: _parser(COMMENT), DOCUMENT: _parser(DOCUMENT)}


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
    html = _PARSERS[profile].render(text)
    # Headings in user text start at h3: the page owns h1 and h2.
    html = _shift_headings(html)
    return bleach.clean(
        html,
        tags=profile.tags,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=False,
        strip_comments=True,
    ).strip()


def render_document(source: str | None) -> str:
    """Return safe HTML for markdown the city publishes."""
    return render_markdown(source, DOCUMENT)


def plain_text(html: str) -> str:
    """Strip tags from sanitized HTML, for feeds, search and excerpts."""
    return re.sub(r"\s+", " ", bleach.clean(html, tags=set(), strip=True)).strip()
