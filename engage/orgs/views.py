"""Public organization pages, applications, profiles, members and invitations."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage import reference
from engage.accounts.views import ACCOUNT_PARTIALS
from engage.extensions import db
from engage.forms import show_refusal
from engage.orgs import queries, services
from engage.orgs.forms import ConfirmForm, InviteForm, OrgFilterForm, OrgForm
from engage.orgs.models import Invitation, Membership, Organization
from engage.permissions import can, ensure, guarded, public
from engage.web import page_number

bp = Blueprint("orgs", __name__, url_prefix="/organizations")

PER_PAGE = 12
ACCOUNT_PARTIAL = "orgs/_account_orgs.html"
if ACCOUNT_PARTIAL not in ACCOUNT_PARTIALS:
    ACCOUNT_PARTIALS.append(ACCOUNT_PARTIAL)


bp.add_app_template_global(reference.language, "language_named")


@bp.app_template_global()
def my_organizations():
    """The signed-in person's memberships, for the account page's partial."""
    return queries.memberships_of(current_user)


def load_org(slug: str) -> Organization:
    """The organization at `slug`; unverified ones exist only for their members and staff."""
    org = db.first_or_404(queries.by_slug(slug))
    if not org.is_verified and not (
        can(current_user, "org:member", org) or can(current_user, "org:verify")
    ):
        abort(404)
    return org


def _managed_org(slug: str) -> Organization:
    org = load_org(slug)
    ensure("org:manage", org)
    return org


# Public pages -----------------------------------------------------------------------------


@bp.route("")
@public
def index():
    form = OrgFilterForm(request.args)
    neighborhood, language = form.chosen()
    pager = db.paginate(
        queries.directory_statement(neighborhood, language),
        page=page_number(),
        per_page=PER_PAGE,
        error_out=False,
    )
    filtered = bool(neighborhood or language)
    return render_template("orgs/index.html", form=form, pager=pager, filtered=filtered)


@bp.route("/<slug>")
@public
def detail(slug: str):
    org = load_org(slug)
    built = current_app.view_functions
    return render_template(
        "orgs/detail.html",
        org=org,
        sessions=queries.sessions(org),
        # The events' pages live in another domain: link to them once they exist.
        event_links="events.detail" in built,
        report_links="event_reports.detail" in built,
        new_session_link="event_organizer.new" in built,
    )


# Applying and editing ---------------------------------------------------------------------


def _render_form(template: str, form: OrgForm, **context):
    return render_template(template, form=form, **context), 400 if form.errors else 200


@bp.route("/apply", methods=["GET", "POST"])
@guarded
def apply():
    ensure("org:apply")
    form = OrgForm()
    if form.validate_on_submit():
        try:
            org = services.apply(current_user, form.org_data())
        except services.OrgError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _("Thank you: your application is sent. Staff will review it and email you."),
                "success",
            )
            return redirect(url_for(".detail", slug=org.slug))
    return _render_form("orgs/apply.html", form)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@guarded
def edit(slug: str):
    org = _managed_org(slug)
    form = OrgForm(org=org)
    if form.validate_on_submit():
        was_rejected = org.status == "rejected"
        try:
            services.update_profile(current_user, org, form.org_data())
        except services.OrgError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            message = (
                _("Your application is sent again. Staff will review it and email you.")
                if was_rejected
                else _("The organization's profile is saved.")
            )
            flash(message, "success")
            return redirect(url_for(".detail", slug=org.slug))
    return _render_form("orgs/edit.html", form, org=org)


# Members ----------------------------------------------------------------------------------


def _members_page(org: Organization, invite_form: InviteForm, status: int = 200):
    manage = can(current_user, "org:manage", org)
    page = render_template(
        "orgs/members.html",
        org=org,
        members=queries.members(org),
        invitations=queries.open_invitations(org) if manage else [],
        invite_form=invite_form,
        manage=manage,
        revoke_form=ConfirmForm(formdata=None),
    )
    return page, status


@bp.route("/<slug>/members")
@guarded
def members(slug: str):
    org = load_org(slug)
    ensure("org:member", org)
    return _members_page(org, InviteForm(formdata=None))


@bp.route("/<slug>/invitations", methods=["POST"])
@guarded
def invite(slug: str):
    org = _managed_org(slug)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invitation, _token = services.invite(current_user, org, form.email.data)
        except services.OrgError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _(
                    "We emailed an invitation to %(email)s. The link works for %(days)d days.",
                    email=invitation.email,
                    days=services.INVITATION_DAYS,
                ),
                "success",
            )
            return redirect(url_for(".members", slug=org.slug))
    return _members_page(org, form, 400)


@bp.route("/<slug>/invitations/<int:invitation_id>/revoke", methods=["POST"])
@guarded
def revoke_invitation(slug: str, invitation_id: int):
    org = _managed_org(slug)
    invitation = db.get_or_404(Invitation, invitation_id)
    if invitation.organization_id != org.id:
        abort(404)
    try:
        services.revoke_invitation(current_user, org, invitation)
    except services.OrgError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("The invitation to %(email)s is withdrawn.", email=invitation.email), "success")
    return redirect(url_for(".members", slug=org.slug))


def _membership(org: Organization, membership_id: int) -> Membership:
    membership = db.get_or_404(Membership, membership_id)
    if membership.organization_id != org.id:
        abort(404)
    return membership


def _confirm(template: str, org: Organization, action, done: str, **context):
    """A confirmation page; on POST run `action()`, commit and go back to the members."""
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            action()
        except services.OrgError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(done, "success")
            return redirect(context.pop("next_url", None) or url_for(".members", slug=org.slug))
    context.pop("next_url", None)
    status = 400 if form.form_errors else 200
    return render_template(template, form=form, org=org, **context), status


@bp.route("/<slug>/members/<int:membership_id>/remove", methods=["GET", "POST"])
@guarded
def remove_member(slug: str, membership_id: int):
    org = _managed_org(slug)
    membership = _membership(org, membership_id)
    name = membership.user.public_name or _("a former account")
    return _confirm(
        "orgs/member_remove.html",
        org,
        lambda: services.remove_member(current_user, org, membership),
        _("%(name)s is no longer a member.", name=name),
        membership=membership,
    )


@bp.route("/<slug>/members/<int:membership_id>/hand-over", methods=["GET", "POST"])
@guarded
def hand_over(slug: str, membership_id: int):
    org = _managed_org(slug)
    membership = _membership(org, membership_id)
    name = membership.user.public_name or _("a former account")
    return _confirm(
        "orgs/hand_over.html",
        org,
        lambda: services.hand_over_admin(current_user, org, membership),
        _("%(name)s is now the admin. You stay on as a member.", name=name),
        membership=membership,
    )


@bp.route("/<slug>/leave", methods=["GET", "POST"])
@guarded
def leave(slug: str):
    org = load_org(slug)
    ensure("org:member", org)
    return _confirm(
        "orgs/leave.html",
        org,
        lambda: services.leave(current_user, org),
        _("You have left %(name)s.", name=org.name),
        next_url=url_for("accounts.account"),
        is_admin=can(current_user, "org:manage", org),
        admins=services.admin_count(org),
    )


# Invitations ------------------------------------------------------------------------------


def _invitation_failed(error: services.InvitationError):
    status = 400 if error.reason == "invalid" else 410
    page = render_template("orgs/invitation_failed.html", reason=error.reason, message=str(error))
    return page, status


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@guarded
def invitation(token: str):
    try:
        found = services.invitation_for(token)
    except services.InvitationError as error:
        return _invitation_failed(error)
    form = ConfirmForm()
    if request.method == "POST":
        # Joining needs what applying needs: an active, signed-in account.
        ensure("org:apply")
    if form.validate_on_submit():
        try:
            services.accept_invitation(current_user, token)
        except services.InvitationError as error:
            return _invitation_failed(error)
        except services.OrgError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Welcome to %(name)s.", name=found.organization.name), "success")
            return redirect(url_for(".detail", slug=found.organization.slug))
    status = 400 if form.form_errors else 200
    return render_template("orgs/invitation.html", invitation=found, form=form), status
