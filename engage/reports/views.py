"""Public pages for annual surveillance reports and exigent-use notices."""

from decimal import Decimal

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import format_currency

from engage.extensions import db
from engage.permissions import public
from engage.reports import queries
from engage.reports.forms import (
    CAPTURE_LABELS,
    OUTCOME_LABELS,
    STATE_LABELS,
    ExigentFilterForm,
    ReportFilterForm,
)
from engage.reports.models import ExigentUse
from engage.web import page_number

bp = Blueprint("reports", __name__)

NOTICES_PER_PAGE = 25


@bp.app_template_filter("money")
def money(value: Decimal | None) -> str:
    """'$12,500.00' in the reader's locale; '' when there is no amount."""
    return "" if value is None else format_currency(value, "USD")


@bp.app_template_global()
def report_state(notice: ExigentUse) -> tuple[str, str]:
    """(state, words) for where a notice's report stands."""
    state = queries.report_state(notice)
    return state.value, str(STATE_LABELS[state])


@bp.app_template_global()
def capture_label(value: str) -> str:
    return str(CAPTURE_LABELS.get(value, value))


@bp.app_template_global()
def outcome_label(value: str) -> str:
    return str(OUTCOME_LABELS.get(value, value))


@bp.route("/reports")
@public
def index():
    form = ReportFilterForm(request.args)
    department = queries.find_department(form.department.data or "")
    return render_template(
        "reports/index.html",
        form=form,
        department=department,
        years=queries.reports_by_year(department),
    )


@bp.route("/reports/<department>/<int:year>")
@public
def detail(department: str, year: int):
    owner = queries.find_department(department) or abort(404)
    report = queries.load_report(owner, year) or abort(404)
    return render_template(
        "reports/detail.html",
        report=report,
        years=queries.report_years(owner),
        policies=queries.policies_by_technology({e.technology_id for e in report.entries}),
    )


@bp.route("/exigent-use")
@public
def exigent():
    form = ExigentFilterForm(request.args)
    department = queries.find_department(form.department.data or "")
    state = form.state.data if form.state.data in set(queries.ReportState) else None
    statement = queries.exigent_notices(department, state and queries.ReportState(state))
    notices = db.paginate(statement, page=page_number(), per_page=NOTICES_PER_PAGE, error_out=False)
    return render_template(
        "reports/exigent.html",
        form=form,
        notices=notices,
        filtered=bool(department or state),
        days=_report_days(),
    )


@bp.route("/exigent-use/<int:id>")
@public
def exigent_detail(id: int):
    notice = db.get_or_404(ExigentUse, id)
    return render_template("reports/exigent_detail.html", notice=notice, days=_report_days())


def _report_days() -> int:
    return current_app.config["ENGAGE_EXIGENT_REPORT_DAYS"]
