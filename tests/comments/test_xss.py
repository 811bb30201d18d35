"""Markup that tries to smuggle script into a comment renders as harmless text.

Vectors sampled from the shared XSS payload list (script tags, event handlers, javascript:
links in markdown and HTML, encoded entities, svg/math, polyglots), embedded so the suite
runs on its own. Each goes through the real form; the real pages are then parsed.
"""

import re
import unicodedata

import pytest

from engage.comments.queries import PER_PAGE
from tests import factories
from tests.comments.helpers_thread import body_tags, comments_of, open_policy, submit, text

VECTORS = [
    "<script>alert('XSS')</script>",
    "<scr<script>ipt>alert('XSS')</scr<script>ipt>",
    '"><script>alert(String.fromCharCode(88,83,83))</script>',
    "<SCRIPT>alert('XSS');</SCRIPT>",
    '<script src="data:&comma;alert(1)//',
    "<script>alert(1)<!--INJECTX",
    "<img src=x onerror=alert('XSS');>",
    "<img/src='x'onerror=alert(1)>//INJECTX",
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
    "<img src=1 alt=al lang=ert onerror=top[alt+lang](0)>",
    "<svg/onload=alert('XSS')>",
    "<svg id=alert(1) onload=eval(id)>",
    '"><svg/onload=alert(/XSS/)',
    "<svg><script xlink:href=data:,alert(1) />",
    "<svg><script>/<@/>alert(1)</script>//INJECTX",
    "<math><brute href=javascript:alert(1)>click",
    '<math href="javascript:alert(130)">CLICKME</math>',
    '<math><a xlink:href="//127.0.0.1:9/t846h/">click',
    "<body onload=alert(/XSS/.source)>",
    "<input autofocus onfocus=alert(1)>",
    '<details/open/ontoggle="alert`1`">',
    '<video><source onerror="javascript:alert(1)">',
    "<audio src onloadstart=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<embed src=javascript:alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    "<form><input formaction=javascript:alert(1) type=submit value=click>",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<base href="javascript:alert(1)//">',
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<STYLE>.XSS{background-image:url(\"javascript:alert('XSS')\");}</STYLE><A CLASS=XSS></A>",
    '<a href="#" onclick=alert(1)>x</a>',
    '<a href="#" onmouseover=alert(1)>x</a>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="javascript&colon;\\u0061&#x6C;&#101%72t&lpar;1&rpar;"><button>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">entities</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    "<div onmouseover='alert&lpar;1&rpar;'>DIV</div>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<![CDATA[<script>alert(1)</script>]]>",
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e",  # noqa: E501
    "javascript://'/</title></style></textarea></script>--><p\" onclick=alert()//>*/alert()/*",
    "';alert(String.fromCharCode(88,83,83))//';alert(String.fromCharCode(88,83,83))//--></SCRIPT>\">'><SCRIPT>alert(String.fromCharCode(88,83,83))</SCRIPT>",
    "[a](javascript:prompt(document.cookie))",
    "[a](JaVaScRiPt:alert(1))",
    "[a](j a v a s c r i p t:prompt(document.cookie))",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K)",
    "[a](javascript:window.onerror=alert;throw%201)",
    "[a](vbscript:msgbox(1))",
    "[a](&#106;avascript:alert(1))",
    "[a](javascript&#58;alert(1))",
    "[a]( javascript:alert(1))",
    "<javascript:alert(1)>",
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    '![x](x" onerror="alert(1))',
    "![x](javascript:alert(1))",
    '[x](https://example.org "title\\" onmouseover=\\"alert(1)")',
    "**<img src=x onerror=alert(1)>**",
    "> <script>alert(1)</script>",
    "- <svg onload=alert(1)>",
    "`<script>alert(1)</script>`",
]

FORBIDDEN_TAGS = {
    "script", "iframe", "svg", "math", "img", "object", "embed", "style", "form", "input",
    "button", "base", "meta", "link", "video", "audio", "source", "details", "body", "image",
}  # fmt: skip
ALLOWED_SCHEMES = {"", "http", "https", "mailto"}
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")


def _scheme(href: str) -> str:
    """The scheme a browser would see: it drops whitespace and control characters."""
    cleaned = _IGNORED_IN_URLS.sub("", unicodedata.normalize("NFKC", href)).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else ""


def _assert_harmless(html: str, expected_bodies: int, css_class="engage-comment-body") -> None:
    found = body_tags(html, css_class)
    assert found.bodies == expected_bodies
    for tag, attrs in found.tags:
        assert tag not in FORBIDDEN_TAGS, (tag, attrs)
        for name, value in attrs:
            assert not name.lower().startswith("on"), (tag, name, value)
            assert name.lower() not in {"style", "src", "srcdoc", "formaction", "xlink:href"}
            if name.lower() == "href":
                assert _scheme(value or "") in ALLOWED_SCHEMES, value
    # Outside the bodies too: the only scripts on the page are the site's own files.
    for script in re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE):
        assert re.fullmatch(r'<script src="/static/[^"]+">', script), script


@pytest.fixture
def policy(ctx):
    return open_policy()


def test_smuggled_markup_renders_as_harmless_text(client, login, policy):
    login(factories.make_user())
    for vector in VECTORS:
        response = submit(client, policy, vector)
        assert response.status_code == 303, (vector, response.status_code)
    assert len(comments_of(policy)) == len(VECTORS)
    pages = -(-len(VECTORS) // PER_PAGE)
    shown = 0
    for number in range(1, pages + 1):
        html = text(client.get(f"/policies/{policy.slug}?page={number}"))
        expected = min(PER_PAGE, len(VECTORS) - shown)
        _assert_harmless(html, expected)
        shown += expected
    assert shown == len(VECTORS)


def test_the_receipt_and_permalink_are_harmless_too(client, login, policy):
    login(factories.make_user())
    for vector in VECTORS[:12] + VECTORS[-18:]:
        receipt = client.get(submit(client, policy, vector).location)
        permalink = client.get(f"/comments/{comments_of(policy)[-1].id}")
        _assert_harmless(text(receipt), 1, "engage-quoted")
        _assert_harmless(text(permalink), 1)


def test_the_preview_is_harmless(client, policy):
    for vector in VECTORS[::3]:
        response = submit(client, policy, vector, action="preview")
        assert response.status_code == 200
        _assert_harmless(text(response), 1)
    assert comments_of(policy) == []


def test_the_checks_catch_what_they_look_for():
    """The parser really sees handlers, tags and schemes (a test that can't fail is a defect)."""
    page = (
        '<div class="engage-comment-body"><a href=" jav&#x09;ascript:x()" onclick="x">a</a></div>'
    )
    with pytest.raises(AssertionError):
        _assert_harmless(page, 1)
    assert _scheme("JaVa\tScRiPt:alert(1)") == "javascript"
    found = body_tags('<div class="engage-comment-body"><p><svg onload="x"></svg></p></div><img>')
    assert [tag for tag, _ in found.tags] == ["p", "svg"]
