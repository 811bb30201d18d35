"""The community guidelines: public, versioned, published by admins, cited by decisions."""

import re

import pytest

from engage.extensions import db
from engage.moderation.models import Decision, GuidelineVersion, Suspension
from engage.moderation.services.errors import ModerationError
from engage.moderation.services.guidelines import (
    current_guidelines,
    guideline_choices,
    guideline_title,
    publish_guidelines,
)
from tests import factories
from tests.comments.helpers_thread import text
from tests.moderation.rules_helpers import REASONS, audits


def _publish(admin, reasons=REASONS, intro="Be civil.", note="First version."):
    return publish_guidelines(admin, intro, [dict(r) for r in reasons], note)


def _versions() -> list[int]:
    return list(db.session.scalars(db.select(GuidelineVersion.number).order_by("number")))


def _form(version, **changes) -> dict:
    """What the edit form sends for `version`'s reasons, plus `changes`."""
    data = {"intro_md": version.intro_md, "change_note": "Reworded."}
    for i, guideline in enumerate(version.guidelines):
        data[f"reasons-{i}-key"] = guideline.key
        data[f"reasons-{i}-title"] = guideline.title
        data[f"reasons-{i}-body_md"] = guideline.body_md
    data.update(changes)
    return data


def _cite(key: str) -> None:
    db.session.add(Decision(action="hide", guideline_key=key))
    db.session.flush()


# What other parts of moderation call --------------------------------------------------------


def test_nothing_is_published_at_first(ctx):
    assert current_guidelines() is None
    assert guideline_choices() == []
    assert guideline_title("spam") == "spam"


def test_choices_and_titles_come_from_the_current_version(admin):
    first = _publish(admin)
    reworded = [dict(r) for r in REASONS]
    reworded[1]["title"] = "Harassment or threats"
    second = _publish(admin, reworded, note="Threats named.")
    assert current_guidelines() == second
    assert guideline_choices() == [
        ("personal_information", "Personal information"),
        ("harassment", "Harassment or threats"),
        ("spam", "Spam"),
    ]
    assert guideline_choices(first)[1] == ("harassment", "Harassment")
    assert guideline_title("harassment") == "Harassment or threats"
    assert guideline_title("no_such_reason") == "no_such_reason"


# The public pages ---------------------------------------------------------------------------


def test_the_page_says_when_nothing_is_published(client, ctx):
    response = client.get("/guidelines")
    assert response.status_code == 200
    assert "The community guidelines have not been published yet." in text(response)


def test_the_public_page_shows_the_current_version_with_each_reason(client, admin):
    version = _publish(admin, intro="Disagreement is **welcome**.")
    page = text(client.get("/guidelines"))
    assert "Disagreement is <strong>welcome</strong>." in page
    assert re.search(r"Version 1, published \w+ \d+, \d{4}\.", page)
    for reason in REASONS:
        assert f'id="guideline-{reason["key"]}"' in page
        assert f"<code>{reason['key']}</code>" in page
        assert reason["title"] in page
        assert reason["body_md"] in page
    assert version.created_by_id == admin.id


def test_earlier_versions_stay_readable_and_the_new_one_shows_the_diff(client, admin):
    _publish(admin)
    changed = [dict(r) for r in REASONS]
    changed[0]["body_md"] = "No home addresses or plate numbers."
    changed.append({"key": "impersonation", "title": "Impersonation", "body_md": "Be yourself."})
    _publish(admin, changed, note="Plates and impersonation.")
    current = text(client.get("/guidelines"))
    assert "Version 2, published" in current
    assert 'href="/guidelines/versions/1"' in current
    assert "Plates and impersonation." in current

    old = text(client.get("/guidelines/versions/1"))
    assert "It is no longer current." in old
    assert "No addresses." in old
    assert "Impersonation" not in old

    new = text(client.get("/guidelines/versions/2"))
    assert "Changes from version 1" in new
    assert '<del class="engage-diff"><span class="usa-sr-only">removed: </span>' in new
    assert re.search(
        r"<ins class=\"engage-diff\"><span class=\"usa-sr-only\">added: </span>[^<]*plate", new
    )
    assert "Reason added in version 2." in new


def test_an_unknown_version_is_404(client, admin):
    _publish(admin)
    assert client.get("/guidelines/versions/7").status_code == 404


def test_the_footer_links_to_the_guidelines(client, ctx):
    assert 'href="/guidelines"' in text(client.get("/"))


def test_the_admin_navigation_links_to_guidelines_and_rules(client, login, admin):
    login(admin)
    page = text(client.get("/admin"))
    assert 'href="/moderation/guidelines/edit"' in page
    assert 'href="/moderation/rules"' in page


# Publishing ---------------------------------------------------------------------------------


def test_publishing_on_the_page_makes_a_new_version_and_keeps_the_old(client, login, admin):
    first = _publish(admin)
    login(admin)
    form = _form(first, **{"reasons-2-title": "Spam or advertising", "change_note": "Ads."})
    form |= {"reasons-3-key": "off_topic", "reasons-3-title": "Off topic", "reasons-3-body_md": ""}
    response = client.post_form("/moderation/guidelines/edit", form)
    assert response.status_code == 302
    assert response.location.endswith("/guidelines/versions/2")
    assert _versions() == [1, 2]
    db.session.refresh(first)
    assert [g.title for g in first.guidelines][2] == "Spam"
    second = current_guidelines()
    assert [g.key for g in second.guidelines] == [
        "personal_information",
        "harassment",
        "spam",
        "off_topic",
    ]
    assert second.change_note == "Ads."
    [entry] = audits("guidelines.publish", second.id)
    assert entry.actor_id == admin.id
    assert entry.reason == "Ads."


def test_the_edit_form_is_filled_with_the_current_version(client, login, admin):
    _publish(admin)
    login(admin)
    page = text(client.get("/moderation/guidelines/edit"))
    assert 'value="personal_information"' in page
    assert "Publish version 2" in page
    assert 'name="reasons-4-key"' in page  # two empty rows for new reasons


def test_the_first_version_can_be_published_from_the_page(client, login, admin):
    login(admin)
    form = {
        "intro_md": "Be civil.",
        "reasons-0-key": "spam",
        "reasons-0-title": "Spam",
        "reasons-0-body_md": "No ads.",
        "reasons-1-key": "",
        "reasons-1-title": "",
        "reasons-1-body_md": "",
        "change_note": "First version.",
    }
    assert client.post_form("/moderation/guidelines/edit", form).status_code == 302
    assert guideline_choices() == [("spam", "Spam")]


def test_an_uncited_reason_can_be_removed(client, login, admin):
    first = _publish(admin)
    login(admin)
    response = client.post_form(
        "/moderation/guidelines/edit", _form(first, **{"reasons-2-remove": "y"})
    )
    assert response.status_code == 302
    assert [key for key, _ in guideline_choices()] == ["personal_information", "harassment"]


@pytest.mark.parametrize("citing", ["decision", "suspension"])
def test_a_reason_cited_by_a_past_decision_cannot_disappear(client, login, admin, citing):
    first = _publish(admin)
    if citing == "decision":
        _cite("spam")
    else:
        db.session.add(Suspension(user_id=factories.make_user().id, guideline_key="spam"))
        db.session.flush()
    login(admin)
    for removal in ({"reasons-2-remove": "y"}, {"reasons-2-key": "advertising"}):
        response = client.post_form("/moderation/guidelines/edit", _form(first, **removal))
        assert response.status_code == 400
        page = text(response)
        assert "Past moderation decisions cite spam: keep these reasons" in page
    assert _versions() == [1]
    assert audits("guidelines.publish")[1:] == []


def test_the_edit_page_marks_cited_keys(client, login, admin):
    _publish(admin)
    _cite("harassment")
    login(admin)
    page = text(client.get("/moderation/guidelines/edit"))
    assert page.count("Cited by past decisions: keep it.") == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"change_note": ""}, "This field is required."),
        ({"reasons-0-key": "Personal Info"}, "is not a valid key"),
        (
            {"reasons-1-key": "personal_information"},
            "Each key may appear once; repeated: personal_information.",
        ),
        ({"reasons-0-title": ""}, "Each reason needs a title"),
        (
            {"reasons-0-remove": "y", "reasons-1-remove": "y", "reasons-2-remove": "y"},
            "The guidelines need at least one reason.",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_published(client, login, admin, changes, message):
    first = _publish(admin)
    login(admin)
    response = client.post_form("/moderation/guidelines/edit", _form(first, **changes))
    assert response.status_code == 400
    assert message in text(response)
    assert _versions() == [1]


def test_publishing_needs_the_csrf_token(client, login, admin):
    first = _publish(admin)
    login(admin)
    response = client.post("/moderation/guidelines/edit", data=_form(first))
    assert response.status_code == 400
    assert _versions() == [1]


def test_the_service_refuses_a_blank_change_note(admin):
    with pytest.raises(ModerationError) as refused:
        _publish(admin, note="  ")
    assert refused.value.field == "change_note"
    assert _versions() == []
