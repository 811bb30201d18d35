"""User markdown becomes safe HTML in one place."""

from html.parser import HTMLParser

import pytest

from engage.sanitize import clean_text, plain_text, render_document, render_markdown

SAFE_TAGS = {"p", "br", "em", "strong", "a", "code", "ul", "ol", "li", "blockquote", "h3", "pre"}

VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    "<svg/onload=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<iframe src=javascript:alert(1)>",
    '"><script>alert(1)</script>',
    "![x](javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "<details open ontoggle=alert(1)>",
    "`<script>alert(1)</script>`",
    "<<script>script>alert(1)<</script>/script>",
]


class TagAudit(HTMLParser):
    """Collect every tag and attribute the browser would see."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend(attrs)


def audit(html: str) -> TagAudit:
    parser = TagAudit()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("source", VECTORS)
@pytest.mark.parametrize("render", [render_markdown, render_document])
def test_script_never_survives(source, render):
    found = audit(render(source))
    assert found.tags <= SAFE_TAGS
    for name, value in found.attributes:
        assert name in {"href", "title", "rel", "scope"}
        if name == "href":
            assert value.split(":")[0].lower() in {"http", "https", "mailto"}


def test_comment_markdown_subset():
    html = render_markdown("*em* **strong**\n\n- a\n- b\n\n> quoted\n\n[link](https://example.org)")
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html
    assert "<ul>" in html and "<blockquote>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow ugc noopener noreferrer"' in html


def test_comments_get_no_headings_or_images_documents_get_headings():
    assert "<h" not in render_markdown("# Title")
    assert "<h3>Title</h3>" in render_document("# Title")
    assert "<img" not in render_document("![alt](https://example.org/a.png)")


def test_clean_text_normalises():
    assert clean_text("  a\r\nb\x00c  ") == "a\nbc"
    assert clean_text(None) == ""


def test_plain_text_strips_tags():
    assert plain_text("<p>a <em>b</em></p>") == "a b"


def test_code_and_ampersands_are_escaped_once():
    html = render_markdown("`<b>` & 1 < 2")
    assert "<code>&lt;b&gt;</code>" in html
    assert "&amp;amp;" not in html
    assert "&amp; 1 &lt; 2" in html


def test_bare_addresses_become_safe_links():
    html = render_markdown("see https://example.org/a?b=1&c=2")
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html
    assert 'rel="nofollow ugc noopener noreferrer"' in html
