"""Mail that comment activity and catalog events send: receipts, replies, followers' news.

Receivers run inside the transaction of whatever sent the signal, so a rolled-back post
sends nothing; the mail itself waits in the outbox.
"""

from engage import signals
from engage.comments.models import Channel, Comment
from engage.comments.services.follows import followers, replies_unsubscribe_token
from engage.mail import queue_mail
from engage.web import absolute_url


def _permalink(comment: Comment) -> str:
    return absolute_url("comments.permalink", comment_id=comment.id)


def _reachable(user) -> bool:
    return user is not None and user.is_active and user.is_confirmed


def send_receipt(comment: Comment, **_) -> None:
    """The author's receipt: the tracking number and a link to the comment."""
    author = comment.author
    if comment.channel != Channel.WEB or not _reachable(author):
        return
    queue_mail(
        author.email,
        "comment_receipt",
        locale=author.preferred_language,
        user=author,
        comment=comment,
        link=_permalink(comment),
    )


def one_click_unsubscribe(url: str) -> dict:
    """RFC 8058 headers: mail clients show an unsubscribe button that POSTs to `url`."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def send_reply_notice(comment: Comment, parent: Comment | None = None, **_) -> None:
    """Tell the parent's author someone answered, unless they turned these notices off."""
    if parent is None or parent.author_id in (None, comment.author_id):
        return
    if not comment.is_visible:  # held for a moderator: no one but its author may read it yet
        return
    recipient = parent.author
    if not _reachable(recipient) or not recipient.notify_replies:
        return
    unsubscribe = absolute_url(
        "comment_actions.unsubscribe_replies", token=replies_unsubscribe_token(recipient)
    )
    queue_mail(
        recipient.email,
        "comment_reply",
        locale=recipient.preferred_language,
        headers=one_click_unsubscribe(unsubscribe),
        user=recipient,
        comment=comment,
        link=_permalink(comment),
        unsubscribe=unsubscribe,
    )


def _tell_followers(policy, template: str, **context) -> None:
    for subscription in followers(policy):
        user = subscription.user
        if not _reachable(user):
            continue
        unsubscribe = absolute_url("comment_actions.unsubscribe", token=subscription.token)
        queue_mail(
            user.email,
            template,
            locale=user.preferred_language,
            headers=one_click_unsubscribe(unsubscribe),
            user=user,
            policy=policy,
            link=absolute_url("policies.detail", slug=policy.slug),
            unsubscribe=unsubscribe,
            **context,
        )


def on_version_published(version, **_) -> None:
    _tell_followers(version.policy, "follow_version", version=version)


def on_period_opened(period, **_) -> None:
    _tell_followers(period.version.policy, "follow_period", period=period, event="opened")


def on_period_extended(period, extension=None, **_) -> None:
    _tell_followers(
        period.version.policy, "follow_period", period=period, event="extended", extension=extension
    )


def on_period_closed(period, **_) -> None:
    _tell_followers(period.version.policy, "follow_period", period=period, event="closed")


def connect() -> None:
    """Subscribe the receivers (weakly held by blinker, so module functions are used)."""
    signals.comment_posted.connect(send_receipt)
    signals.comment_posted.connect(send_reply_notice)
    signals.version_published.connect(on_version_published)
    signals.period_opened.connect(on_period_opened)
    signals.period_extended.connect(on_period_extended)
    signals.period_closed.connect(on_period_closed)
