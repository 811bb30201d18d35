"""Staff verification of organization applications."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage.extensions import db
from engage.forms import show_refusal
from engage.orgs import queries, services
from engage.orgs.forms import ConfirmForm, RejectForm
from engage.orgs.models import Organization, OrgStatus
from engage.permissions import require

bp = Blueprint("orgs_staff", __name__, url_prefix="/staff")

RECENT = 20


@bp.app_template_global()
def pending_org_applications() -> int:
    """How many applications wait, for the staff workspace's card."""
    return queries.pending_count()


@bp.route("/organizations")
@require("org:verify")
def applications():
    pending = db.session.scalars(queries.applications(OrgStatus.PENDING)).all()
    recent = {
        status: db.session.scalars(queries.applications(status).limit(RECENT)).all()
        for status in (OrgStatus.VERIFIED, OrgStatus.REJECTED)
    }
    return render_template("staff/orgs_applications.html", pending=pending, recent=recent)


@bp.route("/organizations/<int:org_id>")
@require("org:verify")
def review(org_id: int):
    org = db.get_or_404(Organization, org_id)
    return render_template("staff/orgs_review.html", org=org, members=queries.members(org))


def _already_decided(org: Organization):
    flash(_("This application has already been decided."), "info")
    return redirect(url_for(".review", org_id=org.id))


@bp.route("/organizations/<int:org_id>/verify", methods=["GET", "POST"])
@require("org:verify")
def verify(org_id: int):
    org = db.get_or_404(Organization, org_id)
    if request.method == "GET" and org.status != OrgStatus.PENDING:
        return _already_decided(org)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.verify(current_user, org)
        except services.OrgError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _("%(name)s is verified and public. We emailed the applicant.", name=org.name),
                "success",
            )
            return redirect(url_for(".applications"))
    status = 400 if form.form_errors else 200
    return render_template("staff/orgs_verify.html", org=org, form=form), status


@bp.route("/organizations/<int:org_id>/reject", methods=["GET", "POST"])
@require("org:verify")
def reject(org_id: int):
    org = db.get_or_404(Organization, org_id)
    if request.method == "GET" and org.status != OrgStatus.PENDING:
        return _already_decided(org)
    form = RejectForm()
    if form.validate_on_submit():
        try:
            services.reject(current_user, org, form.reason.data)
        except services.OrgError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _(
                    "The application from %(name)s is rejected. We emailed the applicant "
                    "your reason.",
                    name=org.name,
                ),
                "success",
            )
            return redirect(url_for(".applications"))
    status = 400 if form.errors else 200
    return render_template("staff/orgs_reject.html", org=org, form=form), status
