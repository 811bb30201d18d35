"""The moderators' queue, one item in context, and the actions taken on it."""

from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from engage.comments.models import Comment
from engage.errors import render_error
from engage.extensions import db
from engage.forms import show_refusal
from engage.moderation import queries
from engage.moderation.blueprint import bp
from engage.moderation.models import Action
from engage.moderation.queue_forms import (
    ACTION_HINTS,
    APPEAL_LABELS,
    DECISION_LABELS,
    RULE_LABELS,
    STATUS_LABELS,
    BulkForm,
    DecideForm,
    QueueFilterForm,
)
from engage.moderation.services.decisions import decide as take_decision
from engage.moderation.services.decisions import valid_actions
from engage.moderation.services.errors import ModerationError
from engage.moderation.services.guidelines import guideline_title
from engage.permissions import can, ensure, guarded, has_conflict, require
from engage.web import page_number, safe_next

QUICK_ACTIONS = (Action.APPROVE, Action.HIDE, Action.SPAM)
DONE_LABELS = {
    Action.APPROVE: _l("Published"),
    Action.HIDE: _l("Hidden"),
    Action.REDACT: _l("Passage removed"),
    Action.RESTORE: _l("Restored"),
    Action.SPAM: _l("Marked as spam"),
}


# The queue -----------------------------------------------------------------------------------


@bp.route("/moderation")
@require("moderation:access")
def queue():
    form = BulkForm(prefix="bulk")
    form.set_choices()
    return _render_queue(form)


def _render_queue(bulk_form: BulkForm, status: int = 200):
    filter_form = QueueFilterForm(request.args)
    filter_form.set_policies(queries.policy_choices())
    filters = filter_form.filters()
    items, pager = queries.queue_page(filters, page_number())
    return render_template(
        "moderation/queue.html",
        items=items,
        pager=pager,
        filters=filters,
        filter_form=filter_form,
        bulk_form=bulk_form,
        counts=queries.queue_counts(),
        tabs=queries.TABS,
        quick_actions=_quick_actions(filters.tab),
        reasons=bulk_form.guideline.choices,
        conflicted={i.comment.id for i in items if has_conflict(current_user, i.comment)},
        campaign_pages="moderation.campaign" in current_app.view_functions,
        labels=_labels(),
        filter_args=filter_args(filters),
    ), status


def filter_args(filters, page: int = 1) -> dict:
    """The query string of the queue as filtered (never the raw request's arguments)."""
    args = {
        "tab": filters.tab,
        "policy": filters.policy_id,
        "rule": filters.rule,
        "reason": filters.reason,
        "age": filters.age,
        "page": page if page > 1 else None,
    }
    return {key: value for key, value in args.items() if value is not None}


def _quick_actions(tab: str) -> list[Action]:
    # Recently published comments have no flags to dismiss: approving them changes nothing.
    return [a for a in QUICK_ACTIONS if not (tab == "recent" and a == Action.APPROVE)]


def _labels() -> dict:
    from engage.comments.action_forms import FLAG_REASON_LABELS

    return {
        "actions": DECISION_LABELS,
        "hints": ACTION_HINTS,
        "rules": RULE_LABELS,
        "flags": FLAG_REASON_LABELS,
        "guideline": guideline_title,
        "statuses": STATUS_LABELS,
        "appeals": APPEAL_LABELS,
    }


@bp.route("/moderation/bulk", methods=["POST"])
@require("moderation:access")
def bulk():
    form = BulkForm(prefix="bulk")
    form.set_choices()
    if not form.validate_on_submit():
        return _render_queue(form, 400)
    comments = _load_selection(form.comment_ids.data)
    if comments is None:
        form.comment_ids.errors.append(_("Some selected comments no longer exist."))
        return _render_queue(form, 400)
    try:
        decisions = take_decision(
            current_user,
            comments,
            form.action.data,
            form.guideline.data,
            form.note.data,
            batch=True,
        )
    except ModerationError as error:
        show_refusal(form, error)
        return _render_queue(form, 400)
    db.session.commit()
    flash(_done_message(decisions), "success")
    filter_form = QueueFilterForm(request.args)
    filter_form.set_policies([])
    return redirect(
        url_for("moderation.queue", **filter_args(filter_form.filters(), page_number()))
    )


def _load_selection(ids: list[int]) -> list[Comment] | None:
    unique = list(dict.fromkeys(ids))
    comments = db.session.scalars(db.select(Comment).where(Comment.id.in_(unique))).all()
    by_id = {c.id: c for c in comments}
    if len(by_id) != len(unique):
        return None
    return [by_id[i] for i in unique]


def _done_message(decisions) -> str:
    first = decisions[0]
    return ngettext(
        "%(done)s, %(num)d comment: %(items)s (reason: %(reason)s).",
        "%(done)s, %(num)d comments: %(items)s (reason: %(reason)s).",
        len(decisions),
        done=_done_label(first),
        items=", ".join(d.comment.tracking_number for d in decisions),
        reason=guideline_title(first.guideline_key),
    )


def _done_label(decision) -> str:
    if decision.action == Action.APPROVE and decision.previous_status == "published":
        return _("Kept, flags dismissed")
    return str(DONE_LABELS[Action(decision.action)])


# One item ------------------------------------------------------------------------------------


@bp.route("/moderation/comments/<int:comment_id>")
@require("moderation:access")
def item(comment_id: int):
    comment = db.get_or_404(Comment, comment_id)
    form = DecideForm(next=request.args.get("next", ""))
    return _render_item(comment, form)


def _render_item(comment: Comment, form: DecideForm, status: int = 200):
    [entry] = queries.items_for([comment])
    form.set_choices(valid_actions(comment, bool(entry.flags)))
    return render_template(
        "moderation/item.html",
        entry=entry,
        comment=comment,
        form=form,
        conflict=has_conflict(current_user, comment),
        may_decide=can(current_user, "comment:moderate", comment),
        flags=queries.all_flags(comment),
        decisions=queries.decisions_on(comment),
        history=queries.previous_decisions(comment.author_id) if comment.author_id else [],
        suspend_page="moderation.suspend" in current_app.view_functions,
        labels=_labels(),
    ), status


@bp.route("/moderation/comments/<int:comment_id>/decide", methods=["POST"])
@guarded
def decide(comment_id: int):
    comment = db.get_or_404(Comment, comment_id)
    _refuse_conflict(comment)
    ensure("comment:moderate", comment)
    form = DecideForm()
    if form.validate_on_submit():
        try:
            decisions = take_decision(
                current_user,
                [comment],
                form.action.data,
                form.guideline.data,
                form.note.data,
                redact_passage=form.passage.data,
            )
        except ModerationError as error:
            if error.code == "already":
                db.session.rollback()
                flash(str(error), "error")
                return redirect(safe_next("moderation.queue"))
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_done_message(decisions), "success")
            return redirect(safe_next("moderation.queue"))
    return _render_item(comment, form, 400)


def _refuse_conflict(comment: Comment) -> None:
    """Say plainly why a moderator may not act on their own department's policy."""
    if can(current_user, "moderation:access") and has_conflict(current_user, comment):
        message = _(
            "You work for the department that owns this policy, so another moderator must "
            "decide on its comments. Nothing was changed."
        )
        abort(make_response(render_error(403, _("Conflict of interest"), message)))
