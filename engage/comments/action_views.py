"""What people do to a comment: edit, withdraw, endorse, flag; following and unsubscribing.

Every page here works without JavaScript: each action is a POST form, destructive ones get
their own confirmation page. Unsubscribe links work signed out: the token is the credential,
so those two endpoints skip CSRF (mail clients send RFC 8058 one-click POSTs without one).
"""

from flask import (
    Blueprint,
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
from flask_login import current_user
from sqlalchemy.orm import selectinload

from engage.accounts.views import ACCOUNT_PARTIALS
from engage.comments import services
from engage.comments.action_forms import (
    EditCommentForm,
    FlagCommentForm,
    ReplyNoticesForm,
    WithdrawCommentForm,
)
from engage.comments.models import Comment, CommentStatus, Subscription
from engage.comments.services import follows
from engage.comments.services.posting import EDIT_WINDOW, can_still_edit
from engage.errors import render_error
from engage.extensions import csrf, db
from engage.forms import show_refusal
from engage.permissions import ensure, guarded, public
from engage.policies.models import Policy
from engage.web import safe_next

bp = Blueprint("comment_actions", __name__)

ACCOUNT_PARTIAL = "comments/_account_follows.html"
if ACCOUNT_PARTIAL not in ACCOUNT_PARTIALS:
    ACCOUNT_PARTIALS.append(ACCOUNT_PARTIAL)


# Helpers the thread templates use ----------------------------------------------------------


@bp.app_template_global()
def comment_link(comment: Comment, anchor: str | None = None) -> str:
    """The comment's permalink (or its place on the policy page until permalinks exist)."""
    if "comments.permalink" in current_app.view_functions:
        url = url_for("comments.permalink", comment_id=comment.id)
        return f"{url}#{anchor}" if anchor else url
    url = url_for("policies.detail", slug=comment.policy.slug)
    return f"{url}#{anchor or f'comment-{comment.id}'}"


@bp.app_template_global()
def comment_editable(comment: Comment) -> bool:
    return can_still_edit(comment)


@bp.app_template_global()
def edit_deadline(comment: Comment):
    return comment.created_at + EDIT_WINDOW


@bp.app_template_global()
def followed_subscriptions(user) -> list[Subscription]:
    """The policies `user` follows, for the account page (one query, policies included)."""
    return list(
        db.session.scalars(
            db.select(Subscription)
            .where(Subscription.user_id == user.id)
            .options(selectinload(Subscription.policy))
            .order_by(Subscription.created_at, Subscription.id)
        )
    )


# Loading and permission ---------------------------------------------------------------------


def _load(comment_id: int) -> Comment:
    return db.get_or_404(Comment, comment_id)


def _load_policy(slug: str) -> Policy:
    return db.first_or_404(db.select(Policy).where(Policy.slug == slug))


def _back_to(comment: Comment) -> str:
    return comment_link(comment)


def _sign_in_first(back: str) -> None:
    """Send a signed-out visitor to sign in, then back to a page (never to a POST-only URL)."""
    if not current_user.is_authenticated:
        target = request.path if request.method == "GET" else back
        abort(redirect(url_for("accounts.login", next=target)))


def _allow(permission: str, obj, back: str) -> None:
    _sign_in_first(back)
    ensure(permission, obj)


def _allow_reaction(permission: str, comment: Comment, own_message: str) -> None:
    """Like _allow, but say plainly why people can't react to their own comment."""
    _sign_in_first(_back_to(comment))
    if comment.author_id == current_user.id:
        abort(make_response(render_error(403, _("This is your own comment"), own_message)))
    ensure(permission, comment)


def _status() -> int:
    """A page shown again after a POST is a refused submission."""
    return 400 if request.method == "POST" else 200


# Endorsements -----------------------------------------------------------------------------


def _react(action, comment: Comment, done: str):
    back = _back_to(comment)
    try:
        action(current_user, comment)
    except services.CommentError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(back)


@bp.route("/comments/<int:comment_id>/endorse", methods=["POST"])
@guarded
def endorse(comment_id: int):
    comment = _load(comment_id)
    _allow_reaction("comment:endorse", comment, _("You can't endorse your own comment."))
    return _react(services.endorse, comment, _("You endorsed this comment."))


@bp.route("/comments/<int:comment_id>/unendorse", methods=["POST"])
@guarded
def unendorse(comment_id: int):
    comment = _load(comment_id)
    _allow_reaction("comment:endorse", comment, _("You can't endorse your own comment."))
    return _react(services.unendorse, comment, _("Your endorsement is taken back."))


# Editing and withdrawing ------------------------------------------------------------------


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@guarded
def edit(comment_id: int):
    comment = _load(comment_id)
    _allow("comment:edit", comment, _back_to(comment))
    form = EditCommentForm(body=comment.body_md)
    expired = not can_still_edit(comment)
    if not expired and form.validate_on_submit():
        try:
            services.edit_comment(current_user, comment, form.body.data)
        except services.CommentError as error:
            show_refusal(form, error)
            expired = error.code == "expired"
        else:
            db.session.commit()
            if comment.status == CommentStatus.HELD:  # the new text is screened like a new one
                flash(
                    _(
                        "Your changes are saved. Moderators will review the new text before "
                        "it is shown again."
                    ),
                    "info",
                )
            else:
                flash(_("Your changes are saved."), "success")
            return redirect(_back_to(comment))
    return render_template(
        "comments/edit.html", form=form, comment=comment, expired=expired, back=_back_to(comment)
    ), _status()


@bp.route("/comments/<int:comment_id>/withdraw", methods=["GET", "POST"])
@guarded
def withdraw(comment_id: int):
    comment = _load(comment_id)
    back = _back_to(comment)
    _allow("comment:withdraw", comment, back)
    form = WithdrawCommentForm()
    if form.validate_on_submit():
        try:
            services.withdraw_comment(current_user, comment)
        except services.CommentError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(
                _(
                    "Your comment is withdrawn. Readers now see a note that its author "
                    "withdrew it, so replies keep their context."
                ),
                "success",
            )
        return redirect(back)
    return render_template("comments/withdraw.html", form=form, comment=comment, back=back)


# Flags ------------------------------------------------------------------------------------


@bp.route("/comments/<int:comment_id>/flag", methods=["GET", "POST"])
@guarded
def flag(comment_id: int):
    comment = _load(comment_id)
    _allow_reaction(
        "comment:flag", comment, _("You can't flag your own comment; you can withdraw it.")
    )
    form = FlagCommentForm()
    if form.validate_on_submit():
        try:
            services.flag(current_user, comment, form.reason.data, form.note.data or "")
        except services.CommentError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _("Thank you. Moderators will review this comment against the discussion rules."),
                "success",
            )
            return redirect(_back_to(comment))
    return render_template(
        "comments/flag.html", form=form, comment=comment, back=_back_to(comment)
    ), _status()


# Following policies -----------------------------------------------------------------------


def _follow_target(policy: Policy) -> str:
    """Where the follow buttons send people back to: the page they used, else the policy."""
    if request.form.get("next"):
        return safe_next()
    return url_for("policies.detail", slug=policy.slug) + "#follow"


@bp.route("/policies/<slug>/follow", methods=["POST"])
@guarded
def follow(slug: str):
    policy = _load_policy(slug)
    back = _follow_target(policy)
    _allow("policy:follow", policy, back)
    services.follow(current_user, policy)
    db.session.commit()
    flash(
        _(
            "You are following %(title)s. We will email you when a new version is published "
            "and when its comment period opens, is extended or closes.",
            title=policy.title,
        ),
        "success",
    )
    return redirect(back)


@bp.route("/policies/<slug>/unfollow", methods=["POST"])
@guarded
def unfollow(slug: str):
    policy = _load_policy(slug)
    back = _follow_target(policy)
    _allow("policy:follow", policy, back)
    services.unfollow(current_user, policy)
    db.session.commit()
    flash(_("You no longer follow %(title)s.", title=policy.title), "success")
    return redirect(back)


@bp.route("/account/reply-notices", methods=["POST"])
@guarded
def reply_notices():
    back = url_for("accounts.account") + "#reply-notices"
    _allow("account:edit", current_user, back)
    form = ReplyNoticesForm()
    if not form.validate_on_submit():
        flash(_("Choose whether we should email you about replies."), "error")
        return redirect(back)
    services.set_reply_notices(current_user, form.notify.data == "on")
    db.session.commit()
    if form.notify.data == "on":
        flash(_("We will email you when someone replies to your comments."), "success")
    else:
        flash(_("We will no longer email you about replies to your comments."), "success")
    return redirect(back)


# Unsubscribe links (signed out) ------------------------------------------------------------


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@public
@csrf.exempt
def unsubscribe(token: str):
    subscription = db.session.scalar(
        db.select(Subscription)
        .where(Subscription.token == token)
        .options(selectinload(Subscription.policy))
    )
    if subscription is None:
        return render_template("comments/unsubscribed.html", kind="policy", state="gone")
    policy = subscription.policy
    title, slug = policy.title, policy.slug
    if request.method == "GET":
        return render_template(
            "comments/unsubscribed.html", kind="policy", state="confirm", title=title, slug=slug
        )
    services.unsubscribe(token)
    db.session.commit()
    return render_template(
        "comments/unsubscribed.html", kind="policy", state="done", title=title, slug=slug
    )


@bp.route("/unsubscribe/replies/<token>", methods=["GET", "POST"])
@public
@csrf.exempt
def unsubscribe_replies(token: str):
    user = follows.user_for_replies_token(token)
    if user is None:
        return render_template("comments/unsubscribed.html", kind="replies", state="forged"), 400
    if request.method == "GET":
        state = "confirm" if user.notify_replies else "gone"
        return render_template("comments/unsubscribed.html", kind="replies", state=state)
    services.unsubscribe_replies(token)
    db.session.commit()
    return render_template("comments/unsubscribed.html", kind="replies", state="done")
