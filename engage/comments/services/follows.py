"""Following a policy, reply notices, and one-click unsubscribe links."""

import secrets

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from engage.comments.models import Subscription
from engage.extensions import db
from engage.policies.models import Policy

_REPLIES_SALT = "unsubscribe-replies"


def _find(user, policy: Policy) -> Subscription | None:
    return db.session.scalar(
        db.select(Subscription).where(
            Subscription.user_id == user.id, Subscription.policy_id == policy.id
        )
    )


def follow(user, policy: Policy) -> Subscription:
    """Follow a policy (doing it twice changes nothing)."""
    existing = _find(user, policy)
    if existing is not None:
        return existing
    subscription = Subscription(
        user_id=user.id, policy_id=policy.id, token=secrets.token_urlsafe(32)
    )
    db.session.add(subscription)
    db.session.flush()
    return subscription


def unfollow(user, policy: Policy) -> bool:
    existing = _find(user, policy)
    if existing is None:
        return False
    db.session.delete(existing)
    db.session.flush()
    return True


def is_following(user, policy: Policy) -> bool:
    return bool(user and user.is_authenticated and _find(user, policy))


def followers(policy: Policy) -> list[Subscription]:
    return list(
        db.session.scalars(db.select(Subscription).where(Subscription.policy_id == policy.id))
    )


def subscriptions_of(user) -> list[Subscription]:
    return list(
        db.session.scalars(
            db.select(Subscription).where(Subscription.user_id == user.id).order_by(Subscription.id)
        )
    )


def unsubscribe(token: str) -> Subscription | None:
    """End the follow behind an emailed link, without signing in; None if already gone."""
    subscription = db.session.scalar(db.select(Subscription).where(Subscription.token == token))
    if subscription is not None:
        db.session.delete(subscription)
        db.session.flush()
    return subscription


def _replies_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_REPLIES_SALT)


def replies_unsubscribe_token(user) -> str:
    return _replies_serializer().dumps(user.id)


def set_reply_notices(user, enabled: bool) -> None:
    user.notify_replies = enabled
    db.session.flush()


def user_for_replies_token(token: str):
    """The account a reply-notice unsubscribe link belongs to; None for a forged token."""
    from engage.accounts.models import User

    try:
        user_id = _replies_serializer().loads(token)
    except BadSignature:
        return None
    return db.session.get(User, user_id) if isinstance(user_id, int) else None


def unsubscribe_replies(token: str):
    """Turn reply notices off from an emailed link; None for a forged token."""
    from engage.accounts.models import User

    try:
        user_id = _replies_serializer().loads(token)
    except BadSignature:
        return None
    user = db.session.get(User, user_id)
    if user is not None:
        set_reply_notices(user, False)
    return user
