"""Staff pages that write the catalog: departments, technologies, policies, versions, periods."""

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage.extensions import db
from engage.forms import show_refusal
from engage.moderation.services.errors import ModerationError
from engage.moderation.services.modes import set_moderation_mode
from engage.permissions import can, require
from engage.policies import services
from engage.policies.forms import (
    SECTION_PREFIX,
    ClosePeriodForm,
    DepartmentForm,
    ExtendPeriodForm,
    OpenPeriodForm,
    PolicyForm,
    TechnologyForm,
    default_period_window,
    version_form,
)
from engage.policies.models import CommentPeriod, Department, Policy, Technology
from engage.policies.sections import configured_sections
from engage.sanitize import render_document
from engage.staff import services as workspace
from engage.templating import deadline_filter
from engage.types import utcnow

bp = Blueprint("policies_staff", __name__, url_prefix="/staff")


def _status() -> int:
    """A page shown again after a POST is a refused submission."""
    return 400 if request.method == "POST" else 200


def _choose(label: str, options) -> list[tuple[int, str]]:
    return [(0, label), *options]


# Departments -------------------------------------------------------------------------------


@bp.route("/departments")
@require("department:edit")
def departments():
    return render_template("staff/departments.html", departments=workspace.departments())


@bp.route("/departments/new", methods=["GET", "POST"])
@require("department:edit")
def new_department():
    return _department_page(None)


@bp.route("/departments/<int:department_id>/edit", methods=["GET", "POST"])
@require("department:edit")
def edit_department(department_id: int):
    return _department_page(db.get_or_404(Department, department_id))


def _department_page(department: Department | None):
    form = DepartmentForm(obj=department)
    if form.validate_on_submit():
        data = services.DepartmentData(
            form.code.data, form.name.data, form.covered.data, form.note.data or ""
        )
        try:
            saved = services.save_department(current_user, data, department)
        except services.CatalogError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _(
                    "%(name)s is saved. Next, add the technologies it uses.",
                    name=saved.name,
                ),
                "success",
            )
            return redirect(url_for(".departments"))
    return render_template(
        "staff/department_form.html", form=form, department=department
    ), _status()


# Technologies ------------------------------------------------------------------------------


@bp.route("/technologies")
@require("technology:edit")
def technologies():
    return render_template("staff/technologies.html", technologies=workspace.technologies())


@bp.route("/technologies/new", methods=["GET", "POST"])
@require("technology:edit")
def new_technology():
    return _technology_page(None)


@bp.route("/technologies/<int:technology_id>/edit", methods=["GET", "POST"])
@require("technology:edit")
def edit_technology(technology_id: int):
    return _technology_page(db.get_or_404(Technology, technology_id))


def _department_choices() -> list[tuple[int, str]]:
    options = ((d.id, f"{d.name} ({d.code})") for d in workspace.departments())
    return _choose(_("— Choose a department —"), options)


def _technology_page(technology: Technology | None):
    form = TechnologyForm(obj=technology)
    form.department_id.choices = _department_choices()
    if form.validate_on_submit():
        data = services.TechnologyData(
            name=form.name.data,
            category=form.category.data,
            department_id=form.department_id.data,
            summary=form.summary.data or "",
            slug=form.slug.data or "",
        )
        try:
            saved = services.save_technology(current_user, data, technology)
        except services.CatalogError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _("%(name)s is saved. Next, add the policy that governs it.", name=saved.name),
                "success",
            )
            return redirect(url_for(".technologies"))
    return render_template(
        "staff/technology_form.html",
        form=form,
        technology=technology,
        categories=workspace.categories(),
    ), _status()


# Policies ----------------------------------------------------------------------------------


@bp.route("/policies")
@require("policy:edit")
def policies():
    rows = [(policy, services.current_period(policy)) for policy in workspace.policies()]
    return render_template("staff/policies.html", rows=rows)


@bp.route("/policies/new", methods=["GET", "POST"])
@require("policy:edit")
def new_policy():
    return _policy_page(None)


@bp.route("/policies/<slug>/edit", methods=["GET", "POST"])
@require("policy:edit")
def edit_policy(slug: str):
    return _policy_page(db.first_or_404(workspace.policy_by_slug(slug)))


def _technology_choices() -> list[tuple[int, str]]:
    options = ((t.id, f"{t.name} ({t.department.code})") for t in workspace.technologies())
    return _choose(_("— Choose a technology —"), options)


def _policy_page(policy: Policy | None):
    form = PolicyForm(obj=policy, summary=policy.summary_md if policy else "")
    form.department_id.choices = _department_choices()
    form.technology_id.choices = _technology_choices()
    if form.validate_on_submit():
        data = services.PolicyData(
            title=form.title.data,
            department_id=form.department_id.data,
            technology_id=form.technology_id.data,
            summary=form.summary.data or "",
            slug=form.slug.data or "",
            status=form.status.data,
        )
        try:
            saved = services.save_policy(current_user, data, policy)
            if can(current_user, "policy:moderation_mode", saved):
                set_moderation_mode(current_user, saved, form.moderation_mode.data)
        except (services.CatalogError, ModerationError) as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            message = (
                _("The policy's details are saved.")
                if policy
                else _("The policy is created. Next, publish its first version.")
            )
            flash(message, "success")
            return redirect(url_for(".policy", slug=saved.slug))
    return render_template("staff/policy_form.html", form=form, policy=policy), _status()


@bp.route("/policies/<slug>")
@require("staff:access")
def policy(slug: str):
    return _management_page(db.first_or_404(workspace.policy_by_slug(slug)))


def _live(period: CommentPeriod | None) -> CommentPeriod | None:
    """The period staff can still extend or close: open or upcoming, not closed early."""
    if period is None or not period.is_current or period.closed_early_at is not None:
        return None
    return period


def _management_page(policy: Policy, open_form=None, extend_form=None):
    live = _live(services.current_period(policy))
    if open_form is None:
        open_form = OpenPeriodForm(
            formdata=None, prefix="open", data=default_period_window(utcnow())
        )
    if extend_form is None:
        later = {"closes_at": live.closes_at + timedelta(days=7)} if live else None
        extend_form = ExtendPeriodForm(formdata=None, prefix="extend", data=later)
    return render_template(
        "staff/policy.html",
        policy=policy,
        live_period=live,
        open_form=open_form,
        extend_form=extend_form,
    ), _status()


# Versions ----------------------------------------------------------------------------------


def _version_defaults(policy: Policy, keys) -> dict:
    """The next number and the current text, so staff edit rather than retype."""
    current = policy.current_version
    texts = {key: (current.section(key) if current else None) for key in keys}
    return {
        "number": services.next_version_number(policy),
        **{SECTION_PREFIX + key: s.body_md for key, s in texts.items() if s is not None},
    }


@bp.route("/policies/<slug>/versions/new", methods=["GET", "POST"])
@require("version:publish")
def new_version(slug: str):
    policy = db.first_or_404(workspace.policy_by_slug(slug))
    keys = configured_sections()
    form = version_form(keys, data=_version_defaults(policy, keys))
    if request.method == "POST" and "preview" in request.form:
        previews = {key: render_document(text) for key, text in form.section_texts().items()}
        return render_template(
            "staff/version_form.html", form=form, policy=policy, previews=previews
        )
    if form.validate_on_submit():
        data = services.VersionData(
            form.number.data, form.change_summary.data or "", form.section_texts()
        )
        try:
            version = services.publish_version(current_user, policy, data, keys)
        except services.CatalogError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _(
                    "Version %(number)d is published. Next, open a comment period on it.",
                    number=version.number,
                ),
                "success",
            )
            return redirect(url_for(".policy", slug=policy.slug))
    return render_template(
        "staff/version_form.html", form=form, policy=policy, previews=None
    ), _status()


# Comment periods ---------------------------------------------------------------------------


@bp.route("/policies/<slug>/periods", methods=["POST"])
@require("period:manage")
def open_period(slug: str):
    policy = db.first_or_404(workspace.policy_by_slug(slug))
    form = OpenPeriodForm(prefix="open")
    if form.validate_on_submit():
        if policy.current_version is None:
            form.form_errors.append(_("Publish a first version before opening a comment period."))
            return _management_page(policy, open_form=form)
        try:
            period = services.open_period(
                current_user,
                policy.current_version,
                form.opens_at.data,
                form.closes_at.data,
                form.accepts_late.data,
            )
        except services.CatalogError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _(
                    "The comment period is scheduled: it closes %(deadline)s.",
                    deadline=deadline_filter(period.closes_at),
                ),
                "success",
            )
            return redirect(url_for(".policy", slug=policy.slug))
    return _management_page(policy, open_form=form)


def _policy_and_period(slug: str, period_id: int) -> tuple[Policy, CommentPeriod]:
    """The policy and one of its periods; 404 when either is unknown or they don't match."""
    policy = db.first_or_404(workspace.policy_by_slug(slug))
    period = db.get_or_404(CommentPeriod, period_id)
    if period.version.policy_id != policy.id:
        abort(404)
    return policy, period


@bp.route("/policies/<slug>/periods/<int:period_id>/extend", methods=["POST"])
@require("period:manage")
def extend_period(slug: str, period_id: int):
    policy, period = _policy_and_period(slug, period_id)
    form = ExtendPeriodForm(prefix="extend")
    if form.validate_on_submit():
        try:
            services.extend_period(current_user, period, form.closes_at.data, form.reason.data)
        except services.CatalogError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _(
                    "The comment period now closes %(deadline)s. "
                    "The reason is shown on the policy's page.",
                    deadline=deadline_filter(period.closes_at),
                ),
                "success",
            )
            return redirect(url_for(".policy", slug=policy.slug))
    return _management_page(policy, extend_form=form)


@bp.route("/policies/<slug>/periods/<int:period_id>/close", methods=["GET", "POST"])
@require("period:manage")
def close_period(slug: str, period_id: int):
    policy, period = _policy_and_period(slug, period_id)
    form = ClosePeriodForm()
    if form.validate_on_submit():
        try:
            services.close_period_early(current_user, period, form.reason.data)
        except services.CatalogError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _(
                    "The comment period is closed. "
                    "Next, review the comments and update the policy's status."
                ),
                "success",
            )
            return redirect(url_for(".policy", slug=policy.slug))
    return render_template(
        "staff/period_close.html", form=form, policy=policy, period=period
    ), _status()
