"""Mail and calendar files speak their reader's language (the profile's), whatever language
the request that caused them was made in."""

import base64
from pathlib import Path

import pytest

from engage.events import services as events
from engage.i18n import TRANSLATIONS
from tests import factories
from tests.comments.helpers_thread import form, open_policy, submit
from tests.events.helpers_events import make_session

pytestmark = pytest.mark.skipif(
    not (Path(TRANSLATIONS) / "es" / "LC_MESSAGES" / "messages.mo").exists(),
    reason="the Spanish catalog is not compiled (make compile-messages)",
)


def _attachment_text(message) -> str:
    [attachment] = message.attachments
    return base64.b64decode(attachment["data"]).decode("utf-8")


def test_the_comment_receipt_is_in_the_authors_language(client, login, outbox, ctx):
    policy = open_policy()
    login(factories.make_user(display_name="Ana", preferred_language="es"))
    # Posted from a page in English; the mail follows the profile.
    response = client.post_form(f"/policies/{policy.slug}/comments?lang=en", form("Gracias."))
    assert response.status_code == 303
    [receipt] = outbox("comment_receipt")
    assert receipt.subject.startswith(f"Su comentario sobre {policy.title}: comprobante C-")
    assert receipt.body_text.startswith("Hola, Ana:")


def test_an_english_readers_receipt_stays_in_english(client, login, outbox, ctx):
    policy = open_policy()
    login(factories.make_user(display_name="Sam", preferred_language="en"))
    client.get("/?lang=en")
    submit(client, policy, "Delete footage after 30 days, please.")
    [receipt] = outbox("comment_receipt")
    assert receipt.subject.startswith(f"Your comment on {policy.title}: receipt C-")


def test_the_calendar_file_sent_on_sign_up_is_in_the_readers_language(ctx, outbox):
    session = make_session(online=True, meeting_link="https://meet.example.org/x")
    resident = factories.make_user(preferred_language="es")
    events.sign_up(resident, session)
    [confirmation] = outbox("event_confirmed")
    calendar = _attachment_text(confirmation)
    assert "LOCATION:Codman Square Library\\, 690 Washington St\\, Dorchester\\, En línea" in (
        calendar.replace("\r\n ", "")
    )
    assert "meet.example.org" not in calendar


def test_a_downloaded_calendar_file_follows_the_page_language(client, ctx):
    session = make_session(online=True, meeting_link="https://meet.example.org/x")
    spanish = client.get(f"/events/{session.id}.ics?lang=es").get_data(as_text=True)
    english = client.get(f"/events/{session.id}.ics?lang=en").get_data(as_text=True)
    assert "En línea" in spanish.replace("\r\n ", "")
    assert "Online" in english.replace("\r\n ", "")
