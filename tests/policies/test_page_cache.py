"""Anonymous policy pages come from the page cache, and every change shows on the next visit."""

import re
from datetime import timedelta

import pytest

from engage import cache, signals
from engage.accounts.services import update_profile
from engage.comments.services import edit_comment, endorse, withdraw_comment
from engage.events.models import Event
from engage.extensions import db
from engage.policies import services as catalog
from engage.policies.models import CommentPeriod
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_thread import counting_queries, post, submit, text
from tests.policies.conftest import publish


@pytest.fixture
def anonymous(app):
    return app.test_client()


def visit(client, policy, query: str = "", **kwargs):
    """GET the policy page; returns (response, number of SQL statements it took)."""
    url = f"/policies/{policy.slug}{query}"
    with counting_queries() as counted:
        response = client.get(url, **kwargs)
    return response, counted[0]


def shows(client, policy, words: str, query: str = "") -> bool:
    response, _queries = visit(client, policy, query)
    assert response.status_code == 200
    return words in text(response)


def form_tokens(html: str) -> tuple[str, str]:
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    return csrf, token


def commit() -> None:
    db.session.commit()


# Served from the cache ---------------------------------------------------------------------


def test_a_second_anonymous_visit_is_served_from_the_cache(page_cache, anonymous, policy):
    post(factories.make_user(), policy, "Thirty days is plenty.")
    commit()
    first, rendering = visit(anonymous, policy)
    second, cached = visit(anonymous, policy)
    assert first.status_code == second.status_code == 200
    assert rendering > 3
    assert cached == 0
    assert "Thirty days is plenty." in text(second)
    assert len(page_cache) == 1


def test_each_visitor_gets_tokens_of_their_own(page_cache, app, policy):
    pages = [text(visit(app.test_client(), policy)[0]) for _ in range(2)]
    assert all("placeholder" not in page for page in pages)
    (csrf_a, token_a), (csrf_b, token_b) = (form_tokens(page) for page in pages)
    assert csrf_a != csrf_b
    assert token_a != token_b


def test_the_form_on_a_cached_page_posts_after_signing_in(page_cache, app, client, policy):
    visit(app.test_client(), policy)  # someone else's visit fills the cache
    html = text(visit(client, policy)[0])
    csrf, token = form_tokens(html)
    response = client.post(
        f"/policies/{policy.slug}/comments",
        data={
            "csrf_token": csrf,
            "token": token,
            "body": "Kept through sign-in.",
            "action": "post",
        },
    )
    assert response.status_code == 302  # kept, and off to sign in: the CSRF token was good
    assert "/auth/login" in response.headers["Location"]


def test_other_query_arguments_are_served_the_same_page(page_cache, anonymous, policy):
    visit(anonymous, policy)
    response, queries = visit(anonymous, policy, "?utm_source=newsletter")
    assert response.status_code == 200
    assert queries == 0


def test_a_page_rendered_for_other_arguments_is_not_stored(page_cache, anonymous, policy):
    visit(anonymous, policy, "?utm_source=newsletter")
    assert len(page_cache) == 0


def test_a_missing_policy_is_not_cached(page_cache, anonymous, ctx):
    assert anonymous.get("/policies/no-such-policy").status_code == 404
    assert len(page_cache) == 0


# Never cached ------------------------------------------------------------------------------


def test_a_kept_draft_is_shown_to_its_author_only(page_cache, app, client, policy):
    visit(app.test_client(), policy)
    submit(client, policy, "My draft, kept while I sign in.")  # signed out: kept in the session
    response, _queries = visit(client, policy)
    assert "My draft, kept while I sign in." in text(response)
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "My draft" not in text(visit(app.test_client(), policy)[0])


def test_the_cache_can_be_turned_off(page_cache, app, anonymous, policy, monkeypatch):
    monkeypatch.setitem(app.config, "ENGAGE_PAGE_CACHE", False)
    visit(anonymous, policy)
    assert visit(anonymous, policy)[1] > 0
    assert len(page_cache) == 0


# Conditional GET ---------------------------------------------------------------------------


def test_an_unchanged_page_answers_304(page_cache, anonymous, policy):
    first, _queries = visit(anonymous, policy)
    assert first.headers["Cache-Control"] == "no-cache"
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    again, queries = visit(anonymous, policy, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert queries == 0


def test_a_changed_page_answers_200_with_a_new_etag(page_cache, anonymous, policy):
    etag = visit(anonymous, policy)[0].headers["ETag"]
    post(factories.make_user(), policy, "Something new.")
    commit()
    response, _queries = visit(anonymous, policy, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.headers["ETag"] != etag
    assert "Something new." in text(response)


def test_another_visitor_does_not_match_the_etag(page_cache, app, policy):
    etag = visit(app.test_client(), policy)[0].headers["ETag"]
    response, _queries = visit(app.test_client(), policy, headers={"If-None-Match": etag})
    assert response.status_code == 200  # their form needs a CSRF token of their own


# Invalidation ------------------------------------------------------------------------------


def test_a_comment_posted_through_the_form_shows(page_cache, anonymous, client, login, policy):
    assert not shows(anonymous, policy, "Posted through the form.")
    login(factories.make_user())
    assert submit(client, policy, "Posted through the form.").status_code == 303
    assert shows(anonymous, policy, "Posted through the form.")


def test_an_edit_shows(page_cache, anonymous, policy):
    author = factories.make_user()
    comment = post(author, policy, "Ninety days.")
    commit()
    assert shows(anonymous, policy, "Ninety days.")
    edit_comment(author, comment, "Thirty days, on reflection.")
    commit()
    assert shows(anonymous, policy, "Thirty days, on reflection.")
    assert shows(anonymous, policy, "edited")


def test_a_withdrawal_shows(page_cache, anonymous, policy):
    author = factories.make_user()
    comment = post(author, policy, "I take this back.")
    post(factories.make_user(), policy, "A reply keeps it in place.", parent=comment)
    commit()
    assert shows(anonymous, policy, "I take this back.")
    withdraw_comment(author, comment)
    commit()
    assert not shows(anonymous, policy, "I take this back.")
    assert shows(anonymous, policy, "Withdrawn by its author")


def test_a_hidden_comment_shows_as_hidden(page_cache, anonymous, policy):
    comment = post(factories.make_user(), policy, "Something rude.")
    post(factories.make_user(), policy, "A reply keeps it in place.", parent=comment)
    commit()
    assert shows(anonymous, policy, "Something rude.")
    comment.status = "hidden"  # what moderation does, announcing it with comment_changed
    db.session.flush()
    signals.comment_changed.send(comment)
    commit()
    assert not shows(anonymous, policy, "Something rude.")
    assert shows(anonymous, policy, "Hidden by moderators")


def test_an_endorsement_shows(page_cache, anonymous, policy):
    comment = post(factories.make_user(), policy, "Endorse me.")
    commit()
    assert shows(anonymous, policy, "0 endorsements")
    endorse(factories.make_user(), comment)
    commit()
    assert shows(anonymous, policy, "1 endorsement")


def test_a_new_version_shows(page_cache, anonymous, policy):
    assert not shows(anonymous, policy, "Footage is deleted after 30 days.")
    publish(
        policy,
        {"purpose": "Accountability.", "data_retention": "Footage is deleted after 30 days."},
    )
    commit()
    assert shows(anonymous, policy, "Footage is deleted after 30 days.")


def test_a_period_extension_shows(page_cache, anonymous, policy):
    period = policy.current_version.periods[0]
    assert shows(anonymous, policy, "10 days left")
    catalog.extend_period(None, period, period.closes_at + timedelta(days=7), "More meetings.")
    commit()
    assert shows(anonymous, policy, "17 days left")


def test_an_early_close_shows(page_cache, anonymous, policy):
    assert shows(anonymous, policy, "Post comment")
    catalog.close_period_early(None, policy.current_version.periods[0], "Withdrawn by the city.")
    commit()
    assert not shows(anonymous, policy, "Post comment")
    assert shows(anonymous, policy, "The thread is read-only")


def test_a_policy_saved_shows(page_cache, anonymous, policy):
    assert shows(anonymous, policy, "Body-worn cameras")
    data = catalog.PolicyData(
        title="Body-worn cameras, revised",
        department_id=policy.department_id,
        technology_id=policy.technology_id,
        slug=policy.slug,
        status=policy.status,
    )
    catalog.save_policy(None, data, policy)
    commit()
    assert shows(anonymous, policy, "Body-worn cameras, revised")


def test_an_author_renaming_themselves_shows(page_cache, anonymous, policy):
    author = factories.make_user(display_name="Old Name")
    post(author, policy, "Signed.")
    commit()
    assert shows(anonymous, policy, "Old Name")
    update_profile(author, "New Name", "", "")
    commit()
    assert shows(anonymous, policy, "New Name")


def test_a_department_renamed_shows(page_cache, anonymous, policy):
    department = policy.department
    assert shows(anonymous, policy, department.name)
    data = catalog.DepartmentData(code=department.code, name="Department of Public Safety")
    catalog.save_department(None, data, department)
    commit()
    assert shows(anonymous, policy, "Department of Public Safety")


def test_each_language_has_its_page(page_cache, app, anonymous, policy):
    assert 'lang="en"' in text(visit(anonymous, policy)[0])
    assert 'lang="es"' in text(visit(anonymous, policy, "?lang=es")[0])
    reader = app.test_client()
    reader.set_cookie("engage_lang", "es")
    assert '<html lang="es"' in text(visit(reader, policy)[0])
    assert '<html lang="en"' in text(visit(app.test_client(), policy)[0])


def test_the_language_cookie_is_set_on_a_cached_page_too(page_cache, app, policy):
    visit(app.test_client(), policy, "?lang=es")
    response, queries = visit(app.test_client(), policy, "?lang=es")
    assert queries == 0
    assert "engage_lang=es" in response.headers.get("Set-Cookie", "")


def test_filters_and_sort_have_their_own_pages(page_cache, anonymous, policy):
    people = [factories.make_user() for _ in range(2)]
    post(people[0], policy, "About retention.", section_key="data_retention")
    post(people[1], policy, "About the whole policy.")
    commit()
    assert shows(anonymous, policy, "About the whole policy.")
    assert not shows(anonymous, policy, "About the whole policy.", "?section=data_retention")
    assert shows(anonymous, policy, "About retention.", "?section=data_retention")
    newest = text(visit(anonymous, policy, "?sort=newest")[0])
    assert newest.index("About the whole policy.") < newest.index("About retention.")


# Transactions ------------------------------------------------------------------------------


def test_generations_move_only_once_the_change_is_committed(page_cache, anonymous, policy):
    names = [cache.EVERYTHING, cache.policy_generation(policy.slug)]
    before = page_cache.generations(names)
    post(factories.make_user(), policy, "Not committed yet.")  # releases a savepoint, too
    # A reader rendering now sees the old data: the generation must not have moved yet, or
    # that reader would store the old page under the new generation.
    assert page_cache.generations(names) == before
    commit()
    assert page_cache.generations(names)[1] != before[1]


def test_a_listening_session_about_the_policy_refreshes_every_page(page_cache, policy):
    before = page_cache.generations([cache.EVERYTHING])
    start = utcnow() + timedelta(days=2)
    event = Event(title="What do you think?", starts_at=start, ends_at=start + timedelta(hours=2))
    event.policies = [policy]
    db.session.add(event)
    db.session.flush()
    assert page_cache.generations([cache.EVERYTHING]) == before
    commit()
    assert page_cache.generations([cache.EVERYTHING]) != before


def test_a_rollback_shows_the_old_page(page_cache, anonymous, policy):
    visit(anonymous, policy)
    post(factories.make_user(), policy, "Rolled back.")
    db.session.rollback()
    assert not shows(anonymous, policy, "Rolled back.")
    generations = page_cache.generations([cache.policy_generation(policy.slug)])
    factories.make_user()
    commit()  # a later commit does not replay what was rolled back
    assert page_cache.generations([cache.policy_generation(policy.slug)]) == generations


def test_a_page_rendered_from_a_rolled_back_change_is_dropped(page_cache, anonymous, policy):
    post(factories.make_user(), policy, "Rolled back.")
    # The test harness shares one connection, so this visit sees the uncommitted comment (as
    # a reader under READ UNCOMMITTED would) and stores that page.
    assert shows(anonymous, policy, "Rolled back.")
    db.session.rollback()
    assert not shows(anonymous, policy, "Rolled back.")


# Time --------------------------------------------------------------------------------------


def test_a_page_expires_when_its_period_closes(page_cache, anonymous, clock, policy):
    period: CommentPeriod = policy.current_version.periods[0]
    period.closes_at = utcnow() + timedelta(seconds=120)
    commit()
    visit(anonymous, policy)
    clock.now += 60
    assert visit(anonymous, policy)[1] == 0
    clock.now += 61
    assert visit(anonymous, policy)[1] > 0  # past the deadline: rendered again


def test_every_page_expires_after_the_ttl(page_cache, app, anonymous, clock, monkeypatch, ctx):
    policy = factories.make_policy(period="closed")
    commit()
    monkeypatch.setitem(app.config, "ENGAGE_PAGE_CACHE_TTL", 30)
    visit(anonymous, policy)
    clock.now += 29
    assert visit(anonymous, policy)[1] == 0
    clock.now += 2
    assert visit(anonymous, policy)[1] > 0
