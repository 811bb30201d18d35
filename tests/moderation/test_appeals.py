"""Appeals: once per decision, from the decision mail, decided by a different moderator."""

import pytest

from engage.audit import AppendOnlyError
from engage.comments.models import Comment
from engage.extensions import db
from engage.moderation.models import Action, Appeal
from engage.moderation.services.appeals import decide_appeal, file_appeal
from engage.moderation.services.decisions import decide
from engage.moderation.services.errors import ModerationError
from tests import factories
from tests.moderation.appeal_helpers import (
    decisions_of,
    department_policy,
    entries,
    guidelines,
    hidden,
    links_in,
    page,
    path_of,
)

APPEAL = "I criticised the policy, not a person. Please read it again."


@pytest.fixture
def author(ctx):
    return factories.make_user(display_name="Rosa Author")


@pytest.fixture
def decided(author, moderator):
    """A comment by `author` that `moderator` hid: (comment, decision)."""
    return hidden(moderator, author)


@pytest.fixture
def second(ctx):
    return factories.make_user(role="moderator", display_name="Maya Second")


def _appeals() -> list[Appeal]:
    return list(db.session.scalars(db.select(Appeal)))


def _fresh(model, ident):
    db.session.expire_all()
    return db.session.get(model, ident)


def _appeal_url(decision) -> str:
    return f"/moderation/decisions/{decision.id}/appeal"


# Filing -------------------------------------------------------------------------------------


def test_the_author_appeals_from_the_link_in_the_decision_mail(
    client, login, author, decided, outbox
):
    _comment, decision = decided
    (mail,) = outbox("moderation_decision")
    link = next(url for url in links_in(mail.body_text) if "/appeal" in url)
    assert path_of(link) == _appeal_url(decision)
    signed_out = client.get(path_of(link))
    assert signed_out.status_code == 302 and "/auth/login" in signed_out.location
    login(author)
    form = client.get(path_of(link))
    assert form.status_code == 200
    assert "Harassment" in page(form) and "Please argue with ideas." in page(form)
    response = client.post_form(path_of(link), {"body": APPEAL})
    assert response.status_code == 302
    (appeal,) = _appeals()
    assert (appeal.author_id, appeal.body, appeal.outcome) == (author.id, APPEAL, "pending")
    (entry,) = entries("moderation.appeal_filed")
    assert (entry.actor_id, entry.reason, entry.detail["decision_id"]) == (
        author.id,
        "harassment",
        decision.id,
    )
    (receipt,) = outbox("appeal_received")
    assert receipt.to_address == author.email and "different moderator" in receipt.body_text
    shown = page(client.get(response.location))
    assert "You appealed this decision" in shown and "Waiting for a moderator" in shown


def test_a_second_appeal_is_refused_clearly(client, login, author, decided):
    _comment, decision = decided
    login(author)
    client.post_form(_appeal_url(decision), {"body": APPEAL})
    again = client.post_form(_appeal_url(decision), {"body": "And another thing."})
    assert again.status_code == 400
    assert "You already appealed this decision" in page(again)
    assert "can be appealed once" in page(again)
    assert [a.body for a in _appeals()] == [APPEAL]
    with pytest.raises(ModerationError) as refused:
        file_appeal(author, decision, "Once more.")
    assert refused.value.code == "already"
    assert len(entries("moderation.appeal_filed")) == 1


def test_an_empty_appeal_is_a_form_error(client, login, author, decided):
    login(author)
    response = client.post_form(_appeal_url(decided[1]), {"body": "   "})
    assert response.status_code == 400
    assert "Say why the decision should be reconsidered." in page(response)
    assert _appeals() == []


def test_no_appeal_without_csrf(client, login, author, decided):
    login(author)
    response = client.post(_appeal_url(decided[1]), data={"body": APPEAL})
    assert response.status_code == 400
    assert _appeals() == []


@pytest.mark.parametrize("role", ["resident", "moderator", "staff", "admin"])
def test_only_the_author_may_appeal(client, login, decided, role):
    login(factories.make_user(role=role))
    assert client.get(_appeal_url(decided[1])).status_code == 403
    assert client.post_form(_appeal_url(decided[1]), {"body": APPEAL}).status_code == 403
    assert _appeals() == []


def test_a_restore_has_nothing_to_appeal(client, login, author, moderator):
    guidelines()
    target, _ = hidden(moderator, author)
    (restored,) = decide(
        factories.make_user(role="moderator"), [target], Action.RESTORE, "harassment"
    )
    login(author)
    # Only hides, redactions and spam marks are appealed: other decisions have no page.
    assert client.get(_appeal_url(restored)).status_code == 404
    assert client.post_form(_appeal_url(restored), {"body": APPEAL}).status_code == 404
    assert _appeals() == []


def test_a_decision_already_reversed_by_moderators_is_not_appealable(author, moderator):
    target, decision = hidden(moderator, author)
    decide(factories.make_user(role="moderator"), [target], Action.RESTORE, "harassment")
    with pytest.raises(ModerationError) as refused:
        file_appeal(author, decision, APPEAL)
    assert refused.value.code == "superseded"


def test_unknown_decision_is_404(client, login, author):
    login(author)
    assert client.get("/moderation/decisions/999999/appeal").status_code == 404


# The list of appeals ------------------------------------------------------------------------


def test_the_list_says_who_cannot_take_an_appeal(client, login, author, decided, moderator, second):
    appeal = file_appeal(author, decided[1], APPEAL)
    login(moderator)
    mine = page(client.get("/moderation/appeals"))
    assert "You made the original decision" in mine
    assert f'/moderation/appeals/{appeal.id}"' not in mine
    client.post_form("/auth/logout")
    login(second)
    theirs = page(client.get("/moderation/appeals"))
    assert f'href="/moderation/appeals/{appeal.id}"' in theirs and "Review appeal" in theirs
    assert author.email not in theirs


def test_the_list_names_a_conflict_of_interest(client, login, author, moderator, second):
    guidelines()
    policy = department_policy(second)
    _target, decision = hidden(moderator, author, policy=policy)
    file_appeal(author, decision, APPEAL)
    login(second)
    assert "You work for the department that owns this policy" in page(
        client.get("/moderation/appeals")
    )


@pytest.mark.parametrize("role", ["resident", "staff", "board"])
def test_only_moderators_see_appeals(client, login, author, decided, role):
    appeal = file_appeal(author, decided[1], APPEAL)
    login(factories.make_user(role=role))
    assert client.get("/moderation/appeals").status_code == 403
    assert client.get(f"/moderation/appeals/{appeal.id}").status_code == 403
    url = f"/moderation/appeals/{appeal.id}"
    assert client.post_form(url, {"outcome": "reversed"}).status_code == 403
    assert _fresh(Appeal, appeal.id).outcome == "pending"


# Deciding -----------------------------------------------------------------------------------


def _decide(client, appeal, outcome="upheld", note="The decision stands."):
    return client.post_form(f"/moderation/appeals/{appeal.id}", {"outcome": outcome, "note": note})


def test_the_deciding_moderator_is_refused(client, login, author, decided, moderator):
    appeal = file_appeal(author, decided[1], APPEAL)
    login(moderator)
    shown = client.get(f"/moderation/appeals/{appeal.id}")
    assert shown.status_code == 200
    assert "You made the decision under appeal" in page(shown)
    assert 'name="outcome"' not in page(shown)
    assert _decide(client, appeal, "reversed").status_code == 403
    assert _fresh(Appeal, appeal.id).outcome == "pending"
    with pytest.raises(ModerationError) as refused:
        decide_appeal(moderator, appeal, "reversed", "")
    assert refused.value.code == "own_decision"


def test_a_moderator_with_a_conflict_is_refused(client, login, author, moderator, second):
    guidelines()
    policy = department_policy(second)
    target, decision = hidden(moderator, author, policy=policy)
    appeal = file_appeal(author, decision, APPEAL)
    login(second)
    assert _decide(client, appeal, "reversed").status_code == 403
    assert _fresh(Comment, target.id).status == "hidden"
    with pytest.raises(ModerationError) as refused:
        decide_appeal(second, appeal, "reversed", "")
    assert refused.value.code == "conflict"


def test_upheld_the_comment_stays_hidden_and_the_author_is_told(
    client, login, author, decided, second, outbox
):
    target, decision = decided
    appeal = file_appeal(author, decision, APPEAL)
    login(second)
    form = client.get(f"/moderation/appeals/{appeal.id}")
    assert form.status_code == 200 and APPEAL in page(form)
    assert _decide(client, appeal, "upheld", "Names a neighbour.").status_code == 302
    stored = _fresh(Appeal, appeal.id)
    assert (stored.outcome, stored.decided_by_id, stored.outcome_note) == (
        "upheld",
        second.id,
        "Names a neighbour.",
    )
    assert _fresh(Comment, target.id).status == "hidden"
    (entry,) = entries("moderation.appeal_decided")
    assert (entry.actor_id, entry.detail["outcome"]) == (second.id, "upheld")
    (mail,) = outbox("appeal_outcome")
    assert mail.to_address == author.email
    assert "upheld" in mail.body_text and "Names a neighbour." in mail.body_text
    assert "Maya Second" not in mail.body_text


def test_reversed_the_comment_is_restored_by_the_second_moderator(
    client, login, author, decided, second, outbox
):
    target, decision = decided
    appeal = file_appeal(author, decision, APPEAL)
    login(second)
    assert _decide(client, appeal, "reversed", "Fair criticism.").status_code == 302
    assert _fresh(Comment, target.id).status == "published"
    restore = decisions_of(target)[-1]
    assert (restore.action, restore.moderator_id) == ("restore", second.id)
    assert entries("moderation.restore")[0].actor_id == second.id
    assert entries("moderation.appeal_decided")[0].detail["restore_decision_ids"] == [restore.id]
    (mail,) = outbox("appeal_outcome")
    assert "restored" in mail.body_text and "Fair criticism." in mail.body_text


def test_reversing_a_spam_mark_on_a_hidden_comment_says_it_stays_hidden(
    author, moderator, second, outbox
):
    target, _hide = hidden(moderator, author)
    (spam,) = decide(moderator, [target], Action.SPAM, "spam", "")
    decide_appeal(second, file_appeal(author, spam, APPEAL), "reversed", "")
    assert _fresh(Comment, target.id).status == "hidden"
    (mail,) = outbox("appeal_outcome")
    assert "was accepted" in mail.subject and "restored" not in mail.subject
    assert "still hidden, because of an earlier decision" in mail.body_text
    assert "everyone can read it again" not in mail.body_text


def test_reversing_a_redaction_puts_the_passage_back(author, moderator, second):
    target, decision = hidden(moderator, author, action=Action.REDACT, key="personal_information")
    assert "30 days" not in target.body_md
    decide_appeal(second, file_appeal(author, decision, APPEAL), "reversed", "")
    restored = _fresh(Comment, target.id)
    assert "30 days" in restored.body_md and restored.redacted_at is None
    assert "30 days" in restored.body_html


def test_an_appeal_is_decided_once(client, login, author, decided, second):
    appeal = file_appeal(author, decided[1], APPEAL)
    decide_appeal(second, appeal, "upheld", "")
    login(second)
    again = _decide(client, appeal, "reversed")
    assert again.status_code == 400 and "already decided" in page(again)
    assert _fresh(Appeal, appeal.id).outcome == "upheld"
    assert len(entries("moderation.appeal_decided")) == 1


def test_an_outcome_is_required(client, login, author, decided, second):
    appeal = file_appeal(author, decided[1], APPEAL)
    login(second)
    response = client.post_form(f"/moderation/appeals/{appeal.id}", {"outcome": "", "note": ""})
    assert response.status_code == 400
    assert "Choose whether the decision stands." in page(response)
    assert _fresh(Appeal, appeal.id).outcome == "pending"


def test_the_author_sees_the_outcome_on_the_appeal_page(client, login, author, decided, second):
    appeal = file_appeal(author, decided[1], APPEAL)
    decide_appeal(second, appeal, "upheld", "It names a neighbour.")
    login(author)
    shown = page(client.get(_appeal_url(decided[1])))
    assert "Upheld: the decision stands" in shown and "It names a neighbour." in shown
    assert 'name="body"' not in shown


@pytest.mark.parametrize("change", ["update", "delete"])
def test_appeal_audit_entries_are_append_only(author, decided, change):
    file_appeal(author, decided[1], APPEAL)
    (entry,) = entries("moderation.appeal_filed")
    if change == "update":
        entry.summary = "rewritten"
    else:
        db.session.delete(entry)
    with pytest.raises(AppendOnlyError):
        db.session.flush()
