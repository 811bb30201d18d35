"""Staff entry of comments received by email, letter, phone or at a meeting."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from engage.comments.services import CommentError, enter_offline_comment
from engage.comments.services.offline import import_comments
from engage.comments.staff_forms import ImportCommentsForm, OfflineCommentForm
from engage.extensions import db
from engage.forms import show_refusal
from engage.permissions import require
from engage.policies.models import Policy
from engage.policies.services import current_period
from engage.staff import services as workspace

bp = Blueprint("comments_staff", __name__, url_prefix="/staff")

# What the "enter another" link carries over, so a pile of letters goes quickly.
KEPT = ("channel", "language")


def _policy(slug: str) -> Policy:
    if "\x00" in slug:
        abort(404)
    return db.first_or_404(workspace.policy_by_slug(slug))


def _version(policy: Policy):
    """The version comments go to: the current period's, else the current one."""
    period = current_period(policy)
    return period.version if period else policy.current_version


def _entered_message(policy: Policy, comment, kept: dict) -> Markup:
    """The receipt, with a link to the next entry (the texts are escaped by Markup.format)."""
    return Markup('{} <a class="usa-link" href="{}">{}</a>').format(
        _("Comment %(number)s is recorded and published.", number=comment.tracking_number),
        url_for(".new_comment", slug=policy.slug, **kept),
        _("Enter another comment"),
    )


@bp.route("/policies/<slug>/comments/new", methods=["GET", "POST"])
@require("comment:enter")
def new_comment(slug: str):
    policy = _policy(slug)
    if request.method == "POST":
        form = OfflineCommentForm(_version(policy))
    else:
        kept = {key: request.args[key] for key in KEPT if key in request.args}
        form = OfflineCommentForm(_version(policy), formdata=None, data=kept)
    if form.validate_on_submit():
        try:
            comment = enter_offline_comment(current_user, policy, form.offline_comment())
        except CommentError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            kept = {"channel": comment.channel, "language": comment.language or ""}
            flash(_entered_message(policy, comment, kept), "success")
            return redirect(url_for("policies_staff.policy", slug=policy.slug))
    status = 400 if request.method == "POST" else 200
    page = render_template(
        "staff/comments_new.html", form=form, policy=policy, period=current_period(policy)
    )
    return page, status


@bp.route("/policies/<slug>/comments/import", methods=["GET", "POST"])
@require("comment:enter")
def import_file(slug: str):
    policy = _policy(slug)
    form = ImportCommentsForm()
    if form.validate_on_submit() and (content := form.content()) is not None:
        try:
            result = import_comments(current_user, policy, content, form.channel.data)
        except CommentError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            return render_template(
                "staff/comments_import_result.html",
                policy=policy,
                result=result,
                filename=form.file.data.filename,
            )
    status = 400 if request.method == "POST" else 200
    page = render_template(
        "staff/comments_import.html", form=form, policy=policy, period=current_period(policy)
    )
    return page, status
