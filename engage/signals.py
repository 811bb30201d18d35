"""Domain events other domains listen to (e.g. followers are mailed when a version is out).

Senders are services; receivers run inside the same transaction and must not commit.
"""

from blinker import Namespace

_events = Namespace()

version_published = _events.signal("version-published")  # sender: PolicyVersion
period_opened = _events.signal("period-opened")  # sender: CommentPeriod
period_extended = _events.signal("period-extended")  # sender: CommentPeriod, extension=...
period_closed = _events.signal("period-closed")  # sender: CommentPeriod, early=bool
# Sent for comments posted on the web, before comment_posted: screening may hold the comment.
comment_submitted = _events.signal("comment-submitted")  # sender: Comment
comment_posted = _events.signal("comment-posted")  # sender: Comment, parent=Comment|None
comment_changed = _events.signal("comment-changed")  # sender: Comment (edited, withdrawn, hidden)
comment_endorsed = _events.signal("comment-endorsed")  # sender: Comment
translation_saved = _events.signal("translation-saved")  # sender: VersionTranslation
policy_changed = _events.signal("policy-changed")  # sender: Policy (created, or details saved)
account_deleting = _events.signal("account-deleting")  # sender: User, before it is erased
