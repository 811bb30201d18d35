"""Themes: an editable list per policy (add, rename, remove after a confirmation page),
suggestions added in one click, and tagging comments from their page and from drill-downs."""

import pytest

from engage.audit import AuditEntry
from engage.board.models import CommentTheme, Theme, ThemeResponse
from engage.board.summaries import ResponseData, save_draft
from engage.extensions import db
from tests import factories
from tests.board.staff_helpers import Setup, add_comment, make_theme


def text(response) -> str:
    return response.get_data(as_text=True)


def theme_names(policy) -> list[str]:
    return sorted(db.session.scalars(db.select(Theme.name).where(Theme.policy_id == policy.id)))


def tags(comment) -> set[int]:
    return set(
        db.session.scalars(
            db.select(CommentTheme.theme_id).where(CommentTheme.comment_id == comment.id)
        )
    )


def themes_url(setup: Setup) -> str:
    return f"/staff/policies/{setup.policy.slug}/themes"


# The list ----------------------------------------------------------------------------------


def test_the_list_shows_themes_with_their_tagged_comments(client, login, staff):
    setup = Setup()
    db.session.add(CommentTheme(comment_id=setup.comments[0].id, theme_id=setup.retention.id))
    db.session.flush()
    login(staff)
    page = text(client.get(themes_url(setup)))
    assert "Retention period" in page and "Data sharing" in page
    assert "comments about “Retention period”" in page  # its count links to its comments


def test_staff_add_a_theme(client, login, staff):
    setup = Setup()
    login(staff)
    response = client.post_form(themes_url(setup), {"name": "  Warrants   for searches "})
    assert response.status_code == 302
    assert theme_names(setup.policy) == [
        "Data sharing",
        "Retention period",
        "Warrants for searches",
    ]
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "theme.add"))
    db.session.refresh(setup.summary)
    assert setup.summary.stale is True  # the job counts themes again


@pytest.mark.parametrize(
    ("name", "message"),
    [("retention PERIOD", "already has a theme"), ("", "Give the theme a name."), ("x" * 121, "")],
)
def test_bad_theme_names_are_form_errors(client, login, staff, name, message):
    setup = Setup()
    login(staff)
    response = client.post_form(themes_url(setup), {"name": name})
    assert response.status_code == 400
    assert message in text(response)
    assert theme_names(setup.policy) == ["Data sharing", "Retention period"]


def test_suggested_themes_are_added_in_one_click(client, login, staff):
    setup = Setup()
    login(staff)
    page = text(client.get(themes_url(setup)))
    assert "Add “retention period”" not in page  # already a theme (any case)
    assert "Add “federal agencies”" in page and "(12 comments)" in page
    client.post_form(themes_url(setup), {"name": "federal agencies"})
    assert "federal agencies" in theme_names(setup.policy)
    assert "Add “federal agencies”" not in text(client.get(themes_url(setup)))


def test_staff_rename_a_theme(client, login, staff):
    setup = Setup()
    login(staff)
    url = f"{themes_url(setup)}/{setup.sharing.id}/rename"
    assert client.post_form(url, {"name": "Sharing with ICE"}).status_code == 302
    assert theme_names(setup.policy) == ["Retention period", "Sharing with ICE"]
    refused = client.post_form(url, {"name": "Retention Period"})
    assert refused.status_code == 400
    assert "already has a theme called" in text(refused)
    assert theme_names(setup.policy) == ["Retention period", "Sharing with ICE"]


def test_removing_a_theme_asks_first_then_takes_its_tags_off(client, login, staff):
    setup = Setup()
    comment = setup.comments[0]
    db.session.add(CommentTheme(comment_id=comment.id, theme_id=setup.sharing.id))
    save_draft(staff, setup.summary, "", [ResponseData(setup.sharing.id, "No sharing.", True)])
    login(staff)
    url = f"{themes_url(setup)}/{setup.sharing.id}/remove"
    page = text(client.get(url))
    assert "Remove the theme “Data sharing”?" in page
    assert "1 comment is tagged with it" in page
    assert theme_names(setup.policy) == ["Data sharing", "Retention period"]  # not yet
    assert client.post_form(url).status_code == 302
    assert theme_names(setup.policy) == ["Retention period"]
    assert tags(comment) == set()
    assert db.session.scalar(db.select(db.func.count(ThemeResponse.id))) == 0
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "theme.remove"))


def test_another_policys_theme_is_not_found(client, login, staff):
    setup, other = Setup(), Setup("Drones")
    login(staff)
    base = themes_url(setup)
    assert client.get(f"{base}/{other.sharing.id}/remove").status_code == 404
    assert client.post_form(f"{base}/{other.sharing.id}/rename", {"name": "X"}).status_code == 404
    assert client.get("/staff/policies/no-such-policy/themes").status_code == 404


@pytest.mark.parametrize(
    ("role", "status"), [("moderator", 200), ("resident", 403), ("board", 403)]
)
def test_staff_and_moderators_keep_the_themes(client, login, role, status):
    setup = Setup()
    login(factories.make_user(role=role))
    assert client.get(themes_url(setup)).status_code == status
    expected = 302 if status == 200 else 403
    assert client.post_form(themes_url(setup), {"name": "Costs"}).status_code == expected


# Tagging -----------------------------------------------------------------------------------


def tag_url(comment) -> str:
    return f"/comments/{comment.id}/themes"


def test_the_comment_page_offers_tagging_to_staff_only(client, login, staff):
    setup = Setup()
    comment = setup.comments[0]
    login(factories.make_user(role="resident"))
    assert "Tag with themes" not in text(client.get(f"/comments/{comment.id}"))
    login(staff)
    page = text(client.get(f"/comments/{comment.id}"))
    assert "Tag with themes" in page
    assert f'action="/comments/{comment.id}/themes"' in page
    assert f'id="tags-{comment.id}-{setup.retention.id}"' in page


def test_moderators_tag_and_untag_a_comment(client, login, moderator):
    setup = Setup()
    comment = setup.comments[0]
    login(moderator)
    response = client.post_form(
        tag_url(comment),
        {"themes": [setup.retention.id, setup.sharing.id], "next": f"/comments/{comment.id}"},
    )
    assert response.status_code == 302 and response.location.endswith(f"/comments/{comment.id}")
    assert tags(comment) == {setup.retention.id, setup.sharing.id}
    db.session.refresh(setup.summary)
    assert setup.summary.stale is True
    assert "Themes: Data sharing, Retention period" in text(client.get(f"/comments/{comment.id}"))
    client.post_form(tag_url(comment), {"themes": [setup.sharing.id]})
    assert tags(comment) == {setup.sharing.id}
    entry = db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.action == "comment.tag").order_by(AuditEntry.id)
    ).all()[-1]
    assert entry.detail == {"added": [], "removed": [setup.retention.id]}


def test_tags_from_another_policy_are_refused(client, login, staff):
    setup, other = Setup(), Setup("Drones")
    comment = setup.comments[0]
    login(staff)
    response = client.post_form(tag_url(comment), {"themes": [other.retention.id]})
    assert response.status_code == 302
    assert tags(comment) == set()
    assert "nothing was changed" in text(client.get(response.location))


@pytest.mark.parametrize("themes", [["abc"], ["99999999999999"]])
def test_forged_tags_change_nothing(client, login, staff, themes):
    setup = Setup()
    login(staff)
    assert client.post_form(tag_url(setup.comments[0]), {"themes": themes}).status_code == 302
    assert tags(setup.comments[0]) == set()


def test_tagging_needs_the_form_token_and_a_real_comment(client, login, staff):
    setup = Setup()
    login(staff)
    assert client.post(tag_url(setup.comments[0]), data={"themes": [1]}).status_code == 400
    assert client.post_form("/comments/999999/themes", {"themes": []}).status_code == 404


def test_residents_cannot_tag(client, login, resident):
    setup = Setup()
    login(resident)
    response = client.post_form(tag_url(setup.comments[0]), {"themes": [setup.retention.id]})
    assert response.status_code == 403
    assert tags(setup.comments[0]) == set()


def test_an_outside_address_is_never_followed(client, login, staff):
    setup = Setup()
    login(staff)
    response = client.post_form(
        tag_url(setup.comments[0]), {"themes": [], "next": "https://evil.example/"}
    )
    assert "evil.example" not in response.location


def test_the_drilldown_list_offers_tagging(client, login, staff):
    setup = Setup()
    make_theme(setup.policy, "Costs")
    login(staff)
    page = text(
        client.get(f"/policies/{setup.policy.slug}/summary/comments?summary={setup.summary.id}")
    )
    for comment in setup.comments:
        assert f'action="/comments/{comment.id}/themes"' in page
    assert 'name="next" value="/policies/' in page


def test_the_citys_own_responses_are_not_tagged(client, login, staff):
    setup = Setup()
    answer = add_comment(setup.policy, setup.period, "The city answers.", is_official_response=True)
    login(staff)
    assert "Tag with themes" not in text(client.get(f"/comments/{answer.id}"))
    client.post_form(tag_url(answer), {"themes": [setup.retention.id]})
    assert tags(answer) == set()
