"""Keeping drafts current: changes mark the period's summary stale (no computing in the
request), the job recomputes what is stale, and versions sent to the board stay frozen."""

from datetime import timedelta

import pytest

from engage.board import jobs
from engage.board.jobs import build_stale_summaries, mark_policy_stale, refresh
from engage.board.models import Summary, SummaryStatus, SummaryVersion
from engage.comments.services import CommentData, endorse, post_comment, withdraw_comment
from engage.extensions import db
from engage.policies import services as catalog
from engage.types import utcnow
from tests import factories


@pytest.fixture
def open_policy(ctx):
    return factories.make_policy(period="open")


def _summary(policy, computed: bool = True) -> Summary:
    period = policy.current_version.periods[-1]
    summary = Summary(policy_id=policy.id, period_id=period.id)
    db.session.add(summary)
    db.session.flush()
    if computed:
        refresh(summary)
    return db.session.get(Summary, summary.id)


def _stale(summary: Summary) -> bool:
    return db.session.scalar(db.select(Summary.stale).where(Summary.id == summary.id))


def test_a_new_comment_marks_the_draft_stale_without_computing(open_policy, resident, monkeypatch):
    summary = _summary(open_policy)
    assert _stale(summary) is False
    computed_at, before = summary.computed_at, summary.data["counts"]["comments"]
    monkeypatch.setattr(jobs, "compute_summary", _refuse)  # no computing in the request
    post_comment(resident, open_policy, CommentData(body="Thirty days is too long."))
    db.session.expire_all()
    assert _stale(summary) is True
    assert summary.computed_at == computed_at
    assert summary.data["counts"]["comments"] == before == 0


def _refuse(_summary):
    raise AssertionError("requests must not compute summaries")


def test_a_withdrawn_comment_marks_it_stale(open_policy, resident):
    comment = post_comment(resident, open_policy, CommentData(body="I changed my mind."))
    summary = _summary(open_policy)
    withdraw_comment(resident, comment)
    assert _stale(summary) is True


def test_an_endorsement_does_not(open_policy, resident):
    comment = post_comment(resident, open_policy, CommentData(body="Delete reads within a day."))
    summary = _summary(open_policy)
    endorse(factories.make_user(), comment)
    assert _stale(summary) is False


def test_extending_the_period_marks_it_stale(open_policy, staff):
    summary = _summary(open_policy)
    period = summary.period
    catalog.extend_period(staff, period, period.closes_at + timedelta(days=7), "More time.")
    assert _stale(summary) is True


def test_theme_changes_can_mark_every_summary_of_the_policy(open_policy):
    summary = _summary(open_policy)
    mark_policy_stale(open_policy.id)
    assert _stale(summary) is True


def test_other_periods_are_left_alone(open_policy, resident):
    summary = _summary(open_policy)
    other = _summary(factories.make_policy(period="open"))
    post_comment(resident, open_policy, CommentData(body="Only this policy."))
    assert (_stale(summary), _stale(other)) == (True, False)


def test_the_job_recomputes_only_stale_summaries(open_policy, resident):
    summary = _summary(open_policy)
    fresh = _summary(factories.make_policy(period="open"))
    fresh_computed_at = fresh.computed_at
    post_comment(resident, open_policy, CommentData(body="Publish the audits."))
    assert build_stale_summaries() == 1
    db.session.expire_all()
    assert summary.stale is False
    assert summary.data["counts"]["comments"] == 1
    assert fresh.computed_at == fresh_computed_at
    assert build_stale_summaries() == 0
    assert build_stale_summaries(everything=True) == 2


def test_sent_versions_are_never_recomputed(open_policy, resident):
    summary = _summary(open_policy)
    frozen = {"counts": {"comments": 0}, "note": "as sent"}
    version = SummaryVersion(summary_id=summary.id, number=1, data=frozen, sent_at=utcnow())
    summary.status = SummaryStatus.SENT.value
    db.session.add(version)
    db.session.flush()
    post_comment(resident, open_policy, CommentData(body="After it was sent."))
    build_stale_summaries()
    db.session.expire_all()
    assert summary.data["counts"]["comments"] == 1  # the draft keeps up, for version 2
    assert db.session.get(SummaryVersion, version.id).data == frozen


def test_a_change_marked_while_computing_is_not_lost(open_policy, resident, monkeypatch):
    summary = _summary(open_policy)
    post_comment(resident, open_policy, CommentData(body="First."))
    original = jobs.compute_summary

    def compute_while_someone_posts(summary):
        data = original(summary)
        post_comment(factories.make_user(), open_policy, CommentData(body="Posted meanwhile."))
        return data

    monkeypatch.setattr(jobs, "compute_summary", compute_while_someone_posts)
    build_stale_summaries()
    assert _stale(summary) is True  # the next run counts the second comment
    monkeypatch.setattr(jobs, "compute_summary", original)
    build_stale_summaries()
    db.session.expire_all()
    assert (summary.stale, summary.data["counts"]["comments"]) == (False, 2)


def test_the_command(app, open_policy, resident):
    summary = _summary(open_policy, computed=False)
    db.session.commit()  # the command runs in its own session: it must see the summary
    result = app.test_cli_runner().invoke(args=["engage", "build-summaries"])
    assert result.exit_code == 0, result.output
    assert "summaries computed 1" in result.output
    db.session.expire_all()
    assert summary.stale is False and summary.data["counts"]["comments"] == 0
    again = app.test_cli_runner().invoke(args=["engage", "build-summaries", "--all"])
    assert "summaries computed 1" in again.output
