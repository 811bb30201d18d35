"""/board: summaries sent to the board, what changed since the last visit, deadlines; and a
summary as the board reads it."""

from datetime import timedelta

import pytest

from engage.board import board_services
from engage.board.models import BoardVisit
from engage.extensions import db
from engage.policies.models import PolicyStatus
from engage.types import utcnow
from tests import factories
from tests.board.board_helpers import ROLES, make_draft_summary, make_sent_summary

BOARD_ROLES = {"board", "admin"}


def _html(response) -> str:
    return response.get_data(as_text=True)


def _block(html: str, title: str) -> str:
    """The dashboard entry of the summary whose policy is `title`."""
    start = html.index(f"Summary: {title}")
    end = html.find("</li>\n    \n    <li", start)
    return html[start : end if end > 0 else start + 2500]


# Who may see the board's pages -------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_board_pages_for_board_members_only(client, ctx, login, role):
    summary = make_sent_summary()
    login(factories.make_user(role=role))
    for url in ("/board", f"/board/summaries/{summary.id}"):
        expected = 200 if role in BOARD_ROLES else 403
        assert client.get(url).status_code == expected, url


def test_signed_out_visitors_are_sent_to_sign_in(client, ctx):
    summary = make_sent_summary()
    for url in ("/board", f"/board/summaries/{summary.id}"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]


def test_non_board_users_get_403_even_for_unknown_summaries(client, ctx, login, resident):
    login(resident)
    assert client.get("/board/summaries/999999").status_code == 403


# The list of summaries ---------------------------------------------------------------------


def test_summaries_newest_first_and_drafts_left_out(client, ctx, login, board_member):
    now = utcnow()
    older = make_sent_summary(
        factories.make_policy("Older policy", period="closed"), now - timedelta(days=9)
    )
    newer = make_sent_summary(factories.make_policy("Newer policy", period="closed"), now)
    make_draft_summary(factories.make_policy("Draft only policy", period="open"))
    login(board_member)
    html = _html(client.get("/board"))
    assert html.index("Summary: Newer policy") < html.index("Summary: Older policy")
    assert "Summary: Draft only policy" not in html
    assert f"/board/summaries/{newer.id}" in html and f"/board/summaries/{older.id}" in html
    assert "12 comments" in html  # from the stored numbers
    assert "Version 1, sent" in html


def test_first_visit_marks_everything(client, ctx, login, board_member):
    make_sent_summary(factories.make_policy("Cameras", period="closed"))
    login(board_member)
    html = _html(client.get("/board"))
    assert "This is your first visit" in html
    assert "Changed since your last visit" in _block(html, "Cameras")


def test_marks_what_changed_since_the_last_visit(client, ctx, login, board_member):
    now = utcnow()
    seen = make_sent_summary(
        factories.make_policy("Seen policy", period="closed"), now - timedelta(days=5)
    )
    fresh = make_sent_summary(
        factories.make_policy("Fresh policy", period="closed"), now - timedelta(hours=1), versions=2
    )
    # The last visit was two days ago (a visit long over).
    db.session.add(BoardVisit(user_id=board_member.id, last_visit_at=now - timedelta(days=2)))
    db.session.flush()
    login(board_member)
    html = _html(client.get("/board"))
    assert "Changed since your last visit" not in _block(html, "Seen policy")
    fresh_block = _block(html, "Fresh policy")
    assert "Changed since your last visit" in fresh_block
    assert "Version 2 replaces version 1" in fresh_block
    assert "What changed: Revision 2" in fresh_block
    assert seen.id != fresh.id


def test_marks_stay_during_the_visit_and_clear_on_the_next(client, ctx, login, board_member):
    sent = utcnow() - timedelta(hours=2)
    make_sent_summary(factories.make_policy("Fresh policy", period="closed"), sent)
    db.session.add(BoardVisit(user_id=board_member.id, last_visit_at=utcnow() - timedelta(days=3)))
    db.session.flush()
    login(board_member)
    assert "Changed since your last visit" in _block(_html(client.get("/board")), "Fresh policy")
    # Reading a summary and coming back is the same visit: still marked.
    assert "Changed since your last visit" in _block(_html(client.get("/board")), "Fresh policy")
    # The next visit (the member came back after it was sent, and left an hour ago): unmarked.
    visit = db.session.get(BoardVisit, board_member.id)
    visit.last_visit_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert "Changed since your last visit" not in _block(
        _html(client.get("/board")), "Fresh policy"
    )


def test_record_visit_moves_the_previous_visit_only_between_visits(ctx, board_member):
    start = utcnow()
    first = board_services.record_visit(board_member, start)
    assert first.previous_visit_at is None and first.last_visit_at == start
    same = board_services.record_visit(board_member, start + timedelta(minutes=10))
    assert same.previous_visit_at is None
    later = board_services.record_visit(board_member, start + timedelta(hours=3))
    assert later.previous_visit_at == start + timedelta(minutes=10)
    assert later.last_visit_at == start + timedelta(hours=3)


def test_new_notes_by_others_are_counted(client, ctx, login, board_member):
    summary = make_sent_summary(factories.make_policy("Noted policy", period="closed"))
    other = factories.make_user(role="board")
    board_services.add_note(other, summary, "Worth a question at the meeting.")
    board_services.add_note(board_member, summary, "My own note.")
    login(board_member)
    block = _block(_html(client.get("/board")), "Noted policy")
    assert "2 board notes" in block and "(1 new)" in block


def test_empty_dashboard(client, ctx, login, board_member):
    login(board_member)
    html = _html(client.get("/board"))
    assert "No summary has been sent to the board yet." in html


def test_shows_the_members_own_seat(client, ctx, login, board_member):
    from datetime import date

    seat = board_services.save_seat(None, board_services.SeatData("Mayor's seat", "Mayor", 1))
    data = board_services.MemberData(
        seat.id, "Bea", date(2024, 1, 1), date(2099, 1, 1), board_member.email
    )
    board_services.save_member(None, data)
    login(board_member)
    assert "You hold the seat “Mayor&#39;s seat”, appointed by Mayor." in _html(
        client.get("/board")
    )


# Deadlines and pending decisions -----------------------------------------------------------


def test_deadlines_and_pending_decisions(client, ctx, login, board_member):
    closing = factories.make_policy("Closing soon policy", period="open")  # closes in 10 days
    far = factories.make_policy("Far policy")
    period = factories.add_period(far.current_version, "open")
    period.closes_at = utcnow() + timedelta(days=60)
    factories.make_policy("Reviewed policy", status=PolicyStatus.UNDER_REVIEW.value)
    overdue = factories.make_exigent(ended_days_ago=45)
    overdue.title = "Overdue drone report"
    ongoing = factories.make_exigent()
    ongoing.title, ongoing.ended_at, ongoing.report_due_at = "Still flying", None, None
    received = factories.make_exigent(ended_days_ago=50, received_days_ago=5)
    received.title = "Report in, council to decide"
    db.session.flush()
    login(board_member)
    html = _html(client.get("/board"))
    section = html[html.index("Deadlines and pending decisions") :]
    assert "Closing soon policy" in section and "days left" in section
    assert closing.slug in section
    assert "Far policy" not in section
    overdue_line = section[section.index("Overdue drone report") :][:600]
    assert "Overdue" in overdue_line and "report due" in overdue_line
    assert "Still flying" in section[section.index("Exigent uses still going on") :]
    assert "Report in, council to decide" in section[section.index("awaiting a decision") :]
    assert "Reviewed policy" in section[section.index("Policies awaiting a decision") :]


def test_no_deadlines(client, ctx, login, board_member):
    login(board_member)
    assert "Nothing is due in the next 30 days" in _html(client.get("/board"))


# A summary as the board reads it -----------------------------------------------------------


def test_board_summary_shows_the_latest_sent_version(client, ctx, login, board_member):
    summary = make_sent_summary(factories.make_policy("Plates", period="closed"), versions=2)
    login(board_member)
    html = _html(client.get(f"/board/summaries/{summary.id}"))
    assert "Summary: Plates" in html
    assert "Version 2, sent to the board" in html
    assert "Revision 2" in html
    assert "Residents asked about retention." in html
    assert ">12<" in html.replace("</span>", "<")  # the stored number of comments
    assert "never quoted" in html  # hidden comments: counted by reason only
    assert "Board notes" in html
    assert f"/policies/{summary.policy.slug}/summary?summary={summary.id}" in html
    assert f"/policies/{summary.policy.slug}/summary/diff?summary={summary.id}" in html


def test_unsent_and_unknown_summaries_are_404(client, ctx, login, board_member):
    draft = make_draft_summary()
    login(board_member)
    assert client.get(f"/board/summaries/{draft.id}").status_code == 404
    assert client.get("/board/summaries/999999").status_code == 404
    assert client.get("/board/summaries/abc").status_code == 404


def test_viewing_a_summary_counts_as_part_of_the_visit(client, ctx, login, board_member):
    summary = make_sent_summary()
    login(board_member)
    client.get(f"/board/summaries/{summary.id}")
    assert db.session.get(BoardVisit, board_member.id) is not None
