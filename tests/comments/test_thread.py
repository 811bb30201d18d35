"""Reading the thread under a policy: nesting, placeholders, sorting, filters, pages, counts."""

import re
from datetime import timedelta

import pytest

from engage.comments.models import Channel, CommentStatus
from engage.comments.queries import PER_PAGE
from engage.comments.services import (
    OfflineComment,
    edit_comment,
    endorse,
    enter_offline_comment,
    withdraw_comment,
)
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_thread import (
    article,
    backdate,
    open_policy,
    post,
    submit,
    text,
    thread_order,
)


@pytest.fixture
def policy(ctx):
    return open_policy()


def _page(client, policy, query: str = "") -> str:
    response = client.get(f"/policies/{policy.slug}{query}")
    assert response.status_code == 200
    return text(response)


def _in_order(policy, bodies: list[str], minutes_apart: int = 5) -> list:
    comments = [post(factories.make_user(), policy, body) for body in bodies]
    for age, comment in enumerate(reversed(comments)):
        backdate(comment, (age + 1) * minutes_apart)
    return comments


# Nesting ------------------------------------------------------------------------------------


def test_replies_nest_three_levels_and_deeper_replies_join_the_third(client, policy):
    people = [factories.make_user() for _ in range(4)]
    root = post(people[0], policy, "Root.")
    second = post(people[1], policy, "Second level.", parent=root)
    third = post(people[2], policy, "Third level.", parent=second)
    fourth = post(people[3], policy, "Fourth, attached at the third.", parent=third)
    assert [c.depth for c in (root, second, third, fourth)] == [0, 1, 2, 2]
    assert fourth.parent_id == second.id
    page = _page(client, policy)
    assert thread_order(page) == [root.id, second.id, third.id, fourth.id]
    # The reply lists nest: the third and fourth are siblings inside the second's list.
    nested = re.search(
        rf'<article id="comment-{second.id}".*?'
        r'<ol class="engage-replies[^"]*" aria-label="2 replies">'
        rf'.*?id="comment-{third.id}".*?id="comment-{fourth.id}"',
        page,
        flags=re.DOTALL,
    )
    assert nested
    assert page.count('<ol class="engage-replies') == 2


def test_a_reply_posted_through_the_permalink_form_nests_under_its_parent(client, login, policy):
    parent = post(factories.make_user(), policy, "Why 90 days?")
    login(factories.make_user(display_name="Replier"))
    response = submit(client, policy, "Because of appeals.", parent_id=str(parent.id))
    assert response.status_code == 303
    page = _page(client, policy)
    assert re.search(
        rf'id="comment-{parent.id}".*?<ol class="engage-replies[^"]*" aria-label="1 reply">'
        r".*?Because of appeals\.",
        page,
        flags=re.DOTALL,
    )


# What each comment shows ------------------------------------------------------------------------


def test_withdrawn_and_hidden_comments_leave_placeholders_so_replies_keep_context(client, policy):
    author, other = factories.make_user(), factories.make_user()
    withdrawn = post(author, policy, "I take this back.")
    post(other, policy, "Reply to the withdrawn one.", parent=withdrawn)
    hidden = post(author, policy, "Something rude.")
    post(other, policy, "Reply to the hidden one.", parent=hidden)
    withdraw_comment(author, withdrawn)
    hidden.status = CommentStatus.HIDDEN.value
    db.session.flush()
    page = _page(client, policy)
    assert "Withdrawn by its author" in article(page, withdrawn.id)
    assert "I take this back." not in page
    assert "Hidden by moderators" in article(page, hidden.id)
    assert "Something rude." not in page
    assert "Reply to the withdrawn one." in page
    assert "Reply to the hidden one." in page


def test_held_comments_are_not_in_the_thread(client, policy):
    held = post(factories.make_user(), policy, "Waiting for a moderator.")
    held.status = CommentStatus.HELD.value
    db.session.flush()
    page = _page(client, policy)
    assert f'id="comment-{held.id}"' not in page
    assert "Comments (0)" in page


def test_edited_comments_say_so(client, policy):
    author = factories.make_user()
    comment = post(author, policy, "First try.")
    edit_comment(author, comment, "Second try.")
    shown = article(_page(client, policy), comment.id)
    assert "Second try." in shown
    assert ">edited<" in shown


def test_endorsements_are_counted_on_the_comment(client, policy):
    comment = post(factories.make_user(), policy)
    for _ in range(3):
        endorse(factories.make_user(), comment)
    assert "3 endorsements" in _page(client, policy)


def test_offline_comments_name_the_channel_and_the_person_or_anonymous(client, staff, policy):
    named = enter_offline_comment(
        staff,
        policy,
        OfflineComment(
            body="Letter text.",
            channel=Channel.LETTER.value,
            received_at=utcnow() - timedelta(days=1),
            author_name="Mrs. Okafor",
        ),
    )
    nameless = enter_offline_comment(
        staff,
        policy,
        OfflineComment(body="Call notes.", channel=Channel.PHONE.value, received_at=utcnow()),
    )
    page = _page(client, policy)
    assert "Received by letter" in article(page, named.id)
    assert "Mrs. Okafor" in article(page, named.id)
    assert "Received by phone" in article(page, nameless.id)
    assert "<strong>Anonymous</strong>" in article(page, nameless.id)


def test_the_comment_time_is_shown_in_the_city_time_zone(client, policy):
    comment = post(factories.make_user(), policy)
    comment.created_at = comment.created_at.replace(
        year=2026, month=1, day=15, hour=17, minute=30, second=0, microsecond=0
    )
    db.session.flush()
    shown = article(_page(client, policy), comment.id)
    assert 'datetime="2026-01-15T17:30:00+00:00"' in shown
    assert "12:30" in shown  # Boston is five hours behind UTC in January


# Sorting, filters, pages ------------------------------------------------------------------------


def test_sorting_oldest_newest_and_most_endorsed(client, policy):
    first, second, third = _in_order(policy, ["First.", "Second.", "Third."])
    for _ in range(2):
        endorse(factories.make_user(), second)
    endorse(factories.make_user(), third)
    assert thread_order(_page(client, policy)) == [first.id, second.id, third.id]
    assert thread_order(_page(client, policy, "?sort=newest")) == [third.id, second.id, first.id]
    assert thread_order(_page(client, policy, "?sort=endorsed")) == [
        second.id,
        third.id,
        first.id,
    ]
    assert '<option value="endorsed" selected>' in _page(client, policy, "?sort=endorsed")


def test_filtering_by_stance_and_section(client, policy):
    author = factories.make_user()
    support = post(author, policy, "Yes.", stance="support")
    oppose = post(author, policy, "No.", stance="oppose", section_key="data_retention")
    assert thread_order(_page(client, policy, "?stance=support")) == [support.id]
    page = _page(client, policy, "?section=data_retention")
    assert thread_order(page) == [oppose.id]
    assert "1 conversation matches." in page
    assert '<option value="data_retention" selected>' in page
    assert thread_order(_page(client, policy, "?stance=support&section=data_retention")) == []
    assert "No comments match these filters." in _page(
        client, policy, "?stance=question&section=purpose"
    )


def test_unknown_filter_values_are_ignored(client, policy):
    comment = post(factories.make_user(), policy)
    for query in ("?sort=evil", "?stance=<script>", "?section=nope", "?page=abc", "?page=-3"):
        assert thread_order(_page(client, policy, query)) == [comment.id]


def test_the_filters_are_a_get_form_that_works_without_javascript(client, policy):
    post(factories.make_user(), policy)
    page = _page(client, policy)
    assert f'<form method="get" action="/policies/{policy.slug}#comments"' in page
    assert 'name="sort"' in page and 'name="stance"' in page and 'name="section"' in page


def test_pages_of_threads_keep_the_filters(client, policy):
    comments = _in_order(policy, [f"Comment {n}." for n in range(PER_PAGE + 5)], 1)
    for comment in comments:
        comment.stance = "concerns"
    db.session.flush()
    first = _page(client, policy, "?stance=concerns")
    assert len(thread_order(first)) == PER_PAGE
    assert f'href="/policies/{policy.slug}?stance=concerns&amp;page=2#comments"' in first
    second = _page(client, policy, "?stance=concerns&page=2")
    assert thread_order(second) == [c.id for c in comments[PER_PAGE:]]
    assert 'aria-current="page">2</a>' in second
    assert thread_order(_page(client, policy, "?page=9")) == []


def test_replies_come_with_their_thread_on_its_page(client, policy):
    roots = _in_order(policy, [f"Root {n}." for n in range(PER_PAGE + 1)], 1)
    reply = post(factories.make_user(), policy, "Late reply to the first.", parent=roots[0])
    assert reply.id in thread_order(_page(client, policy))
    assert reply.id not in thread_order(_page(client, policy, "?page=2"))


# Sections ---------------------------------------------------------------------------------


def test_each_section_counts_its_comments_and_links_to_them(client, policy):
    author = factories.make_user()
    for _ in range(2):
        post(author, policy, "On retention.", section_key="data_retention")
    post(author, policy, "On the whole policy.")
    page = _page(client, policy)
    retention = page[page.index('id="section-data_retention"') :]
    retention = retention[: retention.index("</section>")]
    assert f'href="/policies/{policy.slug}?section=data_retention#comments">2 comments' in retention
    assert (
        f'href="/policies/{policy.slug}?comment_on=data_retention#comment-form">'
        "Comment on this section" in retention
    )
    purpose = page[page.index('id="section-purpose"') :]
    assert "No comments on this section yet" in purpose[: purpose.index("</section>")]


def test_a_reply_counts_for_the_section_of_its_thread(client, policy):
    root = post(factories.make_user(), policy, "On retention.", section_key="data_retention")
    post(factories.make_user(), policy, "Agreed.", parent=root)
    assert "2 comments" in _page(client, policy)


def test_the_page_links_to_its_comments_from_the_contents(client, policy):
    assert 'href="#comments"' in _page(client, policy)
