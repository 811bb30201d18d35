"""Admins edit the screening rules; staff choose each policy's moderation mode."""

import pytest

from engage.extensions import db
from engage.moderation.models import ModerationRule
from engage.moderation.rules_cli import moderation_rules_command
from engage.moderation.services.rules import default_rules
from engage.policies.models import Policy
from tests import factories
from tests.comments.helpers_thread import text
from tests.moderation.rules_helpers import audits, old_user, post

ADMIN_PAGES = ("/moderation/rules", "/moderation/rules/{id}", "/moderation/guidelines/edit")
ADMIN_POSTS = (
    "/moderation/rules/defaults",
    "/moderation/rules/{id}",
    "/moderation/guidelines/edit",
)


def _rule(kind: str) -> ModerationRule:
    return next(r for r in default_rules() if r.kind == kind)


def _rule_count() -> int:
    return db.session.scalar(db.select(db.func.count(ModerationRule.id)))


# Permissions --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["resident", "moderator", "staff", "board"])
@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_only_admins_open_the_rule_and_guideline_pages(client, login, ctx, role, page):
    login(factories.make_user(role=role))
    assert client.get(page.format(id=_rule("burst").id)).status_code == 403


@pytest.mark.parametrize("role", ["resident", "moderator", "staff", "board"])
@pytest.mark.parametrize("page", ADMIN_POSTS)
def test_only_admins_post_to_the_rule_and_guideline_pages(client, login, ctx, role, page):
    login(factories.make_user(role=role))
    url = page.format(id=_rule("burst").id)
    assert client.post_form(url, {"enabled": "", "change_note": "x"}).status_code == 403


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_admins_open_the_rule_and_guideline_pages(client, login, admin, page):
    login(admin)
    assert client.get(page.format(id=_rule("burst").id)).status_code == 200


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_signed_out_visitors_are_not_let_in(client, ctx, page):
    assert client.get(page.format(id=_rule("burst").id)).status_code in (302, 401)


def test_non_admins_cannot_change_a_rule(client, login, ctx):
    rule = _rule("burst")
    login(factories.make_user(role="moderator"))
    client.post_form(f"/moderation/rules/{rule.id}", {"max_comments": "1", "window_minutes": "1"})
    db.session.refresh(rule)
    assert rule.enabled
    assert rule.params == {"max_comments": 5, "window_minutes": 10}


# The list and the defaults ------------------------------------------------------------------


def test_the_list_offers_the_defaults_until_rules_exist(client, login, admin):
    login(admin)
    assert "Create the default rules" in text(client.get("/moderation/rules"))
    response = client.post_form("/moderation/rules/defaults")
    assert response.status_code == 302
    assert _rule_count() == 5
    page = text(client.get("/moderation/rules"))
    assert "More than 5 comments within 10 minutes" in page
    assert "Accounts younger than 7 days" in page
    assert "Create the default rules" not in page


def test_creating_the_defaults_needs_the_csrf_token(client, login, admin):
    login(admin)
    assert client.post("/moderation/rules/defaults").status_code == 400
    assert _rule_count() == 0


def test_the_cli_creates_the_defaults_once(app, ctx):
    runner = app.test_cli_runner()
    first = runner.invoke(moderation_rules_command)
    second = runner.invoke(moderation_rules_command)
    assert first.exit_code == 0, first.output
    assert "5 screening rules" in first.output
    assert "5 screening rules" in second.output
    assert _rule_count() == 5


def test_the_list_counts_held_comments_per_rule_with_a_link_to_the_queue(client, login, admin):
    rule = _rule("word_list")
    rule.params = {"words": ["idiot"]}
    policy = factories.make_policy(period="open")
    post(old_user(), policy, "An idiot wrote this.")
    login(admin)
    page = text(client.get("/moderation/rules"))
    assert 'href="/moderation?tab=held&amp;rule=word_list"' in page
    assert "1 held comment waits because of this rule" in page


# Editing a rule -----------------------------------------------------------------------------


def test_an_admin_changes_a_rule_and_the_audit_log_keeps_before_and_after(client, login, admin):
    rule = _rule("burst")
    login(admin)
    response = client.post_form(
        f"/moderation/rules/{rule.id}", {"enabled": "y", "max_comments": "3", "window_minutes": "5"}
    )
    assert response.status_code == 302
    db.session.refresh(rule)
    assert rule.params == {"max_comments": 3, "window_minutes": 5}
    assert rule.updated_by_id == admin.id
    [entry] = audits("moderation.rule_update", rule.id)
    assert entry.actor_id == admin.id
    assert entry.detail["before"]["params"] == {"max_comments": 5, "window_minutes": 10}
    assert entry.detail["after"]["params"] == {"max_comments": 3, "window_minutes": 5}


def test_disabling_a_rule_is_audited_and_saving_unchanged_is_not(client, login, admin):
    rule = _rule("recently_suspended")
    login(admin)
    data = {"within_days": "30"}
    client.post_form(f"/moderation/rules/{rule.id}", data)  # no "enabled": switched off
    db.session.refresh(rule)
    assert not rule.enabled
    client.post_form(f"/moderation/rules/{rule.id}", data)
    [entry] = audits("moderation.rule_update", rule.id)
    assert entry.detail["after"]["enabled"] is False


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"max_comments": "0", "window_minutes": "10"}, "Number must be between 1 and 500."),
        ({"max_comments": "501", "window_minutes": "10"}, "Number must be between 1 and 500."),
        ({"max_comments": "five", "window_minutes": "10"}, "Not a valid integer value."),
        ({"max_comments": "", "window_minutes": "10"}, "Enter a whole number."),
        ({"max_comments": "5", "window_minutes": "1441"}, "Number must be between 1 and 1440."),
    ],
)
def test_out_of_range_settings_are_refused(client, login, admin, data, message):
    rule = _rule("burst")
    login(admin)
    response = client.post_form(f"/moderation/rules/{rule.id}", {"enabled": "y", **data})
    assert response.status_code == 400
    assert message in text(response)
    db.session.refresh(rule)
    assert rule.params == {"max_comments": 5, "window_minutes": 10}
    assert audits("moderation.rule_update") == []


def test_the_word_list_is_one_per_line(client, login, admin):
    rule = _rule("word_list")
    login(admin)
    words = "  scam \r\n\r\nwe know  where you live\nSCAM\ncafé\n"
    response = client.post_form(f"/moderation/rules/{rule.id}", {"enabled": "y", "words": words})
    assert response.status_code == 302
    db.session.refresh(rule)
    assert rule.params["words"] == ["scam", "we know where you live", "café"]
    page = text(client.get(f"/moderation/rules/{rule.id}"))
    assert "scam\nwe know where you live\ncafé" in page


def test_a_too_long_word_is_refused(client, login, admin):
    rule = _rule("word_list")
    login(admin)
    response = client.post_form(
        f"/moderation/rules/{rule.id}", {"enabled": "y", "words": "ok\n" + "x" * 101}
    )
    assert response.status_code == 400
    assert "Each line may have at most 100 characters." in text(response)


def test_a_rule_edited_on_the_page_screens_the_next_comment(client, login, admin):
    rule = _rule("word_list")
    login(admin)
    client.post_form(f"/moderation/rules/{rule.id}", {"enabled": "y", "words": "surveil-o-matic"})
    policy = factories.make_policy(period="open")
    assert post(old_user(), policy, "The Surveil-o-matic is coming.").status == "held"
    assert post(old_user(), policy, "A kill you threat, no longer listed.").status == "published"


def test_an_unknown_rule_is_404(client, login, admin):
    login(admin)
    assert client.get("/moderation/rules/9999").status_code == 404


# A policy's moderation mode (staff) ---------------------------------------------------------


def _policy_form(policy: Policy, **changes) -> dict:
    data = {
        "title": policy.title,
        "slug": policy.slug,
        "department_id": str(policy.department_id),
        "technology_id": str(policy.technology_id),
        "summary": "",
        "status": policy.status,
        "moderation_mode": policy.moderation_mode,
    }
    data.update(changes)
    return data


def test_staff_choose_pre_moderation_in_the_policy_form(client, login, staff):
    policy = factories.make_policy(period="open")
    login(staff)
    page = text(client.get(f"/staff/policies/{policy.slug}/edit"))
    assert "Pre-moderation: every comment waits for a moderator" in page
    response = client.post_form(
        f"/staff/policies/{policy.slug}/edit", _policy_form(policy, moderation_mode="pre")
    )
    assert response.status_code == 302
    db.session.refresh(policy)
    assert policy.moderation_mode == "pre"
    [entry] = audits("policy.moderation_mode", policy.id)
    assert entry.actor_id == staff.id
    assert entry.detail == {"moderation_mode": ["post", "pre"]}
    assert post(old_user(), policy, "Any comment at all.").status == "held"


def test_saving_the_policy_without_changing_the_mode_writes_no_mode_entry(client, login, staff):
    policy = factories.make_policy(period="open")
    login(staff)
    client.post_form(f"/staff/policies/{policy.slug}/edit", _policy_form(policy))
    assert audits("policy.moderation_mode") == []


def test_an_unknown_mode_is_refused(client, login, staff):
    policy = factories.make_policy(period="open")
    login(staff)
    response = client.post_form(
        f"/staff/policies/{policy.slug}/edit", _policy_form(policy, moderation_mode="never")
    )
    assert response.status_code == 400
    db.session.refresh(policy)
    assert policy.moderation_mode == "post"


@pytest.mark.parametrize("role", ["resident", "moderator", "board"])
def test_only_staff_set_the_moderation_mode(client, login, ctx, role):
    policy = factories.make_policy(period="open")
    login(factories.make_user(role=role))
    response = client.post_form(
        f"/staff/policies/{policy.slug}/edit", _policy_form(policy, moderation_mode="pre")
    )
    assert response.status_code == 403
    db.session.refresh(policy)
    assert policy.moderation_mode == "post"
