"""Comment periods on a policy's management page: open, extend with a reason, close early."""

from datetime import timedelta

import pytest

from engage.extensions import db
from engage.policies.models import CommentPeriod, PeriodExtension, Policy
from engage.types import utcnow
from tests import factories
from tests.staff.conftest import count, local


def _flushed(policy):
    db.session.flush()  # the factory's pending rows come before the request's
    return policy


@pytest.fixture
def policy(ctx):
    return _flushed(factories.make_policy(title="Body-worn cameras"))


@pytest.fixture
def open_policy(ctx):
    return _flushed(factories.make_policy(title="Drones", period="open", status="open_for_comment"))


def _period(policy) -> CommentPeriod:
    return db.session.get(Policy, policy.id).current_version.periods[-1]


def _manage(policy) -> str:
    return f"/staff/policies/{policy.slug}"


def _open_form(opens, closes, late=False) -> dict:
    data = {"open-opens_at": local(opens), "open-closes_at": local(closes)}
    return {**data, "open-accepts_late": "y"} if late else data


# The management page -----------------------------------------------------------------------


def test_management_page_offers_to_open_a_period(as_staff, policy):
    page = as_staff.get(_manage(policy)).get_data(as_text=True)

    assert "Open a comment period on version 1" in page
    assert 'name="open-opens_at"' in page
    assert 'type="datetime-local"' in page
    assert "Publish version 2" in page


def test_management_page_of_a_draft_asks_for_a_version_first(as_staff, ctx):
    draft = factories.make_policy(versions=0)
    page = as_staff.get(_manage(draft)).get_data(as_text=True)
    assert "Publish the first version before opening a comment period." in page
    assert 'name="open-opens_at"' not in page


def test_management_page_offers_extension_and_early_close(as_staff, open_policy):
    period = _period(open_policy)
    page = as_staff.get(_manage(open_policy)).get_data(as_text=True)

    assert "10 days left" in page
    assert 'name="extend-closes_at"' in page
    assert f"/periods/{period.id}/close" in page
    assert 'name="open-opens_at"' not in page


# Opening -----------------------------------------------------------------------------------


def test_staff_open_a_period(as_staff, audits, policy, staff):
    now = utcnow()
    response = as_staff.post_form(
        f"{_manage(policy)}/periods",
        _open_form(now - timedelta(minutes=1), now + timedelta(days=30), late=True),
    )

    assert response.status_code == 302
    assert response.headers["Location"] == _manage(policy)
    period = _period(policy)
    assert period.is_open
    assert period.accepts_late_comments is True
    assert period.closes_at == (now + timedelta(days=30)).replace(second=0, microsecond=0)
    assert db.session.get(Policy, policy.id).status == "open_for_comment"
    [entry] = audits("period.open")
    assert (entry.actor_id, entry.target_id) == (staff.id, str(period.id))
    page = as_staff.get(_manage(policy)).get_data(as_text=True)
    assert "The comment period is scheduled: it closes" in page


def test_a_period_can_be_scheduled_for_later(as_staff, policy):
    now = utcnow()
    as_staff.post_form(
        f"{_manage(policy)}/periods",
        _open_form(now + timedelta(days=3), now + timedelta(days=40)),
    )
    assert _period(policy).state == "upcoming"
    assert db.session.get(Policy, policy.id).status == "draft"


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (timedelta(days=5), timedelta(days=2), "The period must close after it opens."),
        (timedelta(days=-20), timedelta(days=-2), "The closing time is already past."),
    ],
)
def test_bad_periods_are_refused(as_staff, audits, policy, opens, closes, message):
    now = utcnow()
    data = _open_form(now + opens, now + closes)

    response = as_staff.post_form(f"{_manage(policy)}/periods", data)

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    assert f'value="{data["open-closes_at"]}"' in page
    assert count(CommentPeriod) == 0
    assert audits("period.open") == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"open-opens_at": "", "open-closes_at": ""}, "This field is required."),
        ({"open-opens_at": "tomorrow", "open-closes_at": "2099-01-01T10:00"}, "Enter a date"),
    ],
)
def test_missing_or_unreadable_dates_are_refused(as_staff, policy, data, message):
    response = as_staff.post_form(f"{_manage(policy)}/periods", data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(CommentPeriod) == 0


def test_a_policy_has_one_live_period_at_a_time(as_staff, open_policy):
    now = utcnow()
    response = as_staff.post_form(
        f"{_manage(open_policy)}/periods", _open_form(now, now + timedelta(days=60))
    )
    assert response.status_code == 400
    assert "already has an open or upcoming comment period" in response.get_data(as_text=True)
    assert count(CommentPeriod) == 1


def test_a_draft_without_a_version_cannot_open_a_period(as_staff, ctx):
    draft = factories.make_policy(versions=0)
    now = utcnow()
    response = as_staff.post_form(
        f"{_manage(draft)}/periods", _open_form(now, now + timedelta(days=30))
    )
    assert response.status_code == 400
    assert "Publish a first version" in response.get_data(as_text=True)
    assert count(CommentPeriod) == 0


# Extending ---------------------------------------------------------------------------------


def _extend(client, policy, period, closes, reason="Two more community meetings."):
    url = f"{_manage(policy)}/periods/{period.id}/extend"
    return client.post_form(url, {"extend-closes_at": local(closes), "extend-reason": reason})


def test_staff_extend_a_period_with_a_reason(as_staff, audits, open_policy):
    period = _period(open_policy)
    old = period.closes_at
    response = _extend(as_staff, open_policy, period, old + timedelta(days=14))

    assert response.status_code == 302
    period = _period(open_policy)
    assert period.closes_at > old + timedelta(days=13)
    assert period.original_closes_at == old
    [extension] = period.extensions
    assert extension.reason == "Two more community meetings."
    [entry] = audits("period.extend")
    assert entry.reason == "Two more community meetings."
    page = as_staff.get(_manage(open_policy)).get_data(as_text=True)
    assert "The comment period now closes" in page
    assert "Two more community meetings." in page  # in the period history


@pytest.mark.parametrize(
    ("later", "reason", "message"),
    [
        (timedelta(days=-1), "More time.", "must be later than the current one"),
        (timedelta(0), "More time.", "must be later than the current one"),
        (timedelta(days=7), "", "This field is required."),
        (timedelta(days=7), "   ", "This field is required."),
    ],
)
def test_bad_extensions_are_refused(as_staff, audits, open_policy, later, reason, message):
    period = _period(open_policy)
    old = period.closes_at

    response = _extend(as_staff, open_policy, period, old + later, reason)

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _period(open_policy).closes_at == old
    assert count(PeriodExtension) == 0
    assert audits("period.extend") == []


def test_a_closed_period_cannot_be_extended(as_staff, ctx):
    policy = _flushed(factories.make_policy(period="closed"))
    period = _period(policy)

    response = _extend(as_staff, policy, period, utcnow() + timedelta(days=10))

    assert response.status_code == 400
    assert "open a new comment period instead" in response.get_data(as_text=True)
    assert count(PeriodExtension) == 0


def test_a_period_of_another_policy_is_not_found(as_staff, open_policy, policy):
    period = _period(open_policy)
    url = f"{_manage(policy)}/periods/{period.id}"
    extended = _extend(as_staff, policy, period, period.closes_at + timedelta(days=3))
    assert extended.status_code == 404
    assert as_staff.get(f"{url}/close").status_code == 404
    assert as_staff.get(f"{_manage(policy)}/periods/999999/close").status_code == 404
    assert count(PeriodExtension) == 0


# Closing early -----------------------------------------------------------------------------


def _close_url(policy, period) -> str:
    return f"{_manage(policy)}/periods/{period.id}/close"


def test_closing_early_asks_for_confirmation_on_its_own_page(as_staff, open_policy):
    response = as_staff.get(_close_url(open_policy, _period(open_policy)))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Comments stop being accepted now." in page
    assert 'name="reason"' in page
    assert _period(open_policy).is_open


def test_staff_close_a_period_early_with_a_reason(as_staff, audits, open_policy):
    period = _period(open_policy)

    response = as_staff.post_form(
        _close_url(open_policy, period), {"reason": "The department withdrew the request."}
    )

    assert response.status_code == 302
    period = _period(open_policy)
    assert period.state == "closed"
    assert period.close_reason == "The department withdrew the request."
    assert db.session.get(Policy, open_policy.id).status == "under_review"
    [entry] = audits("period.close")
    assert entry.reason == "The department withdrew the request."
    page = as_staff.get(_manage(open_policy)).get_data(as_text=True)
    assert "The comment period is closed." in page
    assert "Closed early" in page


def test_closing_early_needs_a_reason(as_staff, audits, open_policy):
    period = _period(open_policy)
    response = as_staff.post_form(_close_url(open_policy, period), {"reason": " "})
    assert response.status_code == 400
    assert "This field is required." in response.get_data(as_text=True)
    assert _period(open_policy).is_open
    assert audits("period.close") == []


def test_a_closed_period_cannot_be_closed_again(as_staff, ctx):
    policy = _flushed(factories.make_policy(period="closed"))
    response = as_staff.post_form(_close_url(policy, _period(policy)), {"reason": "Again."})
    assert response.status_code == 400
    assert "This period is already closed." in response.get_data(as_text=True)


def test_cancelling_an_upcoming_period_frees_the_policy_for_a_new_one(as_staff, ctx):
    policy = _flushed(factories.make_policy(period="upcoming"))
    as_staff.post_form(_close_url(policy, _period(policy)), {"reason": "Rescheduled."})
    assert _period(policy).state == "closed"

    now = utcnow()
    response = as_staff.post_form(
        f"{_manage(policy)}/periods", _open_form(now + timedelta(days=1), now + timedelta(days=31))
    )
    assert response.status_code == 302
    assert count(CommentPeriod) == 2


# Permissions and CSRF ----------------------------------------------------------------------


def test_residents_may_not_manage_periods(client, login, resident, open_policy):
    login(resident)
    period = _period(open_policy)
    assert client.get(_manage(open_policy)).status_code == 403
    assert client.get(_close_url(open_policy, period)).status_code == 403
    assert client.post_form(_close_url(open_policy, period), {"reason": "x"}).status_code == 403
    extended = _extend(client, open_policy, period, period.closes_at + timedelta(days=3))
    assert extended.status_code == 403
    assert _period(open_policy).is_open
    assert count(PeriodExtension) == 0


def test_anonymous_visitors_are_sent_to_sign_in(client, open_policy):
    for path in (_manage(open_policy), _close_url(open_policy, _period(open_policy))):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/auth/login")


def test_period_forms_need_the_csrf_token(as_staff, open_policy, policy):
    period = _period(open_policy)
    now = utcnow()
    responses = [
        as_staff.post(f"{_manage(policy)}/periods", data=_open_form(now, now + timedelta(days=9))),
        as_staff.post(
            f"{_manage(open_policy)}/periods/{period.id}/extend",
            data={"extend-closes_at": local(now + timedelta(days=40)), "extend-reason": "x"},
        ),
        as_staff.post(_close_url(open_policy, period), data={"reason": "x"}),
    ]
    assert [r.status_code for r in responses] == [400, 400, 400]
    assert count(CommentPeriod) == 1
    assert _period(open_policy).is_open
    assert count(PeriodExtension) == 0
