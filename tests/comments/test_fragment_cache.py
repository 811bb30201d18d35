"""Signed-in visitors get the policy page's list of comments from a shared fragment, with their
own actions filled in: every change shows on their next visit, and no one sees another's."""

import re

import pytest
from flask_login import login_user

from engage import cache, signals
from engage.accounts.services import update_profile
from engage.cache_backends import MemoryBackend
from engage.comments import fragments
from engage.comments.services import edit_comment, endorse, withdraw_comment
from engage.comments.services.reactions import flag
from engage.extensions import db
from tests import factories
from tests.comments.helpers_thread import counting_queries, open_policy, post, submit, text
from tests.policies.conftest import publish


@pytest.fixture
def page_cache(app, monkeypatch):
    store = MemoryBackend()
    monkeypatch.setitem(app.config, "ENGAGE_PAGE_CACHE", True)
    monkeypatch.setitem(app.extensions, cache.EXTENSION, store)
    return store


@pytest.fixture
def policy(ctx):
    policy = open_policy(title="Body-worn cameras")
    db.session.commit()
    return policy


def signed_in(app, user):
    client = app.test_client()
    response = client.post_form(
        "/auth/login", {"email": user.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    return client


def visit(client, policy, query: str = ""):
    with counting_queries() as counted:
        response = client.get(f"/policies/{policy.slug}{query}")
    assert response.status_code == 200
    return text(response), counted[0]


def shows(client, policy, words: str) -> bool:
    return words in visit(client, policy)[0]


def article(html: str, comment_id: int) -> str:
    start = html.index(f'<article id="comment-{comment_id}"')
    return html[start : html.index("</article>", start)]


@pytest.fixture
def reader(app, page_cache, policy):
    return signed_in(app, factories.make_user())


# Kept, and shared --------------------------------------------------------------------------


def test_a_second_signed_in_visit_reuses_the_list(page_cache, reader, policy):
    post(factories.make_user(), policy, "Thirty days is plenty.")
    db.session.commit()
    first, rendering = visit(reader, policy)
    second, reusing = visit(reader, policy)
    assert "Thirty days is plenty." in first and "Thirty days is plenty." in second
    assert reusing < rendering
    assert len(page_cache.fragments) == 2  # the list, and the counts
    assert "engage-actions:" not in second


def test_without_the_cache_nothing_is_kept(page_cache, app, reader, policy, monkeypatch):
    monkeypatch.setitem(app.config, "ENGAGE_PAGE_CACHE", False)
    visit(reader, policy)
    assert len(page_cache.fragments) == 0


def test_filters_and_pages_have_lists_of_their_own(page_cache, reader, policy):
    post(factories.make_user(), policy, "I support it.", stance="support")
    post(factories.make_user(), policy, "I oppose it.", stance="oppose")
    db.session.commit()
    assert "I oppose it." in visit(reader, policy)[0]
    filtered = visit(reader, policy, "?stance=support")[0]
    assert "I support it." in filtered and "I oppose it." not in filtered
    assert len(page_cache.fragments) == 3  # two lists, one count


# Every change shows ------------------------------------------------------------------------


def test_a_new_comment_shows(page_cache, app, reader, policy):
    assert not shows(reader, policy, "Posted through the form.")
    author = signed_in(app, factories.make_user())
    assert submit(author, policy, "Posted through the form.").status_code == 303
    assert shows(reader, policy, "Posted through the form.")


def test_an_edit_shows(page_cache, reader, policy):
    author = factories.make_user()
    comment = post(author, policy, "Ninety days.")
    db.session.commit()
    assert shows(reader, policy, "Ninety days.")
    edit_comment(author, comment, "Thirty days, on reflection.")
    db.session.commit()
    assert shows(reader, policy, "Thirty days, on reflection.")


def test_a_withdrawal_and_a_hiding_show(page_cache, reader, policy):
    withdrawn = post(author := factories.make_user(), policy, "I take this back.")
    hidden = post(factories.make_user(), policy, "Something rude.")
    for parent in (withdrawn, hidden):
        post(factories.make_user(), policy, "A reply keeps it in place.", parent=parent)
    db.session.commit()
    assert shows(reader, policy, "I take this back.") and shows(reader, policy, "Something rude")
    withdraw_comment(author, withdrawn)
    db.session.commit()
    assert shows(reader, policy, "Withdrawn by its author")
    hidden.status = "hidden"
    db.session.flush()
    signals.comment_changed.send(hidden)
    db.session.commit()
    html = visit(reader, policy)[0]
    assert "Something rude" not in html and "Hidden by moderators" in html


def test_the_counts_follow_a_new_comment(page_cache, reader, policy):
    post(factories.make_user(), policy, "One.")
    db.session.commit()
    assert shows(reader, policy, "Comments (1)")
    post(factories.make_user(), policy, "Two.")
    db.session.commit()
    assert shows(reader, policy, "Comments (2)")


def test_an_endorsement_shows(page_cache, reader, policy):
    comment = post(factories.make_user(), policy, "Endorse me.")
    db.session.commit()
    assert shows(reader, policy, "0 endorsements")
    endorse(factories.make_user(), comment)
    db.session.commit()
    assert shows(reader, policy, "1 endorsement")


def test_a_new_version_and_a_renamed_author_show(page_cache, reader, policy):
    author = factories.make_user(display_name="Old Name")
    post(author, policy, "Signed.")
    db.session.commit()
    assert shows(reader, policy, "Old Name")
    update_profile(author, "New Name", "", "")
    db.session.commit()
    assert shows(reader, policy, "New Name")
    publish(policy, {"purpose": "Accountability.", "data_retention": "Deleted after 30 days."})
    db.session.commit()
    assert shows(reader, policy, "Deleted after 30 days.")


def test_a_list_rendered_from_a_rolled_back_change_is_dropped(page_cache, reader, policy):
    post(factories.make_user(), policy, "Rolled back.")
    assert shows(reader, policy, "Rolled back.")  # one shared connection sees it uncommitted
    db.session.rollback()
    assert not shows(reader, policy, "Rolled back.")


def test_each_language_has_its_list(page_cache, app, reader, policy):
    post(factories.make_user(), policy, "Hello.")
    db.session.commit()
    visit(reader, policy)
    visit(reader, policy, "?lang=es")
    assert len(page_cache.fragments) == 3  # two lists, one count


# Nobody sees another's actions -------------------------------------------------------------


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_two_viewers_never_see_each_others_actions(page_cache, app, policy):
    alice, bob = factories.make_user(), factories.make_user()
    hers = post(alice, policy, "Alice's comment.")
    his = post(bob, policy, "Bob's comment.")
    endorse(bob, hers)
    flag(alice, his, "spam", "")
    db.session.commit()
    as_alice, as_bob = signed_in(app, alice), signed_in(app, bob)
    page_a, _ = visit(as_alice, policy)
    page_b, _ = visit(as_bob, policy)
    page_a_again, _ = visit(as_alice, policy)
    for page in (page_a, page_a_again):
        assert "/edit" in article(page, hers.id) and "/withdraw" in article(page, hers.id)
        assert "/edit" not in article(page, his.id) and "/withdraw" not in article(page, his.id)
        assert "Undo endorsement" not in page
        assert "You flagged this comment" in article(page, his.id)
    assert "/edit" in article(page_b, his.id) and "/edit" not in article(page_b, hers.id)
    assert "Undo endorsement" in article(page_b, hers.id)
    assert "You flagged this comment" not in page_b
    token_a, token_b = csrf_of(page_a), csrf_of(page_b)
    assert token_a != token_b
    assert token_a not in page_b and token_b not in page_a
    assert set(re.findall(r'name="csrf_token" value="([^"]+)"', page_b)) == {token_b}


def test_an_anonymous_visitor_sees_no_actions_of_a_signed_in_one(page_cache, app, policy):
    author = factories.make_user()
    comment = post(author, policy, "Mine.")
    db.session.commit()
    visit(signed_in(app, author), policy)
    anonymous = text(app.test_client().get(f"/policies/{policy.slug}"))
    assert "/edit" not in article(anonymous, comment.id)
    assert 'name="csrf_token" value=' not in article(anonymous, comment.id)


# The actions built in Python are the template's ------------------------------------------


def squeeze(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


@pytest.mark.parametrize("who", ["anonymous", "author", "endorser", "flagger", "other"])
def test_actions_match_the_template(app, ctx, policy, who):
    author, someone = factories.make_user(), factories.make_user()
    comment = post(author, policy, "Compare me.")
    if who == "endorser":
        endorse(someone, comment)
    if who == "flagger":
        flag(someone, comment, "spam", "")
    db.session.flush()
    viewer = {"author": author, "anonymous": None}.get(who, someone)
    with app.test_request_context(f"/policies/{policy.slug}"):
        if viewer is not None:
            login_user(viewer)
        from engage.comments.views import ThreadView, comment_thread

        view: ThreadView = comment_thread(policy)["thread"]
        macro = app.jinja_env.get_template("comments/_actions.html").module.actions
        expected = macro(comment, view.marks(comment))
        built = fragments.Actions(view)(comment)
    assert squeeze(built) == squeeze(expected)
    assert ("Undo endorsement" in built) == (who == "endorser")
    assert ("You flagged" in built) == (who == "flagger")
