"""Publishing: a confirmation page, then the draft frozen as version N+1 (a change note from
version 2), board members mailed in their language, an audit entry. Frozen versions never
change: later changes make a new version."""

import pytest

from engage.audit import AuditEntry
from engage.board.models import SummaryVersion
from engage.board.summaries import (
    FrozenVersionError,
    ResponseData,
    SummaryError,
    publish_summary,
    save_draft,
)
from engage.extensions import db
from tests import factories
from tests.board.staff_helpers import Setup


def text(response) -> str:
    return response.get_data(as_text=True)


def versions(setup: Setup) -> list[SummaryVersion]:
    return list(
        db.session.scalars(
            db.select(SummaryVersion)
            .where(SummaryVersion.summary_id == setup.summary.id)
            .order_by(SummaryVersion.number)
        )
    )


def test_the_confirmation_page_says_what_sending_does(client, login, staff):
    setup = Setup()
    factories.make_user(role="board")
    factories.make_user(role="board")
    login(staff)
    page = text(client.get(f"{setup.url}/publish"))
    assert "Send version 1 of the summary to the board" in page
    assert "2 board members are emailed." in page
    assert "Not needed for the first version." in page
    assert versions(setup) == []  # a GET changes nothing


def test_sending_version_1_freezes_the_draft_and_mails_the_board(client, login, staff, outbox):
    setup = Setup()
    member = factories.make_user(role="board", display_name="Imani Castellano")
    factories.make_user(role="board", confirmed=False)  # can't be mailed
    factories.make_user(role="resident")
    save_draft(
        staff,
        setup.summary,
        "Residents want *shorter* retention.",
        [ResponseData(setup.retention.id, "24 hours from now on.", True)],
    )
    login(staff)
    response = client.post_form(f"{setup.url}/publish", {"change_note": ""})
    assert response.status_code == 302
    [version] = versions(setup)
    assert version.number == 1
    assert version.sent_at is not None
    assert version.narrative_html == "<p>Residents want <em>shorter</em> retention.</p>"
    assert version.data["counts"]["comments"] == 3043
    assert version.data["responses"] == [
        {
            "theme_id": setup.retention.id,
            "theme": "Retention period",
            "response_md": "24 hours from now on.",
            "response_html": "<p>24 hours from now on.</p>",
            "policy_changed": True,
        }
    ]
    assert setup.summary.status == "sent"
    mails = outbox("summary_sent")
    assert [m.to_address for m in mails] == [member.email]
    assert "License plate readers (version 1)" in mails[0].subject
    assert f"/board/summaries/{setup.summary.id}" in mails[0].body_text
    assert f"/policies/{setup.policy.slug}/summary?version=1" in mails[0].body_text
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "summary.publish"))
    assert entry.actor_id == staff.id and entry.detail == {"version": 1}
    assert "Sent to the board as version 1" in text(client.get(setup.url))


def test_board_members_are_mailed_in_their_language(staff, outbox, ctx):
    setup = Setup()
    factories.make_user(role="board", preferred_language="es")
    version = publish_summary(staff, setup.summary, "")
    [mail] = outbox("summary_sent")
    months = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre"
    months = [*months.split(), "diciembre"]
    assert f"de {months[version.sent_at.month - 1]} de" in mail.body_text  # a Spanish date


def test_version_2_needs_a_change_note_and_nothing_changes_without_it(client, login, staff):
    setup = Setup()
    publish_summary(staff, setup.summary, "")
    save_draft(staff, setup.summary, "A new paragraph for the board.", [])
    login(staff)
    page = text(client.get(f"{setup.url}/publish"))
    assert "Send version 2 of the summary to the board" in page
    response = client.post_form(f"{setup.url}/publish", {"change_note": "  "})
    assert response.status_code == 400
    assert "Say what changed since version 1." in text(response)
    assert [v.number for v in versions(setup)] == [1]
    response = client.post_form(f"{setup.url}/publish", {"change_note": "Added a paragraph."})
    assert response.status_code == 302
    assert [(v.number, v.change_note) for v in versions(setup)] == [
        (1, ""),
        (2, "Added a paragraph."),
    ]


def rewrite(version: SummaryVersion) -> None:
    version.narrative_md = "Rewritten history."
    db.session.flush()


def test_a_frozen_version_is_never_edited_changes_make_a_new_version(client, login, staff):
    setup = Setup()
    save_draft(staff, setup.summary, "First words.", [])
    publish_summary(staff, setup.summary, "")
    login(staff)
    # Editing after sending changes the draft, never version 1.
    client.post_form(setup.url, {"narrative": "Second words."})
    [first] = versions(setup)
    assert first.narrative_md == "First words."
    client.post_form(f"{setup.url}/publish", {"change_note": "Reworded."})
    first, second = versions(setup)
    assert (first.narrative_md, second.narrative_md) == ("First words.", "Second words.")
    # Changing a frozen version directly is refused, and nothing is written.
    with pytest.raises(FrozenVersionError), db.session.begin_nested():
        rewrite(first)
    db.session.expire_all()
    assert db.session.get(SummaryVersion, first.id).narrative_md == "First words."


def test_sending_the_same_thing_again_is_refused(client, login, staff):
    setup = Setup()
    publish_summary(staff, setup.summary, "")
    login(staff)
    response = client.post_form(f"{setup.url}/publish", {"change_note": "Again."})
    assert response.status_code == 400
    assert "Nothing changed since version 1 was sent." in text(response)
    assert len(versions(setup)) == 1


def test_numbers_never_computed_cannot_be_sent(staff, ctx):
    setup = Setup()
    setup.summary.data, setup.summary.computed_at = {}, None
    with pytest.raises(SummaryError, match="not been computed"):
        publish_summary(staff, setup.summary, "")


def test_a_refreshed_draft_is_sent_with_its_new_numbers(client, login, staff):
    setup = Setup()
    publish_summary(staff, setup.summary, "")
    login(staff)
    client.post_form(setup.url, {"action": "refresh"})
    client.post_form(f"{setup.url}/publish", {"change_note": "Counted again."})
    first, second = versions(setup)
    assert first.data["counts"]["comments"] == 3043
    assert second.data["counts"]["comments"] == 3


def test_themes_are_frozen_as_they_are_named(staff, ctx):
    setup = Setup()
    setup.retention.name = "How long reads are kept"
    version = publish_summary(staff, setup.summary, "")
    assert [t["name"] for t in version.data["themes"]] == [
        "How long reads are kept",
        "Data sharing",
    ]


@pytest.mark.parametrize("role", ["moderator", "board", "resident"])
def test_only_staff_publish(client, login, role):
    setup = Setup()
    login(factories.make_user(role=role))
    assert client.post_form(f"{setup.url}/publish", {"change_note": ""}).status_code == 403
    assert versions(setup) == []
