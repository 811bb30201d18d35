"""Suspending accounts: for days or for good, with a guideline; lifted; mailed; audited."""

from datetime import timedelta

import pytest

from engage.audit import AppendOnlyError
from engage.comments.services import CommentData, CommentError, post_comment
from engage.extensions import db
from engage.moderation.models import Decision, Suspension
from engage.moderation.services.errors import ModerationError
from engage.moderation.services.suspensions import active_suspension, lift, suspend
from engage.types import utcnow
from tests import factories
from tests.moderation.appeal_helpers import entries, guidelines, page

ROLES_REFUSED = ("resident", "staff", "board")


@pytest.fixture
def target(ctx):
    guidelines()
    return factories.make_user(display_name="Dale Target")


def _suspend(client, user, **data):
    form = {"guideline_key": "harassment", "length": "days", "days": "7", "note": "Insults."}
    form.update(data)
    return client.post_form(f"/moderation/users/{user.id}/suspend", form)


def _suspensions(user) -> list[Suspension]:
    return list(db.session.scalars(db.select(Suspension).where(Suspension.user_id == user.id)))


# The service --------------------------------------------------------------------------------


def test_active_suspension_follows_end_and_lift(target, moderator):
    assert active_suspension(target) is None
    suspension = suspend(moderator, target, "harassment", "", 3)
    assert active_suspension(target) == suspension
    assert active_suspension(target, at=utcnow() + timedelta(days=4)) is None
    lift(moderator, suspension, "Apologised.")
    assert active_suspension(target) is None


def test_a_permanent_suspension_has_no_end(target, moderator):
    suspension = suspend(moderator, target, "spam", "Bot.", None)
    assert suspension.ends_at is None
    assert active_suspension(target, at=utcnow() + timedelta(days=3650)) == suspension


@pytest.mark.parametrize(
    ("who", "key", "days", "code"),
    [
        ("self", "harassment", 7, "self"),
        ("admin", "harassment", 7, "protected"),
        ("other", "not_a_guideline", 7, "reason"),
        ("other", "harassment", 0, "days"),
        ("other", "harassment", 4000, "days"),
    ],
)
def test_refusals_change_nothing(target, moderator, who, key, days, code):
    user = {"self": moderator, "admin": factories.make_user(role="admin"), "other": target}[who]
    with pytest.raises(ModerationError) as refused:
        suspend(moderator, user, key, "", days)
    assert refused.value.code == code
    assert _suspensions(user) == []


def test_suspended_accounts_can_read_not_post(client, login, target, moderator):
    policy = factories.make_policy(period="open")
    suspend(moderator, target, "harassment", "", 7)
    with pytest.raises(CommentError) as refused:
        post_comment(target, policy, CommentData(body="Let me in."))
    assert refused.value.code == "suspended"
    login(target)
    assert client.get(f"/policies/{policy.slug}").status_code == 200


# The pages ----------------------------------------------------------------------------------


def test_moderator_suspends_for_days_and_the_account_is_told(
    client, login, target, moderator, outbox
):
    login(moderator)
    form = client.get(f"/moderation/users/{target.id}/suspend")
    assert form.status_code == 200
    assert "Dale Target" in page(form) and target.email not in page(form)
    response = _suspend(client, target)
    assert response.status_code == 302
    (suspension,) = _suspensions(target)
    assert suspension.guideline_key == "harassment" and suspension.note == "Insults."
    assert timedelta(days=6, hours=23) < suspension.ends_at - utcnow() <= timedelta(days=7)
    decision = db.session.scalar(db.select(Decision).where(Decision.subject_user_id == target.id))
    assert (decision.action, decision.moderator_id) == ("suspend", moderator.id)
    (entry,) = entries("moderation.suspend")
    assert (entry.actor_id, entry.reason, entry.detail["note"]) == (
        moderator.id,
        "harassment",
        "Insults.",
    )
    (mail,) = outbox("account_suspended")
    assert mail.to_address == target.email
    assert "Harassment" in mail.body_text and "Insults." in mail.body_text
    assert "until" in mail.body_text and "can't post" in mail.body_text
    shown = page(client.get(response.location))
    assert "Suspended until" in shown and "Lift the suspension" in shown


def test_permanent_suspension_is_mailed_as_permanent(client, login, target, moderator, outbox):
    login(moderator)
    _suspend(client, target, length="permanent", days="")
    (suspension,) = _suspensions(target)
    assert suspension.ends_at is None
    assert "permanently" in outbox("account_suspended")[0].body_text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"guideline_key": ""}, "Choose the guideline this action is based on."),
        ({"days": ""}, "Enter the number of days."),
        ({"days": "0"}, "Enter 1 to 3650 days."),
        ({"length": ""}, "Choose how long."),
    ],
)
def test_bad_input_is_a_form_error(client, login, target, moderator, data, message):
    login(moderator)
    response = _suspend(client, target, **data)
    assert response.status_code == 400
    assert message in page(response)
    assert _suspensions(target) == []


def test_suspending_twice_is_refused(client, login, target, moderator):
    login(moderator)
    _suspend(client, target)
    response = _suspend(client, target, days="30")
    assert response.status_code == 400
    assert len(_suspensions(target)) == 1


def test_without_csrf_nothing_changes(client, login, target, moderator):
    login(moderator)
    response = client.post(
        f"/moderation/users/{target.id}/suspend",
        data={"guideline_key": "harassment", "length": "days", "days": "7"},
    )
    assert response.status_code == 400
    assert _suspensions(target) == []


def test_lift_ends_it_now_and_is_audited(client, login, target, moderator, outbox):
    suspension = suspend(moderator, target, "harassment", "", 7)
    login(moderator)
    url = f"/moderation/suspensions/{suspension.id}/lift"
    assert client.post_form(url, {"note": "Apologised."}).status_code == 302
    assert db.session.get(Suspension, suspension.id).lifted_by_id == moderator.id
    assert entries("moderation.lift_suspension")[0].detail["note"] == "Apologised."
    assert outbox("suspension_lifted")[0].to_address == target.email
    again = client.post_form(url, {"note": ""})
    assert again.status_code == 302
    assert "This suspension has already ended." in page(client.get(again.location))
    assert len(entries("moderation.lift_suspension")) == 1


def test_current_suspensions_are_listed_for_moderators(client, login, target, moderator):
    suspend(moderator, target, "harassment", "", 7)
    login(moderator)
    listing = page(client.get("/moderation/suspensions"))
    assert "Dale Target" in listing and "Harassment" in listing


@pytest.mark.parametrize("role", ROLES_REFUSED)
def test_only_moderators_suspend(client, login, target, role):
    suspension = suspend(factories.make_user(role="moderator"), target, "harassment", "", 7)
    login(factories.make_user(role=role))
    assert client.get(f"/moderation/users/{target.id}/suspend").status_code == 403
    assert client.get("/moderation/suspensions").status_code == 403
    assert _suspend(client, target).status_code == 403
    lifted = client.post_form(f"/moderation/suspensions/{suspension.id}/lift", {"note": ""})
    assert lifted.status_code == 403
    assert db.session.get(Suspension, suspension.id).lifted_at is None


def test_signed_out_visitors_are_sent_to_sign_in(client, target):
    response = client.get(f"/moderation/users/{target.id}/suspend")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_admins_may_suspend(client, login, target):
    login(factories.make_user(role="admin"))
    assert _suspend(client, target).status_code == 302
    assert len(_suspensions(target)) == 1


def test_unknown_account_is_404(client, login, moderator):
    login(moderator)
    assert client.get("/moderation/users/999999/suspend").status_code == 404


# The audit log ------------------------------------------------------------------------------


def test_moderation_entries_in_the_admin_log_and_csv(client, login, target, moderator):
    suspend(moderator, target, "harassment", "Insults in three threads.", 7)
    login(factories.make_user(role="admin"))
    log = page(client.get("/admin/audit?action=moderation."))
    assert "moderation.suspend" in log and "harassment" in log
    assert "Insults in three threads." in log and moderator.display_name in log
    csv = page(client.get("/admin/audit.csv?action=moderation."))
    header = csv.splitlines()[0]
    assert header.endswith("created_at,detail")
    assert "moderation.suspend" in csv and "Insults in three threads." in csv


@pytest.mark.parametrize("change", ["update", "delete"])
def test_moderation_audit_entries_are_append_only(target, moderator, change):
    suspend(moderator, target, "harassment", "", 7)
    (entry,) = entries("moderation.suspend")
    if change == "update":
        entry.reason = "rewritten"
    else:
        db.session.delete(entry)
    with pytest.raises(AppendOnlyError):
        db.session.flush()
