"""Locking and unlocking a thread: its first comment takes no more replies while locked."""

from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from engage.comments.models import Comment
from engage.extensions import db
from engage.forms import show_refusal
from engage.moderation.account_forms import LockForm
from engage.moderation.blueprint import bp
from engage.moderation.services import threads
from engage.moderation.services.errors import ModerationError
from engage.permissions import ensure, guarded
from engage.templating import user_can


def _back(root: Comment) -> str:
    from engage.comments.action_views import comment_link

    return comment_link(root)


def _thread_action(comment_id: int, locking: bool):
    root = threads.thread_root(db.get_or_404(Comment, comment_id))
    ensure("moderation:access")
    form = LockForm()
    conflict = not user_can("comment:moderate", root)
    if request.method == "POST":
        ensure("comment:moderate", root)
    if form.validate_on_submit():
        action = threads.lock if locking else threads.unlock
        try:
            action(current_user, root, form.guideline_key.data, form.note.data or "")
        except ModerationError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_locked_message(locking), "success")
            return redirect(_back(root))
    page = render_template(
        "moderation/lock.html", root=root, form=form, locking=locking, conflict=conflict
    )
    return page, 400 if request.method == "POST" else 200


def _locked_message(locking: bool) -> str:
    if locking:
        return _("The thread is locked: it takes no more replies.")
    return _("The thread is unlocked: people can reply again.")


@bp.route("/moderation/comments/<int:comment_id>/lock", methods=["GET", "POST"])
@guarded
def lock(comment_id: int):
    return _thread_action(comment_id, locking=True)


@bp.route("/moderation/comments/<int:comment_id>/unlock", methods=["GET", "POST"])
@guarded
def unlock(comment_id: int):
    return _thread_action(comment_id, locking=False)
