"""Posting a comment through the form on the policy page: receipt, states, bad input."""

import random
import re

import pytest

from engage.comments.models import CommentStatus
from engage.comments.services import withdraw_comment
from engage.extensions import db
from tests import factories
from tests.comments.helpers_thread import (
    article,
    comments_of,
    open_policy,
    post,
    submit,
    text,
)


@pytest.fixture
def policy(ctx):
    return open_policy()


def _page(client, policy, query: str = "") -> str:
    response = client.get(f"/policies/{policy.slug}{query}")
    assert response.status_code == 200
    return text(response)


# Posting and seeing it ----------------------------------------------------------------------


def test_posting_stores_one_comment_and_shows_it_in_the_thread(client, login, policy):
    author = login(factories.make_user(display_name="Dana Whitfield"))
    response = submit(
        client,
        policy,
        "Footage should be deleted after **30 days**.",
        stance="oppose",
        section_key="data_retention",
        neighborhood="Dorchester",
    )
    assert response.status_code == 303
    [comment] = comments_of(policy)
    assert response.location.endswith(f"/comments/{comment.id}/posted#receipt")
    assert (comment.author_id, comment.stance, comment.section_key) == (
        author.id,
        "oppose",
        "data_retention",
    )
    assert comment.neighborhood == "Dorchester"
    shown = article(_page(client, policy), comment.id)
    assert "Dana Whitfield" in shown
    assert "Dorchester" in shown
    assert "Opposes" in shown
    assert 'href="#section-data_retention">Data retention</a>' in shown
    assert "<strong>30 days</strong>" in shown
    assert re.search(r'<time datetime="[^"]+">[^<]+</time>', shown)


def test_the_heading_counts_the_comments(client, login, policy):
    login(factories.make_user())
    submit(client, policy)
    submit(client, policy, "A second thought.")
    assert "Comments (2)" in _page(client, policy)


def test_an_anonymous_comment_hides_the_name(client, login, policy):
    login(factories.make_user(display_name="Dana Whitfield"))
    submit(client, policy, show_name=None)  # the box left unticked
    [comment] = comments_of(policy)
    assert comment.show_name is False
    shown = article(_page(client, policy), comment.id)
    assert "Anonymous resident" in shown
    assert "Dana Whitfield" not in shown


def test_the_form_offers_the_profile_neighborhood_and_a_chosen_section(client, login, policy):
    login(factories.make_user(neighborhood="Roxbury"))
    page = _page(client, policy, "?comment_on=data_retention")
    assert '<option selected value="Roxbury">Roxbury</option>' in page
    assert '<option selected value="data_retention">Data retention</option>' in page
    assert "Shown with your comment, to everyone." in page


def test_the_form_has_a_character_count_and_formatting_help(client, policy):
    page = _page(client, policy)
    assert 'aria-describedby="body-count body-hint"' in page
    assert "You can enter up to 5,000 characters" in page
    assert 'data-count-for="body" data-limit="5000" data-group=","' in page
    assert 'data-left="Characters left: {count}"' in page
    assert "No images or HTML." in page


def test_the_box_has_no_maxlength_that_would_cut_a_pasted_comment_short(client, policy):
    assert "maxlength" not in _page(client, policy).split('id="body"')[1].split(">")[0]


def test_the_character_count_speaks_the_page_language(client, policy):
    page = client.get(f"/policies/{policy.slug}?lang=fr").get_data(as_text=True)
    count = page.split('id="body-count"')[1].split(">")[0]
    assert 'data-group="\u202f"' in count  # 5 000 in French
    assert "Characters left" not in count


# The receipt --------------------------------------------------------------------------------


def test_the_receipt_shows_the_tracking_number_and_where_it_was_mailed(client, login, policy):
    author = login(factories.make_user(email="dana@example.org"))
    response = submit(client, policy)
    receipt = client.get(response.location)
    [comment] = comments_of(policy)
    page = text(receipt)
    assert receipt.status_code == 200
    assert f"Your tracking number is {comment.tracking_number}" in page
    assert re.fullmatch(r"C-[2-9A-Z]{4}-[2-9A-Z]{4}", comment.tracking_number)
    assert f"We emailed your receipt to {author.email}" in page
    assert f'href="/comments/{comment.id}"' in page


def test_the_receipt_mail_carries_the_tracking_number(client, login, policy, outbox):
    author = login(factories.make_user())
    submit(client, policy)
    [comment] = comments_of(policy)
    [mail] = outbox("comment_receipt")
    assert mail.to_address == author.email
    assert comment.tracking_number in mail.subject
    assert comment.tracking_number in mail.body_text
    assert f"/comments/{comment.id}" in mail.body_text


def test_only_the_author_sees_the_receipt(client, login, policy):
    comment = post(factories.make_user(), policy)
    assert client.get(f"/comments/{comment.id}/posted").location == f"/comments/{comment.id}"
    login(factories.make_user())
    response = client.get(f"/comments/{comment.id}/posted")
    assert response.status_code == 302
    assert response.location == f"/comments/{comment.id}"
    assert client.get("/comments/999999/posted").status_code == 404


# Official responses ---------------------------------------------------------------------------


def test_staff_post_the_citys_official_response(client, login, staff, policy):
    login(staff)
    assert "Post as the city" in _page(client, policy)
    submit(client, policy, "The department will review retention.", official="y")
    [comment] = comments_of(policy)
    assert comment.is_official_response
    assert "City response" in article(_page(client, policy), comment.id)


def test_residents_cannot_post_official_responses(client, login, resident, policy):
    login(resident)
    assert "official response" not in _page(client, policy)
    submit(client, policy, official="y")
    [comment] = comments_of(policy)
    assert not comment.is_official_response


# Preview ------------------------------------------------------------------------------------


def test_preview_shows_the_rendered_comment_and_stores_nothing(client, login, policy):
    login(factories.make_user())
    response = submit(client, policy, "Keep it *short*.", action="preview")
    page = text(response)
    assert response.status_code == 200
    assert "Preview: this is how your comment will look" in page
    assert "<em>short</em>" in page
    assert "Keep it *short*.</textarea>" in page
    assert comments_of(policy) == []


def test_preview_works_signed_out(client, policy):
    response = submit(client, policy, "A [link](https://example.org).", action="preview")
    assert response.status_code == 200
    assert 'href="https://example.org"' in text(response)


# Comment periods ------------------------------------------------------------------------------


def test_a_closed_period_makes_the_thread_read_only(client, login, ctx):
    policy = factories.make_policy(period="closed")
    login(factories.make_user())
    page = _page(client, policy)
    assert "The thread is read-only." in page
    assert 'action="/policies/' + policy.slug + "/comments" not in page
    assert "Comment on this section" not in page
    response = submit(client, policy, "Too late, I know.")
    assert response.status_code == 400
    assert "The comment period for this policy is closed." in text(response)
    assert "Too late, I know.</textarea>" in text(response)
    assert comments_of(policy) == []


def test_an_upcoming_period_says_when_comments_open(client, login, ctx):
    policy = factories.make_policy(period="upcoming")
    login(factories.make_user())
    assert "Comments open on" in _page(client, policy)
    response = submit(client, policy)
    assert response.status_code == 400
    assert "Comments open on this policy soon" in text(response)
    assert comments_of(policy) == []


def test_a_policy_without_a_period_takes_no_comments(client, ctx):
    policy = factories.make_policy()
    assert "This policy is not open for comment" in _page(client, policy)


def test_a_late_comment_is_accepted_and_marked_late(client, login, ctx):
    policy = factories.make_policy()
    factories.add_period(policy.current_version, "closed", accepts_late=True)
    login(factories.make_user())
    assert "Your comment will be marked late." in _page(client, policy)
    assert submit(client, policy).status_code == 303
    [comment] = comments_of(policy)
    assert comment.is_late
    assert "Late: received after the deadline" in article(_page(client, policy), comment.id)


# Signed out, unconfirmed ------------------------------------------------------------------------


def test_signing_in_first_keeps_the_draft(client, policy):
    user = factories.make_user()
    response = submit(
        client, policy, "My thoughts on retention.", stance="concerns", section_key="purpose"
    )
    assert response.status_code == 302
    assert response.location.startswith("/auth/login?next=")
    assert "comment-form" in response.location
    assert comments_of(policy) == []
    login_page = client.get(response.location)
    assert "We kept what you wrote" in text(login_page)
    register_link = re.search(
        r'href="(/auth/register\?next=[^"]+)">Create an account', text(login_page)
    )
    assert register_link and "comment-form" in register_link.group(1)
    signed_in = client.post_form(
        response.location, {"email": user.email, "password": factories.PASSWORD}
    )
    assert signed_in.location == f"/policies/{policy.slug}#comment-form"
    page = _page(client, policy)
    assert "Your comment is below; post it when ready." in page
    assert "My thoughts on retention.</textarea>" in page
    assert 'checked class="usa-radio__input" id="stance-3" name="stance" type="radio"' in page
    assert '<option selected value="purpose">Purpose</option>' in page


def test_registering_first_keeps_the_draft_through_the_confirmation(client, policy, outbox):
    response = submit(client, policy, "New here, and worried about retention.")
    next_url = response.location.split("next=", 1)[1]
    client.post_form(
        f"/auth/register?next={next_url}",
        {
            "email": "newcomer@example.org",
            "display_name": "Newcomer",
            "password": factories.PASSWORD,
            "confirm": factories.PASSWORD,
        },
    )
    [mail] = outbox("confirm_email")
    link = re.search(r"https?://\S+/auth/confirm/\S+", mail.body_text).group(0)
    confirmed = client.get(re.sub(r"^https?://[^/]+", "", link))
    assert confirmed.location == f"/policies/{policy.slug}#comment-form"
    page = _page(client, policy)
    assert "New here, and worried about retention.</textarea>" in page
    assert submit(client, policy, "New here, and worried about retention.").status_code == 303
    assert "post it when ready" not in _page(client, policy)


def test_a_draft_too_long_for_the_session_stays_on_the_page(client, policy):
    shuffled = random.Random(3)  # varied text: it compresses as little as real writing
    body = "".join(chr(shuffled.randint(0x4E00, 0x9FFF)) for _ in range(4000))
    response = submit(client, policy, body)
    page = text(response)
    assert response.status_code == 200
    assert "Your comment is too long for us to keep while you sign in." in page
    assert body in page
    with client.session_transaction() as session:
        assert "comment_draft" not in session


def test_an_unconfirmed_email_keeps_the_draft_and_says_what_to_do(client, login, policy):
    login(factories.make_user(confirmed=False))
    response = submit(client, policy, "Waiting to be confirmed.")
    page = text(response)
    assert response.status_code == 400
    assert "Confirm your email address to post" in page
    assert 'href="/account"' in page
    assert "Waiting to be confirmed.</textarea>" in page
    assert comments_of(policy) == []
    with client.session_transaction() as session:
        assert session["comment_draft"]["body"] == "Waiting to be confirmed."
        assert session["after_confirm"] == f"/policies/{policy.slug}#comment-form"


# Bad input ----------------------------------------------------------------------------------


def _refused(client, policy, body: str, **fields) -> str:
    response = submit(client, policy, body, **fields)
    assert response.status_code == 400, response.status_code
    assert comments_of(policy) == []
    page = text(response)
    assert "Please correct the following" in page
    return page


@pytest.fixture
def signed_in(client, login, policy):
    return login(factories.make_user())


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_comment_is_refused_on_the_text_field(client, signed_in, policy, body):
    page = _refused(client, policy, body)
    assert 'id="body-error"' in page
    assert "Write your comment." in page


def test_an_oversized_comment_is_refused_and_kept(client, signed_in, policy):
    body = "Retention matters. " * 300  # 5,700 characters
    page = _refused(client, policy, body)
    assert "Comments can be up to 5000 characters" in page
    assert body.strip() in page


def test_newlines_count_once_towards_the_limit(client, signed_in, policy):
    body = ("x" * 99 + "\r\n") * 50  # 5,000 characters as typed, 5,050 as sent
    assert submit(client, policy, body.strip()).status_code == 303


def test_a_section_that_does_not_exist_is_refused(client, signed_in, policy):
    page = _refused(client, policy, "About nothing.", section_key="warp_drive")
    assert "Choose a section of this policy." in page
    assert "About nothing.</textarea>" in page


@pytest.mark.parametrize("stance", ["love", "<script>", "support; DROP TABLE comments"])
def test_a_forged_stance_is_refused(client, signed_in, policy, stance):
    assert "Choose one of the stances." in _refused(client, policy, "Hm.", stance=stance)


def test_a_forged_neighborhood_is_refused(client, signed_in, policy):
    page = _refused(client, policy, "Hm.", neighborhood="Atlantis")
    assert "Choose a neighborhood from the list." in page


@pytest.mark.parametrize("parent_id", ["abc", "-1", "0", "1.5", "99999999999999999999"])
def test_a_forged_parent_is_refused(client, signed_in, policy, parent_id):
    page = _refused(client, policy, "A reply to nothing.", parent_id=parent_id)
    assert "The comment you are replying to is not part of this policy." in page
    assert "A reply to nothing.</textarea>" in page


def test_a_parent_from_another_policy_is_refused(client, signed_in, policy):
    elsewhere = post(factories.make_user(), open_policy())
    page = _refused(client, policy, "Wrong thread.", parent_id=str(elsewhere.id))
    assert "The comment you are replying to is not part of this policy." in page


@pytest.mark.parametrize("status", ["withdrawn", "hidden"])
def test_a_withdrawn_or_hidden_parent_cannot_be_replied_to(client, signed_in, policy, status):
    author = factories.make_user()
    parent = post(author, policy)
    if status == "withdrawn":
        withdraw_comment(author, parent)
    else:
        parent.status = CommentStatus.HIDDEN.value
    db.session.flush()
    response = submit(client, policy, "Still replying.", parent_id=str(parent.id))
    assert response.status_code == 400
    page = text(response)
    assert "That comment can no longer be replied to." in page
    assert "Still replying.</textarea>" in page
    assert len(comments_of(policy)) == 1


def test_a_form_without_its_csrf_token_keeps_the_text(client, signed_in, policy):
    response = client.post(f"/policies/{policy.slug}/comments", data={"body": "Mine."})
    assert response.status_code == 400
    assert "This form expired. Please submit it again." in text(response)
    assert "Mine.</textarea>" in text(response)
    assert comments_of(policy) == []


def test_an_unknown_policy_is_404(client, signed_in):
    assert client.post_form("/policies/nope/comments", {"body": "x"}).status_code == 404
