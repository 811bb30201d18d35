"""The board's private notes on a summary: board members only, sanitized, never public."""

import pytest

from engage.audit import AuditEntry
from engage.board import board_services
from engage.board.models import BoardNote
from engage.extensions import db
from tests import factories
from tests.board.board_helpers import ROLES, make_draft_summary, make_sent_summary

NOTE = "Ask about **retention** <script>alert(1)</script> [docs](javascript:alert(2))"


def _notes(summary) -> list[BoardNote]:
    return list(db.session.scalars(db.select(BoardNote).where(BoardNote.summary_id == summary.id)))


def _post(client, summary, body=NOTE, **kwargs):
    return client.post_form(f"/board/summaries/{summary.id}/notes", {"body": body}, **kwargs)


def test_board_member_keeps_a_note(client, ctx, login, board_member):
    summary = make_sent_summary()
    login(board_member)
    response = _post(client, summary)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/board/summaries/{summary.id}#notes")
    [note] = _notes(summary)
    assert note.author_id == board_member.id and note.body_md == NOTE
    page = client.get(f"/board/summaries/{summary.id}").get_data(as_text=True)
    assert "<strong>retention</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript' not in note.body_html
    assert board_member.display_name in page
    assert "Only board members can read it." in page  # the confirmation
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "board.note"))
    assert entry.actor_id == board_member.id and "retention" not in entry.summary


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("board", "admin")])
def test_notes_by_others_are_refused(client, ctx, login, role):
    summary = make_sent_summary()
    login(factories.make_user(role=role))
    assert _post(client, summary).status_code == 403
    assert _notes(summary) == []


def test_admins_may_keep_notes(client, ctx, login, admin):
    summary = make_sent_summary()
    login(admin)
    assert _post(client, summary).status_code == 302
    assert len(_notes(summary)) == 1


def test_signed_out_note_goes_to_sign_in(client, ctx):
    summary = make_sent_summary()
    response = _post(client, summary)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert _notes(summary) == []


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_empty_or_too_long_notes_are_refused(client, ctx, login, board_member, body):
    summary = make_sent_summary()
    login(board_member)
    response = _post(client, summary, body)
    assert response.status_code == 400
    assert "usa-error-message" in response.get_data(as_text=True)
    assert _notes(summary) == []


def test_note_needs_the_csrf_token(client, ctx, login, board_member):
    summary = make_sent_summary()
    login(board_member)
    response = client.post(f"/board/summaries/{summary.id}/notes", data={"body": "Hi"})
    assert response.status_code == 400
    assert _notes(summary) == []


def test_no_notes_on_unsent_or_unknown_summaries(client, ctx, login, board_member):
    draft = make_draft_summary()
    login(board_member)
    assert _post(client, draft).status_code == 404
    assert client.post_form("/board/summaries/999999/notes", {"body": "x"}).status_code == 404
    assert _notes(draft) == []


def test_service_refuses_notes_on_unsent_summaries(ctx, board_member):
    with pytest.raises(board_services.BoardError):
        board_services.add_note(board_member, make_draft_summary(), "A note")


def test_notes_never_appear_on_public_pages(client, ctx, login, board_member):
    summary = make_sent_summary()
    board_services.add_note(board_member, summary, "Confidential board remark")
    db.session.flush()
    year = summary.latest_version.sent_at.year
    slug = summary.policy.slug
    public_urls = [f"/reports/{year}/packet", f"/policies/{slug}", "/board/about"]
    if "board.summary" in client.application.view_functions:
        public_urls.append(f"/policies/{slug}/summary")
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Confidential board remark" not in response.get_data(as_text=True), url
    login(board_member)
    board_packet = client.get(f"/board/annual/{year}").get_data(as_text=True)
    assert "Confidential board remark" in board_packet
    for url in public_urls:  # signed in as a board member, public pages still don't show them
        assert "Confidential board remark" not in client.get(url).get_data(as_text=True), url
