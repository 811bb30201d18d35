"""Endorsing, editing, withdrawing and flagging a comment through the pages (no JavaScript)."""

import pytest
from flask import render_template
from flask_login import login_user, logout_user

from engage.comments.models import Comment, CommentRevision, Endorsement, Flag
from engage.extensions import db
from tests import factories
from tests.comments.helpers_actions import age, fresh, post, post_and_follow, posted_comment


@pytest.fixture
def comment(ctx):
    return posted_comment(body="Keep footage for **30 days**, not 90.")


def _endorse(client, comment, undo=False):
    action = "unendorse" if undo else "endorse"
    return post_and_follow(client, f"/comments/{comment.id}/{action}")


def _count(comment) -> int:
    return fresh(Comment, comment.id).endorsement_count


# Endorsements -----------------------------------------------------------------------------


def test_endorse_once_counts_and_says_so(client, login, resident, comment):
    login(resident)
    response = client.post_form(f"/comments/{comment.id}/endorse")
    assert response.status_code == 302
    assert f"comment-{comment.id}" in response.location or "/comments/" in response.location
    page = client.get(response.location)
    assert "You endorsed this comment." in page.get_data(as_text=True)
    assert _count(comment) == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(Endorsement)) == 1


def test_endorsing_twice_is_refused_with_a_message(client, login, resident, comment):
    login(resident)
    _endorse(client, comment)
    response = _endorse(client, comment)
    assert response.status_code == 200
    assert "You already endorsed this comment." in response.get_data(as_text=True)
    assert _count(comment) == 1


def test_own_comment_cannot_be_endorsed(client, login, ctx):
    author = factories.make_user()
    comment = posted_comment(author)
    login(author)
    response = client.post_form(f"/comments/{comment.id}/endorse")
    assert response.status_code == 403
    assert "You can&#39;t endorse your own comment." in response.get_data(as_text=True)
    assert _count(comment) == 0


def test_endorsement_can_be_undone(client, login, resident, comment):
    login(resident)
    _endorse(client, comment)
    response = _endorse(client, comment, undo=True)
    assert "Your endorsement is taken back." in response.get_data(as_text=True)
    assert _count(comment) == 0
    again = _endorse(client, comment, undo=True)
    assert "You have not endorsed this comment." in again.get_data(as_text=True)
    assert _count(comment) == 0


def test_signed_out_endorse_goes_to_sign_in_and_changes_nothing(client, comment):
    response = client.post_form(f"/comments/{comment.id}/endorse")
    assert response.status_code == 302
    assert "/auth/login" in response.location
    assert "endorse" not in response.location  # comes back to the comment, not a POST URL
    assert _count(comment) == 0


def test_withdrawn_comment_cannot_be_endorsed(client, login, resident, comment):
    from engage.comments.services import withdraw_comment

    withdraw_comment(comment.author, comment)
    login(resident)
    response = _endorse(client, comment)
    assert "This comment is not available." in response.get_data(as_text=True)
    assert _count(comment) == 0


@pytest.mark.parametrize("action", ["endorse", "unendorse", "withdraw", "flag", "edit"])
def test_post_without_csrf_token_is_refused(client, login, resident, comment, action):
    login(comment.author if action in ("withdraw", "edit") else resident)
    response = client.post(f"/comments/{comment.id}/{action}", data={"body": "x"})
    assert response.status_code == 400
    assert _count(comment) == 0
    assert fresh(Comment, comment.id).status == "published"


@pytest.mark.parametrize("action", ["endorse", "unendorse", "withdraw", "flag", "edit"])
def test_unknown_comment_is_not_found(client, login, resident, action):
    login(resident)
    assert client.post_form(f"/comments/999999/{action}").status_code == 404
    if action in ("withdraw", "flag", "edit"):
        assert client.get(f"/comments/999999/{action}").status_code == 404


# Editing ----------------------------------------------------------------------------------


def test_author_edits_within_the_window_and_the_old_text_is_kept(client, login, comment):
    login(comment.author)
    form = client.get(f"/comments/{comment.id}/edit").get_data(as_text=True)
    assert "Keep footage for **30 days**, not 90." in form
    response = client.post_form(
        f"/comments/{comment.id}/edit", {"body": "Keep footage for *14 days*."}
    )
    assert response.status_code == 302
    edited = fresh(Comment, comment.id)
    assert edited.body_md == "Keep footage for *14 days*."
    assert "<em>14 days</em>" in edited.body_html
    assert edited.edited_at is not None
    revisions = db.session.scalars(db.select(CommentRevision)).all()
    assert [r.body_md for r in revisions] == ["Keep footage for **30 days**, not 90."]


def test_edit_after_fifteen_minutes_is_refused_and_keeps_the_typed_text(client, login, comment):
    age(comment, 16)
    login(comment.author)
    page = client.get(f"/comments/{comment.id}/edit")
    assert page.status_code == 200
    assert "This comment can no longer be edited" in page.get_data(as_text=True)
    response = client.post_form(f"/comments/{comment.id}/edit", {"body": "Too late text"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "15 minutes" in text
    assert "Too late text" in text
    assert fresh(Comment, comment.id).body_md == "Keep footage for **30 days**, not 90."
    assert db.session.scalars(db.select(CommentRevision)).all() == []


def test_someone_elses_comment_cannot_be_edited(client, login, resident, comment):
    login(resident)
    assert client.get(f"/comments/{comment.id}/edit").status_code == 403
    response = client.post_form(f"/comments/{comment.id}/edit", {"body": "Hijacked"})
    assert response.status_code == 403
    assert fresh(Comment, comment.id).body_md == "Keep footage for **30 days**, not 90."


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "Write your comment."), ("x" * 5001, "up to 5000 characters")],
)
def test_bad_edit_shows_the_error_and_changes_nothing(client, login, comment, body, message):
    login(comment.author)
    response = client.post_form(f"/comments/{comment.id}/edit", {"body": body})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "error-summary" in text
    assert message in text
    assert fresh(Comment, comment.id).body_md == "Keep footage for **30 days**, not 90."


def test_signed_out_edit_page_asks_to_sign_in(client, comment):
    response = client.get(f"/comments/{comment.id}/edit")
    assert response.status_code == 302
    assert "/auth/login" in response.location


# Withdrawing ------------------------------------------------------------------------------


def test_withdraw_asks_first_then_leaves_a_withdrawn_comment(client, login, comment):
    login(comment.author)
    page = client.get(f"/comments/{comment.id}/withdraw")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Withdraw my comment" in text
    assert "<strong>30 days</strong>" in text
    assert fresh(Comment, comment.id).status == "published"
    response = post_and_follow(client, f"/comments/{comment.id}/withdraw")
    assert "Your comment is withdrawn." in response.get_data(as_text=True)
    withdrawn = fresh(Comment, comment.id)
    assert withdrawn.status == "withdrawn"
    assert withdrawn.withdrawn_at is not None
    again = client.get(f"/comments/{comment.id}/withdraw").get_data(as_text=True)
    assert "You already withdrew this comment." in again


def test_withdrawing_twice_says_so(client, login, comment):
    login(comment.author)
    client.post_form(f"/comments/{comment.id}/withdraw")
    response = post_and_follow(client, f"/comments/{comment.id}/withdraw")
    assert "This comment is already withdrawn." in response.get_data(as_text=True)


def test_someone_elses_comment_cannot_be_withdrawn(client, login, resident, comment):
    login(resident)
    assert client.get(f"/comments/{comment.id}/withdraw").status_code == 403
    assert client.post_form(f"/comments/{comment.id}/withdraw").status_code == 403
    assert fresh(Comment, comment.id).status == "published"


# Flags ------------------------------------------------------------------------------------


def _flags():
    return db.session.scalars(db.select(Flag).order_by(Flag.id)).all()


def test_flag_page_offers_each_reason_with_a_label(client, login, resident, comment):
    login(resident)
    text = client.get(f"/comments/{comment.id}/flag").get_data(as_text=True)
    for value, label in [
        ("spam", "Spam or advertising"),
        ("personal_information", "personal information"),
        ("harassment", "Harassment or threats"),
        ("hate", "Hate speech"),
        ("off_topic", "Off-topic"),
        ("other", "Something else"),
    ]:
        assert f'value="{value}"' in text
        assert label in text


def test_flag_is_stored_for_moderators(client, login, resident, comment):
    login(resident)
    response = client.post_form(f"/comments/{comment.id}/flag", {"reason": "spam"})
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Moderators will review this comment" in page
    [flag] = _flags()
    assert (flag.comment_id, flag.user_id, flag.reason) == (comment.id, resident.id, "spam")


def test_other_reason_needs_text(client, login, resident, comment):
    login(resident)
    response = client.post_form(f"/comments/{comment.id}/flag", {"reason": "other"})
    assert response.status_code == 400
    assert "Tell the moderators what is wrong." in response.get_data(as_text=True)
    assert _flags() == []
    client.post_form(
        f"/comments/{comment.id}/flag", {"reason": "other", "note": "It names my neighbour."}
    )
    [flag] = _flags()
    assert (flag.reason, flag.note) == ("other", "It names my neighbour.")


@pytest.mark.parametrize("reason", ["", "bogus"])
def test_flag_without_a_valid_reason_is_refused(client, login, resident, comment, reason):
    login(resident)
    response = client.post_form(f"/comments/{comment.id}/flag", {"reason": reason})
    assert response.status_code == 400
    assert "error-summary" in response.get_data(as_text=True)
    assert _flags() == []


def test_flagging_twice_is_refused(client, login, resident, comment):
    login(resident)
    client.post_form(f"/comments/{comment.id}/flag", {"reason": "spam"})
    response = client.post_form(f"/comments/{comment.id}/flag", {"reason": "hate"})
    assert response.status_code == 400
    assert "You already flagged this comment." in response.get_data(as_text=True)
    assert [f.reason for f in _flags()] == ["spam"]


def test_own_comment_cannot_be_flagged(client, login, comment):
    login(comment.author)
    response = client.post_form(f"/comments/{comment.id}/flag", {"reason": "spam"})
    assert response.status_code == 403
    assert "you can withdraw it" in response.get_data(as_text=True)
    assert _flags() == []


# The actions partial ----------------------------------------------------------------------


def _actions(app, user, comment, **viewer) -> str:
    with app.test_request_context():
        if user is not None:
            login_user(user)
        else:
            logout_user()
        return render_template("comments/_actions.html", comment=comment, viewer=viewer)


def test_actions_for_a_reader(app, resident, comment):
    html = _actions(app, resident, comment)
    assert f"/comments/{comment.id}/endorse" in html
    assert f"/comments/{comment.id}/flag" in html
    assert "Reply" in html
    assert "/edit" not in html and "/withdraw" not in html
    undo = _actions(app, resident, comment, endorsed=True, flagged=True)
    assert f"/comments/{comment.id}/unendorse" in undo
    assert "Undo endorsement" in undo
    assert "You flagged this comment" in undo and "/flag" not in undo


def test_actions_for_the_author(app, comment):
    html = _actions(app, comment.author, comment)
    assert f"/comments/{comment.id}/edit" in html
    assert f"/comments/{comment.id}/withdraw" in html
    assert "/endorse" not in html and "/flag" not in html
    age(comment, 20)
    assert "/edit" not in _actions(app, comment.author, comment)


def test_actions_for_a_visitor_show_only_the_count(app, ctx):
    comment = posted_comment()
    comment.endorsement_count = 3
    html = _actions(app, None, comment)
    assert "3 endorsements" in html
    assert "<form" not in html and "/flag" not in html


def test_no_actions_on_a_withdrawn_comment(app, resident, comment):
    comment.status = "withdrawn"
    assert _actions(app, resident, comment).strip() == ""


def test_replies_link_to_the_reply_form(app, resident, comment):
    reply = post(resident, comment.policy, "I agree.", parent=comment)
    html = _actions(app, resident, reply, can_reply=True)
    assert "#reply" in html or f"#comment-{reply.id}" in html
    assert "Reply" not in _actions(app, resident, reply, can_reply=False)


def test_a_withdrawn_comment_cannot_be_edited(client, login, comment):
    from engage.comments.services import withdraw_comment

    withdraw_comment(comment.author, comment)
    login(comment.author)
    page = client.get(f"/comments/{comment.id}/edit").get_data(as_text=True)
    assert "You withdrew this comment." in page
    response = client.post_form(f"/comments/{comment.id}/edit", {"body": "Changed"})
    assert response.status_code == 400
    assert fresh(Comment, comment.id).body_md == "Keep footage for **30 days**, not 90."
