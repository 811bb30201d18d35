"""The comment rules, by topic: posting, editing, reactions, follows, offline entry, import."""

from engage.comments.services.errors import CommentError
from engage.comments.services.follows import (
    follow,
    set_reply_notices,
    unfollow,
    unsubscribe,
    unsubscribe_replies,
)
from engage.comments.services.offline import OfflineComment, enter_offline_comment
from engage.comments.services.posting import (
    EDIT_WINDOW,
    CommentData,
    commenting_state,
    edit_comment,
    post_comment,
    withdraw_comment,
)
from engage.comments.services.reactions import endorse, flag, unendorse

__all__ = [
    "EDIT_WINDOW",
    "CommentData",
    "CommentError",
    "OfflineComment",
    "commenting_state",
    "edit_comment",
    "endorse",
    "enter_offline_comment",
    "flag",
    "follow",
    "post_comment",
    "set_reply_notices",
    "unendorse",
    "unfollow",
    "unsubscribe",
    "unsubscribe_replies",
    "withdraw_comment",
]
