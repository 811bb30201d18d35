"""decide(): each action's effect, the records it leaves, the mail it sends, its refusals."""

import pytest

from engage.audit import AuditEntry
from engage.comments.models import Comment, Flag
from engage.extensions import db
from engage.moderation.models import Action, Decision
from engage.moderation.services import decisions
from engage.moderation.services.decisions import decide, valid_actions
from engage.moderation.services.errors import ModerationError
from engage.signals import comment_changed
from tests import factories
from tests.moderation.queue_helpers import (
    appeal_route,
    department_policy,
    flag,
    make_comment,
    with_guidelines,
)


@pytest.fixture(autouse=True)
def guidelines(ctx):
    appeal_route()
    return with_guidelines()


def _audit(action: str) -> list[AuditEntry]:
    return db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
    ).all()


def _open_flags(comment) -> int:
    return len(
        db.session.scalars(
            db.select(Flag).where(Flag.comment_id == comment.id, Flag.resolved_at.is_(None))
        ).all()
    )


# Each action ---------------------------------------------------------------------------------


def test_hide_sets_the_placeholder_data_and_resolves_flags(moderator):
    comment = make_comment()
    flag(comment)
    flag(comment, "personal_information")
    [decision] = decide(moderator, [comment], Action.HIDE, "harassment", "Name-calling.")
    assert comment.status == "hidden"
    assert comment.moderated_at is not None
    assert comment.moderation_reason == "harassment"
    assert _open_flags(comment) == 0
    assert (decision.previous_status, decision.new_status) == ("published", "hidden")
    assert decision.moderator_id == moderator.id
    assert decision.subject_user_id == comment.author_id
    assert decision.note == "Name-calling."
    assert decision.batch_id is None


def test_approve_publishes_a_held_comment(moderator):
    comment = make_comment(status="held")
    [decision] = decide(moderator, [comment], Action.APPROVE, "within_guidelines")
    assert comment.status == "published"
    assert comment.moderated_at is None
    assert decision.previous_status == "held"


def test_approve_of_a_flagged_comment_dismisses_its_flags(moderator, outbox):
    comment = make_comment()
    flag(comment)
    decide(moderator, [comment], Action.APPROVE, "within_guidelines")
    assert comment.status == "published"
    assert _open_flags(comment) == 0
    assert outbox("moderation_decision") == []  # nothing happened to the author's comment


def test_redact_replaces_the_passage_and_keeps_the_text_before_and_after(moderator):
    body = "I live at 12 Elm Street, Dorchester.\n\nKeep the footage for 30 days."
    comment = make_comment(body=body)
    [decision] = decide(
        moderator,
        [comment],
        Action.REDACT,
        "personal_information",
        redact_passage="12 Elm  Street,\nDorchester",  # spacing differs from the comment
    )
    marker = "[removed by moderators: Personal information]"
    typed = "\\[removed by moderators: Personal information\\]"  # never Markdown
    assert comment.body_md == f"I live at {typed}.\n\nKeep the footage for 30 days."
    assert "Elm" not in comment.body_html
    assert marker in comment.body_html
    assert comment.status == "published"
    assert comment.redacted_at is not None
    assert decision.text_before == body
    assert decision.text_after == comment.body_md
    entry = _audit("moderation.redact")[-1]
    assert entry.detail["text_before"] == body
    assert entry.detail["text_after"] == comment.body_md


def test_redaction_marker_is_written_in_the_comments_language(moderator):
    comment = make_comment(body="Vivo en 12 Elm Street.", language="es")
    decide(
        moderator, [comment], Action.REDACT, "personal_information", redact_passage="12 Elm Street"
    )
    assert "12 Elm" not in comment.body_md
    assert comment.body_md.startswith("Vivo en \\[")


def test_redact_refuses_a_passage_not_in_the_comment(moderator):
    comment = make_comment(body="Nothing personal here.")
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [comment], Action.REDACT, "personal_information", redact_passage="Elm")
    assert (refused.value.field, refused.value.code) == ("passage", "passage_not_found")
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [comment], Action.REDACT, "personal_information", redact_passage=" ")
    assert refused.value.field == "passage"
    assert comment.body_md == "Nothing personal here."
    assert db.session.scalars(db.select(Decision)).all() == []


def test_restore_brings_back_a_hidden_comment(moderator):
    comment = make_comment()
    decide(moderator, [comment], Action.HIDE, "harassment")
    decide(moderator, [comment], Action.RESTORE, "within_guidelines", "On second reading.")
    assert comment.status == "published"
    assert comment.moderated_at is None
    assert comment.moderation_reason is None


def test_spam(moderator):
    comment = make_comment(status="held")
    [decision] = decide(moderator, [comment], Action.SPAM, "spam")
    assert comment.status == "spam"
    assert comment.moderation_reason == "spam"
    assert decision.new_status == "spam"


def test_valid_actions_follow_the_status(ctx):
    assert valid_actions(make_comment(status="held")) == [
        Action.APPROVE,
        Action.HIDE,
        Action.REDACT,
        Action.SPAM,
    ]
    assert Action.APPROVE not in valid_actions(make_comment(), has_open_flags=False)
    assert valid_actions(make_comment(status="hidden")) == [Action.RESTORE, Action.SPAM]
    assert valid_actions(make_comment(status="withdrawn")) == []


def test_each_changed_comment_signals_a_change(moderator):
    comments = [make_comment(), make_comment()]
    seen = []

    def receiver(sender, **_):
        seen.append(sender.id)

    with comment_changed.connected_to(receiver):
        decide(moderator, comments, Action.HIDE, "off_topic", batch=True)
    assert seen == [c.id for c in comments]


# Audit ---------------------------------------------------------------------------------------


def test_one_audit_entry_per_decision_with_who_what_and_why(moderator):
    comments = [make_comment(), make_comment()]
    decisions = decide(moderator, comments, Action.HIDE, "off_topic", "Ads.", batch=True)
    entries = _audit("moderation.hide")
    assert len(entries) == 2
    assert {e.target_id for e in entries} == {str(c.id) for c in comments}
    for entry in entries:
        assert entry.actor_id == moderator.id
        assert entry.reason == "off_topic"
        assert entry.detail["note"] == "Ads."
        assert entry.detail["batch_id"] == decisions[0].batch_id
        assert entry.target_type == "comment"
    assert decisions[0].batch_id and decisions[0].batch_id == decisions[1].batch_id


# Mail ----------------------------------------------------------------------------------------


def test_the_author_is_told_why_with_the_note_and_an_appeal_link(moderator, outbox):
    author = factories.make_user(display_name="Ana")
    comment = make_comment(author=author)
    [decision] = decide(moderator, [comment], Action.HIDE, "harassment", "Please rephrase.")
    [mail] = outbox("moderation_decision")
    assert mail.to_address == author.email
    assert comment.policy.title in mail.subject
    assert "Harassment" in mail.body_text
    assert "Please rephrase." in mail.body_text
    assert comment.tracking_number in mail.body_text
    assert f"http://engage.test/moderation/decisions/{decision.id}/appeal" in mail.body_text


def test_approval_of_a_held_comment_says_it_is_published_without_an_appeal_link(moderator, outbox):
    comment = make_comment(status="held")
    decide(moderator, [comment], Action.APPROVE, "within_guidelines")
    [mail] = outbox("moderation_decision")
    assert "published" in mail.subject
    assert "/appeal" not in mail.body_text


def test_mail_is_in_the_authors_language(moderator, monkeypatch):
    queued = []
    original = decisions.queue_mail

    def spy(to, template, **kwargs):
        queued.append((to, kwargs["locale"]))
        return original(to, template, **kwargs)

    monkeypatch.setattr(decisions, "queue_mail", spy)
    author = factories.make_user(preferred_language="es")
    decide(moderator, [make_comment(author=author)], Action.HIDE, "harassment")
    assert queued == [(author.email, "es")]


def test_no_mail_for_comments_without_an_account(moderator, outbox):
    comment = make_comment(author_id=None, author_name="Letter writer", channel="letter")
    decide(moderator, [comment], Action.HIDE, "harassment")
    assert outbox("moderation_decision") == []
    assert comment.status == "hidden"


# Refusals ------------------------------------------------------------------------------------


def test_an_item_already_decided_is_refused_and_nothing_changes_twice(moderator, outbox):
    comment = make_comment()
    decide(moderator, [comment], Action.HIDE, "harassment")
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [comment], Action.HIDE, "off_topic")
    assert refused.value.code == "already"
    assert comment.tracking_number in str(refused.value)
    assert comment.moderation_reason == "harassment"
    assert len(db.session.scalars(db.select(Decision)).all()) == 1
    assert len(outbox("moderation_decision")) == 1


def test_approving_a_published_comment_without_flags_is_already_decided(moderator):
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [make_comment()], Action.APPROVE, "within_guidelines")
    assert refused.value.code == "already"


def test_a_withdrawn_comment_is_refused(moderator):
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [make_comment(status="withdrawn")], Action.HIDE, "harassment")
    assert refused.value.code == "withdrawn"


@pytest.mark.parametrize("key", ["", "not_a_guideline"])
def test_the_reason_must_be_a_current_guideline(moderator, key):
    comment = make_comment()
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [comment], Action.HIDE, key)
    assert refused.value.field == "guideline"
    assert comment.status == "published"


def test_unknown_action_is_refused(moderator):
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [make_comment()], "lock", "harassment")
    assert refused.value.field == "action"


def test_note_length_is_limited(moderator):
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [make_comment()], Action.HIDE, "harassment", "x" * 2001)
    assert refused.value.field == "note"


@pytest.mark.parametrize("role", ["resident", "staff", "board"])
def test_only_moderators_decide(role):
    user = factories.make_user(role=role)
    comment = make_comment()
    with pytest.raises(ModerationError) as refused:
        decide(user, [comment], Action.HIDE, "harassment")
    assert refused.value.code == "forbidden"
    assert comment.status == "published"


def test_a_moderator_of_the_owning_department_is_refused(moderator):
    comment = make_comment(policy=department_policy(moderator))
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [comment], Action.HIDE, "harassment")
    assert refused.value.code == "conflict"
    assert comment.status == "published"


def test_bulk_over_mixed_permission_items_is_refused_as_a_whole(moderator, outbox):
    allowed = [make_comment(), make_comment(status="held")]
    conflicted = make_comment(policy=department_policy(moderator))
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [*allowed, conflicted], Action.HIDE, "harassment", batch=True)
    assert refused.value.code == "conflict"
    assert conflicted.tracking_number in str(refused.value)
    db.session.expire_all()
    assert [db.session.get(Comment, c.id).status for c in allowed] == ["published", "held"]
    assert db.session.scalars(db.select(Decision)).all() == []
    assert _audit("moderation.hide") == []
    assert outbox("moderation_decision") == []


def test_bulk_with_one_item_already_decided_changes_nothing(moderator):
    fresh = make_comment()
    decided = make_comment(status="hidden")
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [fresh, decided], Action.HIDE, "harassment", batch=True)
    assert refused.value.code == "already"
    assert decided.tracking_number in str(refused.value)
    assert fresh.tracking_number not in str(refused.value)
    assert fresh.status == "published"


def test_nothing_selected_is_refused(moderator):
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [], Action.HIDE, "harassment")
    assert refused.value.code == "empty"


def test_no_guidelines_published_yet(moderator, guidelines):
    db.session.delete(guidelines)
    db.session.flush()
    with pytest.raises(ModerationError) as refused:
        decide(moderator, [make_comment()], Action.HIDE, "harassment")
    assert refused.value.code == "no_guidelines"


def test_staff_of_the_department_who_are_not_moderators_are_simply_forbidden(staff):
    comment = make_comment(policy=department_policy(staff))
    with pytest.raises(ModerationError) as refused:
        decide(staff, [comment], Action.HIDE, "harassment")
    assert refused.value.code == "forbidden"


def test_large_selections_are_read_and_resolved_in_slices(moderator, monkeypatch):
    monkeypatch.setattr(decisions, "CHUNK", 2)
    comments = [make_comment() for _ in range(5)]
    for comment in comments:
        flag(comment)
    decide(moderator, comments, Action.APPROVE, "within_guidelines", batch=True)
    assert [_open_flags(c) for c in comments] == [0] * 5


def test_callers_that_send_their_own_mail_can_skip_the_authors_mail(moderator, outbox):
    comment = make_comment(status="hidden")
    decide(moderator, [comment], Action.RESTORE, "harassment", notify=False)
    assert comment.status == "published"
    assert outbox("moderation_decision") == []


def test_restore_mail_says_the_comment_is_back(moderator, outbox):
    decide(moderator, [make_comment(status="hidden")], Action.RESTORE, "harassment", "Sorry.")
    [mail] = outbox("moderation_decision")
    assert "shown again" in mail.subject
    assert "checked it against the community guidelines (Harassment" in mail.body_text
    assert "/appeal" not in mail.body_text
