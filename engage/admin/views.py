"""Administration pages: users and roles, the audit log."""

import json

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage.accounts.models import User
from engage.accounts.services import count_by_role
from engage.admin import services
from engage.admin.forms import ROLE_LABELS, DisableForm, RoleForm
from engage.exports import csv_response
from engage.extensions import db
from engage.permissions import ROLES, require
from engage.policies.models import Department
from engage.web import page_number

bp = Blueprint("admin", __name__, url_prefix="/admin")

AUDIT_CSV_LIMIT = 100_000
AUDIT_COLUMNS = ("id", "actor_id", "action", "target_type", "target_id", "summary", "reason")


@bp.route("")
@require("admin:access")
def index():
    recent = db.session.scalars(services.audit_statement(services.AuditFilters()).limit(10)).all()
    return render_template(
        "admin/index.html", counts=count_by_role(), recent=recent, role_labels=ROLE_LABELS
    )


@bp.route("/users")
@require("user:manage")
def users():
    filters = services.UserFilters(
        query=request.args.get("q", "").strip()[:100], role=request.args.get("role", "")
    )
    pager = db.paginate(services.users_statement(filters), page=page_number(), per_page=50)
    return render_template(
        "admin/users.html", pager=pager, filters=filters, roles=ROLES, role_labels=ROLE_LABELS
    )


def _role_form(user: User) -> RoleForm:
    form = RoleForm(obj=user if request.method == "GET" else None)
    departments = db.session.scalars(db.select(Department).order_by(Department.name)).all()
    form.department_id.choices = [("", _("— None —"))] + [(str(d.id), d.name) for d in departments]
    if request.method == "GET":
        form.department_id.data = str(user.department_id or "")
    return form


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@require("user:manage")
def user(user_id: int):
    user = db.get_or_404(User, user_id)
    form = _role_form(user)
    if form.validate_on_submit():
        department_id = int(form.department_id.data) if form.department_id.data else None
        try:
            services.change_role(current_user, user, form.role.data, department_id)
        except services.AdminError as error:
            form.role.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Saved the role of %(name)s.", name=user.display_name), "success")
            return redirect(url_for("admin.user", user_id=user.id))
    return render_template("admin/user.html", user=user, form=form, disable_form=DisableForm())


@bp.route("/users/<int:user_id>/access", methods=["POST"])
@require("user:manage")
def user_access(user_id: int):
    user = db.get_or_404(User, user_id)
    form = DisableForm()
    disable = request.form.get("action") == "disable"
    if form.validate_on_submit():
        try:
            services.set_disabled(current_user, user, disable, form.reason.data)
        except services.AdminError as error:
            form.reason.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Account disabled.") if disable else _("Account enabled."), "success")
            return redirect(url_for("admin.user", user_id=user.id))
    return render_template("admin/user.html", user=user, form=_role_form(user), disable_form=form)


def _audit_filters() -> services.AuditFilters:
    actor = request.args.get("actor", "")
    return services.AuditFilters(
        action=request.args.get("action", "")[:80],
        target_type=request.args.get("target", "")[:40],
        actor_id=int(actor) if actor.isdigit() else None,
    )


@bp.route("/audit")
@require("audit:read")
def audit_log():
    filters = _audit_filters()
    pager = db.paginate(services.audit_statement(filters), page=page_number(), per_page=50)
    return render_template(
        "admin/audit.html", pager=pager, filters=filters, actions=services.audit_actions()
    )


def _detail_json(entry) -> str:
    return json.dumps(entry.detail or {}, ensure_ascii=False, sort_keys=True, default=str)


@bp.route("/audit.csv")
@require("audit:read")
def audit_csv():
    entries = db.session.scalars(services.audit_statement(_audit_filters()).limit(AUDIT_CSV_LIMIT))
    header = [*AUDIT_COLUMNS, "created_at", "detail"]
    rows = (
        [*(getattr(e, c) for c in AUDIT_COLUMNS), e.created_at.isoformat(), _detail_json(e)]
        for e in entries
    )
    return csv_response("engage-audit-log.csv", header, rows)
