"""Sign-up, sign-in, confirmation, password reset, and the resident's account page."""

import json

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from engage.accounts import services
from engage.accounts.forms import (
    DeleteAccountForm,
    ForgotPasswordForm,
    LoginForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
)
from engage.accounts.models import User
from engage.extensions import db, limiter, login_manager
from engage.i18n import select_language
from engage.permissions import ensure, public
from engage.web import safe_next

bp = Blueprint("accounts", __name__)

# Templates other domains add to the account page (subscriptions, sign-ups ...).
ACCOUNT_PARTIALS: list[str] = []

login_manager.login_view = "accounts.login"


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.session_token == session_token))


def _login_limit() -> str:
    return current_app.config["ENGAGE_LOGIN_LIMIT"]


def _login_failed(response) -> bool:
    # Only failed attempts count towards the limit: success redirects.
    return response.status_code != 302


def _email_key() -> str:
    return "login-email:" + services.normalize_email(request.form.get("email", ""))


@bp.route("/auth/register", methods=["GET", "POST"])
@public
@limiter.limit("20 per hour", methods=["POST"])
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        data = services.Registration(form.email.data, form.password.data, form.display_name.data)
        services.register(data, locale=select_language())
        db.session.commit()
        # Bring the person back where they were (e.g. their unsent comment) after confirming.
        session["after_confirm"] = safe_next("accounts.account")
        return render_template("accounts/check_email.html", email=form.email.data)
    return render_template("accounts/register.html", form=form, next=request.args.get("next"))


@bp.route("/auth/confirm/<token>")
@public
def confirm(token: str):
    try:
        user = services.confirm_email(token)
    except services.AccountError as error:
        expired = str(error) == "expired"
        return render_template("accounts/confirm_failed.html", expired=expired), 400
    db.session.commit()
    if not current_user.is_authenticated:
        login_user(user)
    flash(_("Thank you: your email address is confirmed."), "success")
    return redirect(session.pop("after_confirm", None) or url_for("accounts.account"))


@bp.route("/auth/confirm/resend", methods=["POST"])
@login_required
def resend_confirmation():
    ensure("account:edit", current_user)
    # CSRFProtect has already checked the token of every POST.
    if not current_user.is_confirmed:
        services.send_confirmation(current_user)
        db.session.commit()
    flash(_("We sent a new confirmation link to %(email)s.", email=current_user.email), "success")
    return redirect(url_for("accounts.account"))


@bp.route("/auth/login", methods=["GET", "POST"])
@public
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_login_failed)
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_login_failed, key_func=_email_key)
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            db.session.commit()
            login_user(user, remember=form.remember.data)
            return redirect(safe_next("accounts.account"))
        form.form_errors.append(
            _("That email and password don't match an account. Check them and try again.")
        )
    return render_template("accounts/login.html", form=form, next=request.args.get("next"))


@bp.route("/auth/logout", methods=["POST"])
@public
def logout():
    logout_user()
    flash(_("You are signed out."), "success")
    return redirect(url_for("core.home"))


@bp.route("/auth/forgot", methods=["GET", "POST"])
@public
@limiter.limit("10 per hour", methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        return render_template("accounts/check_email.html", email=form.email.data, reset=True)
    return render_template("accounts/forgot.html", form=form)


@bp.route("/auth/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.reset_password(token, form.password.data)
        except services.AccountError as error:
            return render_template(
                "accounts/reset_failed.html", expired=str(error) == "expired"
            ), 400
        db.session.commit()
        login_user(user)
        flash(_("Your password is changed."), "success")
        return redirect(url_for("accounts.account"))
    return render_template("accounts/reset.html", form=form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    ensure("account:edit", current_user)
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        services.update_profile(
            current_user,
            form.display_name.data,
            form.neighborhood.data,
            form.preferred_language.data,
        )
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("accounts.account"))
    return render_template("accounts/account.html", form=form, account_partials=ACCOUNT_PARTIALS)


@bp.route("/account/export.json")
@login_required
def export():
    ensure("account:view", current_user)
    body = json.dumps(services.personal_data(current_user), indent=2, ensure_ascii=False)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=engage-my-data.json"},
    )


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete():
    ensure("account:delete", current_user)
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            services.delete_account(current_user, form.password.data)
        except services.AccountError:
            form.password.errors.append(_("That password is not right."))
        else:
            db.session.commit()
            logout_user()
            flash(
                _("Your account is deleted. Your public comments stay, without your name."),
                "success",
            )
            return redirect(url_for("core.home"))
    return render_template("accounts/delete.html", form=form)
