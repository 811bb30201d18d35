"""Review findings on moderation: own comments, edits after review, appeals, races, markers."""

import pytest
from flask import current_app
from sqlalchemy import update as sa_update

from engage.comments.models import Comment
from engage.comments.services.errors import CommentError
from engage.comments.services.posting import edit_comment
from engage.extensions import db
from engage.moderation.models import Action, Appeal
from engage.moderation.services.appeals import decide_appeal, decide_refusal, file_appeal
from engage.moderation.services.decisions import decide
from engage.moderation.services.errors import ModerationError
from engage.moderation.services.threads import lock
from engage.permissions import can
from engage.signals import comment_changed
from engage.types import utcnow
from tests import factories
from tests.moderation.appeal_helpers import decisions_of, hidden
from tests.moderation.queue_helpers import appeal_route, flag, make_comment, with_guidelines
from tests.moderation.rules_helpers import hits, old_user, post, rule, suspend

APPEAL = "I criticised the policy, not a person."


@pytest.fixture(autouse=True)
def guidelines(ctx):
    appeal_route()
    return with_guidelines()


@pytest.fixture
def second(ctx):
    return factories.make_user(role="moderator")


# 1. Moderators never rule on their own comments ---------------------------------------------


def test_a_moderator_cannot_decide_on_their_own_comment(moderator):
    own = make_comment(author=moderator)
    assert not can(moderator, "comment:moderate", own)
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [own], Action.HIDE, "spam")
    assert refused.value.code == "own_comment"
    assert own.status == "published" and decisions_of(own) == []


def test_a_moderator_cannot_decide_the_appeal_of_their_own_comment(moderator, second):
    target, decision = hidden(second, author=moderator)
    appeal = file_appeal(moderator, decision, APPEAL)
    assert not can(moderator, "appeal:decide", appeal)
    assert decide_refusal(moderator, appeal).code == "own_comment"
    with pytest.raises(ModerationError):
        decide_appeal(moderator, appeal, "reversed")
    assert appeal.outcome == "pending" and target.status == "hidden"
    third = factories.make_user(role="moderator")
    assert decide_refusal(third, appeal) is None


# 2. Edits go through moderation too -----------------------------------------------------------


def _fresh_comment(policy=None, **fields):
    author = old_user()
    policy = policy or factories.make_policy(period="open")
    rule("word_list", enabled=False)
    return post(author, policy, "Keep footage for thirty days.", **fields), author


def _refused_edit(author, comment, code):
    before = comment.body_md
    with pytest.raises(CommentError) as refused:
        edit_comment(author, comment, "Something else entirely, now.")
    assert refused.value.code == code
    assert comment.body_md == before
    return refused.value


def test_a_suspended_author_cannot_edit(ctx):
    comment, author = _fresh_comment()
    suspend(author, starts_days_ago=0.01, ends_days_ago=-3)
    _refused_edit(author, comment, "suspended")


def test_a_comment_moderators_decided_on_cannot_be_edited(moderator):
    comment, author = _fresh_comment()
    flag(comment)
    decide(moderator, [comment], Action.APPROVE, "within_guidelines")
    error = _refused_edit(author, comment, "reviewed")
    assert str(error) == "Moderators have reviewed this comment; it can no longer be edited."


def test_a_redacted_comment_cannot_be_edited(ctx):
    comment, author = _fresh_comment()
    comment.redacted_at = utcnow()
    _refused_edit(author, comment, "reviewed")


def test_an_edit_that_trips_a_rule_is_held_again(ctx):
    comment, author = _fresh_comment()
    rule("word_list", words=["idiot"])
    changed = []

    def receiver(sender, **_):
        changed.append(sender.status)

    with comment_changed.connected_to(receiver):
        edit_comment(author, comment, "The council are idiot clowns.")
    assert comment.status == "held" and changed == ["held"]
    assert [h.rule_kind for h in hits(comment)] == ["word_list"]


def test_an_edit_on_a_pre_moderated_policy_is_held_again(ctx):
    policy = factories.make_policy(period="open")
    comment, author = _fresh_comment(policy)
    policy.moderation_mode = "pre"
    edit_comment(author, comment, "A calmer wording of my point.")
    assert comment.status == "held"


def test_a_plain_edit_stays_published(ctx):
    comment, author = _fresh_comment()
    edit_comment(author, comment, "A calmer wording of my point.")
    assert comment.status == "published" and comment.body_md == "A calmer wording of my point."


# 3. Reversing a redaction never puts back other removed details ------------------------------


def _redacted_and_appealed(moderator, body="My number is 555-0100. Keep it 30 days."):
    author = factories.make_user()
    target, decision = hidden(moderator, author=author, action=Action.REDACT, body=body)
    return target, decision, file_appeal(author, decision, APPEAL)


def _refused_reversal(second, appeal, code):
    target = appeal.decision.comment
    before = (target.body_md, target.status, len(decisions_of(target)))
    with pytest.raises(ModerationError) as refused:
        decide_appeal(second, appeal, "reversed")
    assert refused.value.code == code
    assert (target.body_md, target.status, len(decisions_of(target))) == before
    assert appeal.outcome == "pending"


def test_a_redaction_followed_by_another_decision_is_not_reversed(moderator, second):
    target, _decision, appeal = _redacted_and_appealed(moderator)
    decide(moderator, [target], Action.REDACT, "personal_information", redact_passage="555-0100")
    _refused_reversal(second, appeal, "superseded")
    assert "555-0100" not in target.body_md


def test_a_redaction_whose_text_changed_since_is_not_reversed(moderator, second):
    target, _decision, appeal = _redacted_and_appealed(moderator)
    target.body_md = target.body_md.replace("555-0100", "[removed]")
    _refused_reversal(second, appeal, "text_changed")


def test_a_redaction_is_reversed_when_nothing_changed_since(moderator, second):
    target, decision, appeal = _redacted_and_appealed(moderator)
    decide_appeal(second, appeal, "reversed")
    assert target.body_md == decision.text_before and target.redacted_at is None


# 4. Lock notes stay internal -------------------------------------------------------------------


def test_the_author_cannot_open_an_appeal_page_for_a_lock(client, login, moderator):
    author = factories.make_user()
    root = make_comment(author=author)
    lock(moderator, root, "off_topic", "Internal: the author keeps baiting people.")
    (decision,) = decisions_of(root)
    login(author)
    response = client.get(f"/moderation/decisions/{decision.id}/appeal")
    assert response.status_code == 404
    assert "baiting" not in response.get_data(as_text=True)
    assert (
        client.post_form(
            f"/moderation/decisions/{decision.id}/appeal", {"body": APPEAL}
        ).status_code
        == 404
    )


def test_the_decision_summary_never_shows_a_lock_note(moderator):
    root = make_comment()
    lock(moderator, root, "off_topic", "Internal: the author keeps baiting people.")
    (decision,) = decisions_of(root)
    with current_app.test_request_context("/"):
        macro = current_app.jinja_env.get_template("moderation/_appeal_parts.html").module
        shown = str(macro.decision_summary(decision, "Off topic"))
    assert "Off topic" in shown and "baiting" not in shown


# 5. A reversal returns the comment to where it was ----------------------------------------------


def test_reversing_spam_on_a_hidden_comment_leaves_it_hidden(moderator, second):
    author = factories.make_user()
    target, hide = hidden(moderator, author=author, key="harassment")
    file_appeal(author, hide, APPEAL)
    decide_appeal(second, db.session.scalar(db.select(Appeal)), "upheld")
    (spam,) = decide(second, [target], Action.SPAM, "spam")
    appeal = file_appeal(author, spam, APPEAL)
    decide_appeal(factories.make_user(role="moderator"), appeal, "reversed")
    assert target.status == "hidden"
    assert target.moderation_reason == "harassment"
    assert decisions_of(target)[-1].new_status == "hidden"


def test_reversing_a_hide_of_a_held_comment_returns_it_to_the_queue(moderator, second):
    author = factories.make_user()
    target, hide = hidden(moderator, author=author, status="held")
    decide_appeal(second, file_appeal(author, hide, APPEAL), "reversed")
    assert target.status == "held"


# 7. Two moderators at once: the second is refused, nothing half-changed ----------------------


def _changed_behind_the_session(model, ident, **values):
    """What another moderator's committed change looks like to a session that read earlier."""
    db.session.execute(
        sa_update(model)
        .where(model.id == ident)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def test_a_comment_decided_meanwhile_refuses_the_whole_batch(moderator, outbox):
    fresh, raced = make_comment(), make_comment()
    _changed_behind_the_session(Comment, raced.id, status="hidden")
    assert raced.status == "published"  # the session still sees what it read
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [fresh, raced], Action.SPAM, "spam", batch=True)
    assert refused.value.code == "already"
    db.session.expire_all()
    assert [db.session.get(Comment, c.id).status for c in (fresh, raced)] == [
        "published",
        "hidden",
    ]
    assert decisions_of(fresh) == decisions_of(raced) == []
    assert outbox("moderation_decision") == []


def test_a_redaction_of_text_changed_meanwhile_is_refused(moderator):
    target = make_comment(body="Call me on 555-0100 about it.")
    _changed_behind_the_session(Comment, target.id, body_md="Call me about it.")
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [target], Action.REDACT, "personal_information", redact_passage="555")
    assert refused.value.code == "already"


def test_an_appeal_decided_meanwhile_is_refused_and_nothing_is_restored(moderator, second):
    author = factories.make_user()
    target, hide = hidden(moderator, author=author)
    appeal = file_appeal(author, hide, APPEAL)
    _changed_behind_the_session(Appeal, appeal.id, outcome="upheld")
    with pytest.raises(ModerationError) as refused:
        decide_appeal(second, appeal, "reversed")
    assert refused.value.code == "already"
    db.session.expire_all()
    assert db.session.get(Comment, target.id).status == "hidden"
    assert len(decisions_of(target)) == 1


# 8. Published replies always show ----------------------------------------------------------------


def test_a_hidden_root_with_an_approved_reply_keeps_its_thread(client, moderator):
    policy = factories.make_policy(period="open")
    root = make_comment(policy=policy, body="The first comment of the thread.")
    reply = make_comment(
        policy=policy,
        status="held",
        parent_id=root.id,
        root_id=root.id,
        depth=1,
        body="A held reply that moderators approve.",
    )
    decide(moderator, [root], Action.HIDE, "harassment")
    decide(moderator, [reply], Action.APPROVE, "within_guidelines")
    db.session.expire_all()
    assert db.session.get(Comment, root.id).reply_count == 1
    page = client.get(f"/policies/{policy.slug}").get_data(as_text=True)
    assert "A held reply that moderators approve." in page
    assert "The first comment of the thread." not in page


def test_a_hidden_root_whose_replies_are_all_hidden_is_left_out(client, moderator):
    policy = factories.make_policy(period="open")
    root = make_comment(policy=policy, reply_count=1)
    make_comment(
        policy=policy,
        status="hidden",
        parent_id=root.id,
        root_id=root.id,
        depth=1,
        body="A hidden reply.",
    )
    decide(moderator, [root], Action.HIDE, "harassment")
    page = client.get(f"/policies/{policy.slug}").get_data(as_text=True)
    assert "Hidden by moderators" not in page


# 9. The redaction marker ---------------------------------------------------------------------


def test_the_marker_never_becomes_a_link_definition(moderator):
    target = make_comment(body="12 Elm Street: https://example.org/more\n\nKeep it 30 days.")
    decide(
        moderator, [target], Action.REDACT, "personal_information", redact_passage="12 Elm Street"
    )
    assert "[removed by moderators: Personal information]" in target.body_html
    assert "example.org/more" in target.body_html


def test_a_redaction_gives_its_reason_and_keeps_it_when_flags_are_dismissed(moderator):
    target = make_comment(body="Call 555-0100 about it.")
    decide(moderator, [target], Action.REDACT, "personal_information", redact_passage="555-0100")
    assert target.moderation_reason == "personal_information"
    flag(target)
    decide(moderator, [target], Action.APPROVE, "within_guidelines")
    assert target.moderation_reason == "personal_information"


def test_a_comment_language_babel_does_not_know_gets_an_english_marker(moderator):
    target = make_comment(body="Call 555-0100 about it.", language="xx-nowhere")
    decide(moderator, [target], Action.REDACT, "personal_information", redact_passage="555-0100")
    assert "removed by moderators" in target.body_md


# 10. Odd input is a form error or ignored, never a 500 -------------------------------------------


def test_odd_queue_filters_are_ignored(client, login, moderator):
    login(moderator)
    make_comment(status="held", body="Waiting for a moderator.")
    for query in (
        "policy=99999999999999999999",
        "policy=%C2%B2",
        "_external=1&_scheme=javascript",
        "tab=held&_anchor=x&_method=POST&comment_id=3",
    ):
        response = client.get(f"/moderation?{query}")
        assert response.status_code == 200, query
        assert "Waiting for a moderator." in response.get_data(as_text=True)
        assert "javascript" not in response.get_data(as_text=True).split("bulk-form")[1][:200]


def test_an_out_of_range_bulk_selection_is_a_form_error(client, login, moderator):
    login(moderator)
    target = make_comment(status="held")
    for ids in ("99999999999999999999", "0"):
        response = client.post_form(
            "/moderation/bulk?tab=held&_scheme=javascript",
            {"bulk-comment_ids": ids, "bulk-action": "approve", "bulk-guideline": "spam"},
        )
        assert response.status_code == 400, ids
    response = client.post_form(
        "/moderation/bulk?tab=held&_external=1&_scheme=javascript&page=x",
        {"bulk-comment_ids": str(target.id), "bulk-action": "approve", "bulk-guideline": "spam"},
    )
    assert response.status_code == 302
    assert response.location.endswith("/moderation?tab=held")


def test_the_author_is_told_an_edit_waits_for_review(client, login, ctx):
    comment, author = _fresh_comment()
    rule("word_list", words=["idiot"])
    login(author)
    response = client.post_form(
        f"/comments/{comment.id}/edit", {"body": "The council are idiot clowns."}
    )
    assert response.status_code in (302, 303)
    page = client.get(response.location).get_data(as_text=True)
    assert "Moderators will review the new text before it is shown again." in page
