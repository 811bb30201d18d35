"""Staff pages that write annual reports and exigent-use notices."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from engage.extensions import db
from engage.forms import show_refusal
from engage.permissions import require
from engage.reports import queries, services
from engage.reports.forms import (
    ConfirmForm,
    EntryForm,
    ExigentForm,
    ExigentReportForm,
    ReportForm,
    SharingForm,
)
from engage.reports.models import AnnualReport, DataSharingEntry, ExigentUse, ReportEntry
from engage.web import page_number

bp = Blueprint("reports_staff", __name__, url_prefix="/staff")

NOTICES_PER_PAGE = 50


def _load_report(report_id: int) -> AnnualReport:
    entries = selectinload(AnnualReport.entries).selectinload(ReportEntry.sharing)
    return db.get_or_404(AnnualReport, report_id, options=[entries])


# Annual reports ---------------------------------------------------------------------------


@bp.route("/reports")
@require("report:edit")
def reports():
    return render_template("staff/reports.html", reports=queries.staff_reports())


@bp.route("/reports/new", methods=["GET", "POST"])
@require("report:edit")
def new_report():
    form = ReportForm()
    if form.validate_on_submit():
        try:
            report = services.save_report(current_user, form.report_data())
        except services.ReportError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The report is saved. Now add the technologies it covers."), "success")
            return redirect(url_for(".report", report_id=report.id))
    return render_template("staff/report_form.html", form=form), 400 if form.errors else 200


@bp.route("/reports/<int:report_id>")
@require("report:edit")
def report(report_id: int):
    return render_template("staff/report.html", report=_load_report(report_id))


@bp.route("/reports/<int:report_id>/edit", methods=["GET", "POST"])
@require("report:edit")
def edit_report(report_id: int):
    shown = db.get_or_404(AnnualReport, report_id)
    form = ReportForm(report=shown)
    if form.validate_on_submit():
        try:
            services.save_report(current_user, form.report_data(), shown)
        except services.ReportError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The report is saved."), "success")
            return redirect(url_for(".report", report_id=shown.id))
    status = 400 if form.errors else 200
    return render_template("staff/report_form.html", form=form, report=shown), status


@bp.route("/reports/<int:report_id>/entries/new", methods=["GET", "POST"])
@require("report:edit")
def new_entry(report_id: int):
    shown = _load_report(report_id)
    form = EntryForm(report=shown)
    if form.validate_on_submit():
        try:
            entry = services.save_entry(current_user, shown, form.entry_data())
        except services.ReportError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Saved. You can now add the data this technology shared."), "success")
            return redirect(url_for(".edit_entry", entry_id=entry.id))
    status = 400 if form.errors else 200
    return render_template("staff/report_entry.html", form=form, report=shown), status


def _render_entry(entry: ReportEntry, form: EntryForm, sharing_form: SharingForm):
    status = 400 if form.errors or sharing_form.errors else 200
    page = render_template(
        "staff/report_entry.html",
        form=form,
        sharing_form=sharing_form,
        report=entry.report,
        entry=entry,
    )
    return page, status


@bp.route("/reports/entries/<int:entry_id>", methods=["GET", "POST"])
@require("report:edit")
def edit_entry(entry_id: int):
    entry = db.get_or_404(ReportEntry, entry_id)
    form = EntryForm(report=entry.report, entry=entry)
    if form.validate_on_submit():
        try:
            services.save_entry(current_user, entry.report, form.entry_data(), entry)
        except services.ReportError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _("Saved what the report says about %(name)s.", name=entry.technology.name),
                "success",
            )
            return redirect(url_for(".report", report_id=entry.report_id))
    return _render_entry(entry, form, SharingForm(formdata=None))


@bp.route("/reports/entries/<int:entry_id>/sharing", methods=["POST"])
@require("report:edit")
def add_sharing(entry_id: int):
    entry = db.get_or_404(ReportEntry, entry_id)
    form = SharingForm()
    if form.validate_on_submit():
        try:
            services.add_sharing(current_user, entry, form.sharing_data())
        except services.ReportError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The data-sharing line is added."), "success")
            return redirect(url_for(".edit_entry", entry_id=entry.id, _anchor="sharing"))
    return _render_entry(entry, EntryForm(formdata=None, report=entry.report, entry=entry), form)


@bp.route("/reports/sharing/<int:sharing_id>/remove", methods=["GET", "POST"])
@require("report:edit")
def remove_sharing(sharing_id: int):
    sharing = db.get_or_404(DataSharingEntry, sharing_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        entry_id = sharing.entry_id
        services.remove_sharing(current_user, sharing)
        db.session.commit()
        flash(_("The data-sharing line is removed."), "success")
        return redirect(url_for(".edit_entry", entry_id=entry_id, _anchor="sharing"))
    return render_template("staff/report_sharing_remove.html", form=form, sharing=sharing)


# Exigent-use notices ----------------------------------------------------------------------


@bp.route("/exigent-use")
@require("exigent:edit")
def exigent_notices():
    notices = db.paginate(
        queries.exigent_notices(), page=page_number(), per_page=NOTICES_PER_PAGE, error_out=False
    )
    return render_template(
        "staff/exigent_notices.html", notices=notices, overdue=queries.overdue_count()
    )


@bp.route("/exigent-use/new", methods=["GET", "POST"])
@require("exigent:edit")
def new_exigent():
    form = ExigentForm()
    if form.validate_on_submit():
        try:
            services.save_exigent(current_user, form.exigent_data())
        except services.ReportError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The notice is published."), "success")
            return redirect(url_for(".exigent_notices"))
    return render_template("staff/exigent_form.html", form=form), 400 if form.errors else 200


@bp.route("/exigent-use/<int:notice_id>/edit", methods=["GET", "POST"])
@require("exigent:edit")
def edit_exigent(notice_id: int):
    notice = db.get_or_404(ExigentUse, notice_id)
    form = ExigentForm(notice=notice)
    if form.validate_on_submit():
        try:
            services.save_exigent(current_user, form.exigent_data(), notice)
        except services.ReportError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The notice is saved."), "success")
            return redirect(url_for(".exigent_notices"))
    status = 400 if form.errors else 200
    return render_template("staff/exigent_form.html", form=form, notice=notice), status


@bp.route("/exigent-use/<int:notice_id>/report", methods=["GET", "POST"])
@require("exigent:edit")
def record_exigent_report(notice_id: int):
    notice = db.get_or_404(ExigentUse, notice_id)
    form = ExigentReportForm(obj=notice)
    if form.validate_on_submit():
        try:
            services.record_exigent_report(
                current_user,
                notice,
                form.report_received_at.data,
                form.outcome.data,
                form.outcome_note.data or "",
            )
        except services.ReportError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The report and the Council's outcome are recorded."), "success")
            return redirect(url_for(".exigent_notices"))
    status = 400 if form.errors else 200
    return render_template("staff/exigent_report.html", form=form, notice=notice), status
