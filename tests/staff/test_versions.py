"""Publishing a new version: one markdown text per configured section, numbered in order."""

import re

import pytest

from engage.extensions import db
from engage.policies.models import PolicyVersion
from tests import factories
from tests.staff.conftest import count


@pytest.fixture
def policy(ctx):
    policy = factories.make_policy(title="Body-worn cameras")
    db.session.flush()  # the factory's audit entries come before the request's
    return policy


def _url(policy) -> str:
    return f"/staff/policies/{policy.slug}/versions/new"


def _form(**changes) -> dict:
    data = {
        "number": "2",
        "change_summary": "Retention shortened to 30 days.",
        "section_purpose": "To document incidents.",
        "section_data_retention": "Footage is kept for **30 days**.",
    }
    return {**data, **changes}


def test_form_has_one_textarea_per_configured_section_prefilled(as_staff, app, policy):
    page = as_staff.get(_url(policy)).get_data(as_text=True)

    for key in app.config["ENGAGE_POLICY_SECTIONS"]:
        assert f'name="section_{key}"' in page
    assert '<label class="usa-label" for="section_data_retention">Data retention' in page
    assert "Footage is kept for **90 days** unless it is evidence." in page
    assert re.search(r'<input[^>]* id="number"[^>]* value="2"', page)


def test_first_version_form_starts_at_one_and_empty(as_staff, ctx):
    draft = factories.make_policy(versions=0)
    page = as_staff.get(_url(draft)).get_data(as_text=True)
    assert 'value="1"' in page
    assert "unless it is evidence" not in page


def test_staff_publish_a_new_version(as_staff, audits, policy, staff):
    response = as_staff.post_form(_url(policy), _form())

    assert response.status_code == 302
    assert response.headers["Location"] == f"/staff/policies/{policy.slug}"
    version = db.session.scalar(
        db.select(PolicyVersion).where(PolicyVersion.policy_id == policy.id).filter_by(number=2)
    )
    assert version.change_summary == "Retention shortened to 30 days."
    assert version.created_by_id == staff.id
    assert [s.key for s in version.sections] == ["purpose", "data_retention"]
    assert version.section("data_retention").body_html == (
        "<p>Footage is kept for <strong>30 days</strong>.</p>"
    )
    [entry] = audits("version.publish")[-1:]
    assert entry.target_id == str(version.id)
    assert entry.actor_id == staff.id
    page = as_staff.get(response.headers["Location"]).get_data(as_text=True)
    assert "Version 2 is published. Next, open a comment period on it." in page


def test_a_first_version_needs_no_change_summary(as_staff, audits, ctx):
    draft = factories.make_policy(versions=0)
    response = as_staff.post_form(_url(draft), _form(number="1", change_summary=""))
    assert response.status_code == 302
    assert count(PolicyVersion) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"number": "3"}, "Versions are numbered in order: the next one is 2."),
        ({"number": "1"}, "Versions are numbered in order: the next one is 2."),
        ({"number": "two"}, "Not a valid integer value."),
        ({"number": ""}, "This field is required."),
        ({"change_summary": "  "}, "Say what changed in this version."),
        (
            {"section_purpose": "", "section_data_retention": " "},
            "Write the text of at least one section.",
        ),
    ],
)
def test_bad_versions_are_refused_and_nothing_is_stored(as_staff, audits, policy, changes, message):
    before = count(PolicyVersion), len(audits("version.publish"))

    response = as_staff.post_form(_url(policy), _form(**changes))

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    assert "Footage is kept for **30 days**." in page or "section_data_retention" in changes
    assert (count(PolicyVersion), len(audits("version.publish"))) == before


def test_preview_renders_each_section_and_publishes_nothing(as_staff, audits, policy):
    before = count(PolicyVersion), len(audits("version.publish"))
    data = _form(section_purpose="To document <script>alert(1)</script> incidents.", preview="1")

    response = as_staff.post_form(_url(policy), data)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This is a preview: nothing is published yet." in page
    assert "<p>Footage is kept for <strong>30 days</strong>.</p>" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "Footage is kept for **30 days**." in page  # the text box keeps the source
    assert (count(PolicyVersion), len(audits("version.publish"))) == before


def test_unsafe_markdown_is_sanitized_when_published(as_staff, policy):
    as_staff.post_form(_url(policy), _form(section_purpose="[x](javascript:alert(1)) <b>hi</b>"))
    version = db.session.scalar(
        db.select(PolicyVersion).where(PolicyVersion.policy_id == policy.id).filter_by(number=2)
    )
    html = version.section("purpose").body_html
    assert 'href="javascript' not in html
    assert "<b>" not in html


def test_residents_may_not_publish(client, login, resident, policy):
    login(resident)
    assert client.get(_url(policy)).status_code == 403
    assert client.post_form(_url(policy), _form()).status_code == 403
    assert count(PolicyVersion) == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, policy):
    response = client.get(_url(policy))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_publishing_needs_the_csrf_token(as_staff, policy):
    assert as_staff.post(_url(policy), data=_form()).status_code == 400
    assert count(PolicyVersion) == 1


def test_unknown_policy_is_not_found(as_staff):
    assert as_staff.get("/staff/policies/nothing-here/versions/new").status_code == 404
    response = as_staff.post_form("/staff/policies/nothing-here/versions/new", _form())
    assert response.status_code == 404
