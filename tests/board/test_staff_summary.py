"""Staff open a summary per comment period, read its stored numbers, write the narrative and
"you said, we did", and refresh the numbers on demand."""

import pytest

from engage.audit import AuditEntry
from engage.board import compute, jobs
from engage.board.models import Summary, ThemeResponse
from engage.extensions import db
from tests import factories
from tests.board.staff_helpers import Setup, add_comment


def text(response) -> str:
    return response.get_data(as_text=True)


def audit_actions(target_type: str) -> list[str]:
    return list(
        db.session.scalars(
            db.select(AuditEntry.action).where(AuditEntry.target_type == target_type)
        )
    )


# The list of periods -----------------------------------------------------------------------


def test_every_period_is_listed_with_the_state_of_its_summary(client, login, staff):
    bare = factories.make_policy(title="Gunshot detection", period="closed")
    upcoming = factories.make_policy(title="Drones", period="upcoming")
    draft = Setup("License plate readers")
    sent = Setup("Body cameras")
    from engage.board.summaries import publish_summary

    publish_summary(staff, sent.summary, "")
    login(staff)
    page = text(client.get("/staff/summaries"))
    for title in (bare.title, upcoming.title, draft.policy.title, sent.policy.title):
        assert title in page
    assert "No summary" in page
    assert "Draft" in page
    assert "Sent: version 1" in page
    assert "Open a summary" in page
    assert f'href="/staff/summaries/{draft.summary.id}"' in page
    only = text(client.get(f"/staff/summaries?policy={draft.policy.slug}"))
    assert draft.policy.title in only and bare.title not in only
    assert client.get("/staff/summaries?policy=no-such-policy").status_code == 404


def test_opening_a_summary_computes_it_once(client, login, staff):
    policy = factories.make_policy(period="closed")
    period = policy.current_version.periods[-1]
    add_comment(policy, period, "Keep reads a day.", stance="oppose")
    add_comment(policy, period, "Fine by me.", stance="support")
    login(staff)
    response = client.post_form("/staff/summaries", {"period_id": period.id})
    summary = db.session.scalar(db.select(Summary).where(Summary.period_id == period.id))
    assert response.status_code == 302
    assert response.location.endswith(f"/staff/summaries/{summary.id}")
    assert summary.computed_at is not None
    assert summary.data["counts"]["comments"] == 2
    assert summary.data["counts"]["by_stance"]["oppose"] == 1
    assert "summary.open" in audit_actions("summary")
    again = client.post_form("/staff/summaries", {"period_id": period.id})
    assert again.location.endswith(f"/staff/summaries/{summary.id}")
    assert db.session.scalar(db.select(db.func.count(Summary.id))) == 1


def test_a_period_not_open_yet_gets_no_summary(client, login, staff):
    policy = factories.make_policy(period="upcoming")
    period = policy.current_version.periods[-1]
    login(staff)
    response = client.post_form("/staff/summaries", {"period_id": period.id})
    assert response.status_code == 302
    assert "has not opened yet" in text(client.get(response.location))
    assert db.session.scalar(db.select(Summary).where(Summary.period_id == period.id)) is None


@pytest.mark.parametrize(("period_id", "status"), [("999999", 404), ("abc", 400), ("", 400)])
def test_forged_periods_are_refused(client, login, staff, period_id, status):
    login(staff)
    assert client.post_form("/staff/summaries", {"period_id": period_id}).status_code == status


# The draft ---------------------------------------------------------------------------------


def test_the_draft_shows_the_stored_numbers_without_computing(client, login, staff, monkeypatch):
    setup = Setup()

    def refuse(summary):
        raise AssertionError("pages never compute")

    monkeypatch.setattr(compute, "compute_summary", refuse)
    monkeypatch.setattr(jobs, "compute_summary", refuse)
    login(staff)
    page = text(client.get(setup.url))
    assert "3,043" in page  # the stored number, not the 3 comments in the database
    assert "One letter, 3,000 signatures" in page
    assert "43" in page and "individual comments" in page
    assert "Retention period" in page and "Data sharing" in page
    assert "No reason recorded" in page  # hidden comments: counted by reason
    assert f"facet=theme&amp;summary={setup.summary.id}&amp;value={setup.retention.id}" in page
    assert "Draft: not sent to the board yet" in page


def test_refresh_now_computes_the_numbers_again(client, login, staff):
    setup = Setup()
    login(staff)
    response = client.post_form(setup.url, {"action": "refresh"})
    assert response.status_code == 302
    db.session.refresh(setup.summary)
    assert setup.summary.data["counts"]["comments"] == 3  # the real comments now
    assert setup.summary.stale is False


def test_refresh_needs_the_form_token(client, login, staff):
    setup = Setup()
    login(staff)
    assert client.post(setup.url, data={"action": "refresh"}).status_code == 400


def test_staff_write_the_narrative_and_you_said_we_did(client, login, staff):
    setup = Setup()
    login(staff)
    retention, sharing = setup.retention.id, setup.sharing.id
    response = client.post_form(
        setup.url,
        {
            "narrative": "Most people want **shorter** retention.<script>alert(1)</script>",
            f"response_{retention}": "Reads are now deleted after 24 hours.",
            f"changed_{retention}": "y",
            f"response_{sharing}": "",
        },
    )
    assert response.status_code == 302
    db.session.refresh(setup.summary)
    assert "<strong>shorter</strong>" in setup.summary.narrative_html
    assert "<script>" not in setup.summary.narrative_html
    rows = db.session.scalars(
        db.select(ThemeResponse).where(ThemeResponse.summary_id == setup.summary.id)
    ).all()
    assert [(r.theme_id, r.policy_changed) for r in rows] == [(retention, True)]
    assert "summary.edit" in audit_actions("summary")
    page = text(client.get(setup.url))
    assert "Reads are now deleted after 24 hours." in page
    assert "Yes, the policy changed" in page  # the preview's "you said, we did" table


def test_a_too_long_narrative_is_a_form_error_and_nothing_changes(client, login, staff):
    setup = Setup()
    login(staff)
    response = client.post_form(setup.url, {"narrative": "x" * 20_001})
    assert response.status_code == 400
    assert "usa-error-message" in text(response)
    db.session.refresh(setup.summary)
    assert setup.summary.narrative_md == ""


def test_forged_summary_ids_are_not_found(client, login, staff):
    login(staff)
    assert client.get("/staff/summaries/999999").status_code == 404
    assert client.get("/staff/summaries/999999/publish").status_code == 404


@pytest.mark.parametrize("role", ["resident", "moderator", "board"])
def test_only_staff_reach_the_summary_pages(client, login, role):
    setup = Setup()
    login(factories.make_user(role=role))
    assert client.get("/staff/summaries").status_code == 403
    assert client.get(setup.url).status_code == 403
    assert client.post_form(setup.url, {"narrative": "Mine now."}).status_code == 403
    assert client.get(f"{setup.url}/publish").status_code == 403
    assert client.post_form(f"{setup.url}/publish", {"change_note": ""}).status_code == 403
    assert client.post_form("/staff/summaries", {"period_id": setup.period.id}).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    setup = Setup()
    response = client.get(setup.url)
    assert response.status_code == 302 and "/auth/login" in response.location


def test_admins_may_work_on_summaries(client, login, admin):
    setup = Setup()
    login(admin)
    assert client.get(setup.url).status_code == 200


def test_the_staff_policy_page_links_summaries_and_themes(client, login, staff):
    setup = Setup()
    login(staff)
    page = text(client.get(f"/staff/policies/{setup.policy.slug}"))
    assert f"/staff/summaries?policy={setup.policy.slug}" in page
    assert f"/staff/policies/{setup.policy.slug}/themes" in page
