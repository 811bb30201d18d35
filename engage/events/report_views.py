"""Session reports filed by organizations after their sessions."""

from flask import Blueprint, abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from engage.events.models import Event, SessionFinding, SessionReport
from engage.events.report_forms import report_form
from engage.events.services import reports
from engage.events.services.calendars import event_path, is_public
from engage.extensions import db
from engage.forms import show_refusal
from engage.permissions import ensure, guarded, public

bp = Blueprint("event_reports", __name__)
# The public page of an event (/events/<id>, or /meetings/<id> for the city's meetings).
bp.add_app_template_global(event_path, "event_path")


@bp.app_template_global("policy_session_reports")
def policy_session_reports(policy):
    """The public reports of sessions about `policy` (for the policy page's partial)."""
    return reports.reports_for_policy(policy)


@bp.app_template_global("organization_session_reports")
def organization_session_reports(organization):
    """The organization's public session reports (for the organization page's partial)."""
    return reports.reports_for_organization(organization)


@bp.app_template_global("session_finding")
def session_finding(report, policy):
    return reports.finding_for(report, policy)


@bp.app_template_global("report_due")
def report_due(event) -> bool:
    return reports.report_due(event)


def _event(event_id: int) -> Event:
    report = selectinload(Event.report)
    return db.first_or_404(
        db.select(Event)
        .where(Event.id == event_id)
        .options(
            selectinload(Event.policies),
            selectinload(Event.organization),
            report.selectinload(SessionReport.findings).selectinload(SessionFinding.policy),
            report.selectinload(SessionReport.quotes),
        )
    )


@bp.route("/events/<int:event_id>/report")
@public
def detail(event_id: int):
    """The report on its own page (linked from the policy and organization pages)."""
    event = _event(event_id)
    if not is_public(event) or event.report is None:
        abort(404)
    return render_template("events/report.html", event=event, event_url=event_path(event))


@bp.route("/events/<int:event_id>/report/edit", methods=["GET", "POST"])
@guarded
def edit(event_id: int):
    """File the report after the session, or correct it later."""
    event = _event(event_id)
    ensure("event:report", event)
    posted = request.method == "POST"
    form = report_form(event) if posted else report_form(event, formdata=None)
    if not reports.report_due(event) and posted:
        form.form_errors.append(_("You can file the report once the session has ended."))
    elif form.validate_on_submit():
        filed = event.report is not None
        try:
            reports.file_report(current_user, event, form.report_data())
        except reports.ReportError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The report is updated.") if filed else _("The report is filed."), "success")
            return redirect(event_path(event) + "#report")
    page = render_template(
        "events/report_form.html", event=event, form=form, due=reports.report_due(event)
    )
    return page, 400 if posted else 200
