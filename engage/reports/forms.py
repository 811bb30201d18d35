"""Forms for annual reports and exigent-use notices, and the words for their states."""

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import (
    DecimalField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from engage.forms import EngageForm, LocalDateTimeField, strip_filter
from engage.reports import queries
from engage.reports.models import AnnualReport, ExigentUse, ReportEntry
from engage.reports.services import (
    ENTRY_TEXTS,
    MAX_COST,
    MAX_COUNT,
    EntryData,
    ExigentData,
    ReportData,
    SharingData,
)

CAPTURE_LABELS = {
    "yes": _l("Yes"),
    "no": _l("No"),
    "unknown": _l("Unknown"),
}

OUTCOME_LABELS = {
    "pending": _l("Pending"),
    "accepted": _l("Accepted"),
    "rejected": _l("Rejected"),
}

STATE_LABELS = {
    queries.ReportState.ONGOING: _l("Use ongoing"),
    queries.ReportState.NOT_DUE: _l("Not yet due"),
    queries.ReportState.OVERDUE: _l("Overdue"),
    queries.ReportState.ON_TIME: _l("On time"),
    queries.ReportState.LATE: _l("Late"),
    queries.ReportState.RECEIVED: _l("Received"),
}

NOT_NEGATIVE = _l("Enter a whole number, 0 or more.")


def _count_field(label, **kwargs):
    return IntegerField(
        label,
        validators=[Optional(), NumberRange(min=0, max=MAX_COUNT, message=NOT_NEGATIVE)],
        **kwargs,
    )


class MoneyField(DecimalField):
    """An amount in dollars; '$12,500.00' and '12500' both work (so a text box, not a number)."""

    widget = widgets.TextInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not raw:
            return
        try:
            amount = Decimal(raw.replace("$", "").replace(",", "").replace(" ", ""))
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            raise ValueError(_l("Enter an amount in dollars, like 12500.00."))
        self.data = amount


def optional_int(value) -> int | None:
    """Coerce a select's value: '' (nothing chosen) is None."""
    if value is None or value == "":
        return None
    return int(value)


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


def _department_choices(blank) -> list[SelectChoice]:
    return [SelectChoice("", blank)] + [
        SelectChoice(str(d.id), f"{d.name} ({d.code})") for d in queries.department_choices()
    ]


def _technology_choices(department_id: int | None) -> list[SelectChoice]:
    """The department's technologies first, as their own option group, then the others."""
    technologies = queries.technology_choices(department_id)
    own_group = str(_l("This department's technologies"))
    other_group = str(_l("Other departments' technologies"))
    has_own = any(t.department_id == department_id for t in technologies)
    choices = [SelectChoice("", _l("— Choose a technology —"))]
    for technology in technologies:
        group = None
        if has_own:
            group = own_group if technology.department_id == department_id else other_group
        label = f"{technology.name} ({technology.department.code})"
        choices.append(SelectChoice(str(technology.id), label, optgroup=group))
    return choices


class ReportForm(EngageForm):
    department_id = SelectField(
        _l("Department"),
        coerce=optional_int,
        validators=[InputRequired(message=_l("Choose a department."))],
    )
    year = IntegerField(
        _l("Year the report covers"),
        validators=[InputRequired(message=_l("Enter the year, like 2025."))],
    )
    summary = TextAreaField(_l("Summary"), filters=[strip_filter], validators=[Length(max=20000)])

    def __init__(self, *args, report: AnnualReport | None = None, **kwargs):
        if report is not None:
            kwargs.setdefault("data", {"summary": report.summary_md})
        super().__init__(*args, obj=report, **kwargs)
        self.department_id.choices = _department_choices(_l("— Choose a department —"))

    def report_data(self) -> ReportData:
        return ReportData(self.department_id.data, self.year.data, self.summary.data or "")


class EntryForm(EngageForm):
    technology_id = SelectField(
        _l("Technology"),
        coerce=optional_int,
        validators=[InputRequired(message=_l("Choose a technology."))],
    )
    usage = TextAreaField(
        _l("How it was used"), filters=[strip_filter], validators=[Length(max=20000)]
    )
    captured_non_suspects = RadioField(
        _l("Did it capture people not suspected of wrongdoing?"),
        choices=_choices(CAPTURE_LABELS),
        default="unknown",
        validators=[InputRequired(message=_l("Choose yes, no or unknown."))],
    )
    non_suspect_notes = TextAreaField(
        _l("Notes on people not suspected of wrongdoing"),
        filters=[strip_filter],
        validators=[Length(max=5000)],
    )
    complaint_count = _count_field(_l("Number of community complaints"), default=0)
    complaints = TextAreaField(
        _l("Community complaints"), filters=[strip_filter], validators=[Length(max=20000)]
    )
    audits = TextAreaField(_l("Audits"), filters=[strip_filter], validators=[Length(max=20000)])
    violation_count = _count_field(_l("Number of violations"), default=0)
    violations = TextAreaField(
        _l("Violations and actions taken"), filters=[strip_filter], validators=[Length(max=20000)]
    )
    cost = MoneyField(
        _l("Cost (US dollars)"),
        validators=[
            Optional(),
            NumberRange(min=0, max=MAX_COST, message=_l("Enter an amount of 0 or more.")),
        ],
    )
    funding_source = StringField(
        _l("Funding source"), filters=[strip_filter], validators=[Length(max=300)]
    )

    def __init__(self, *args, report: AnnualReport, entry: ReportEntry | None = None, **kwargs):
        if entry is not None:
            texts = {name: getattr(entry, f"{name}_md") for name in ENTRY_TEXTS}
            kwargs.setdefault("data", texts)
        super().__init__(*args, obj=entry, **kwargs)
        self.technology_id.choices = _technology_choices(report.department_id)

    def entry_data(self) -> EntryData:
        return EntryData(
            technology_id=self.technology_id.data,
            usage=self.usage.data or "",
            captured_non_suspects=self.captured_non_suspects.data,
            non_suspect_notes=self.non_suspect_notes.data or "",
            complaint_count=self.complaint_count.data or 0,
            complaints=self.complaints.data or "",
            audits=self.audits.data or "",
            violation_count=self.violation_count.data or 0,
            violations=self.violations.data or "",
            cost=self.cost.data,
            funding_source=self.funding_source.data or "",
        )


class SharingForm(EngageForm):
    recipient = StringField(
        _l("Recipient"),
        filters=[strip_filter],
        validators=[DataRequired(message=_l("Name who received the data.")), Length(max=250)],
    )
    data_type = StringField(
        _l("Type of data"),
        filters=[strip_filter],
        validators=[DataRequired(message=_l("Say what kind of data.")), Length(max=250)],
    )
    legal_standard = StringField(
        _l("Legal standard"),
        filters=[strip_filter],
        validators=[DataRequired(message=_l("Name the legal standard.")), Length(max=250)],
    )
    justification = TextAreaField(
        _l("Justification"), filters=[strip_filter], validators=[Length(max=5000)]
    )
    count = _count_field(_l("Number of times shared"))

    def sharing_data(self) -> SharingData:
        return SharingData(
            recipient=self.recipient.data,
            data_type=self.data_type.data,
            legal_standard=self.legal_standard.data,
            justification=self.justification.data or "",
            count=self.count.data,
        )


class ExigentForm(EngageForm):
    department_id = SelectField(
        _l("Department"),
        coerce=optional_int,
        validators=[InputRequired(message=_l("Choose a department."))],
    )
    technology_id = SelectField(
        _l("Technology"),
        coerce=optional_int,
        validators=[InputRequired(message=_l("Choose a technology."))],
    )
    title = StringField(
        _l("Title"),
        filters=[strip_filter],
        validators=[DataRequired(message=_l("Give the notice a title.")), Length(max=250)],
    )
    started_at = LocalDateTimeField(
        _l("Use began"), validators=[InputRequired(message=_l("Enter when the use began."))]
    )
    ended_at = LocalDateTimeField(_l("Use ended"), validators=[Optional()])
    description = TextAreaField(
        _l("What happened and why"), filters=[strip_filter], validators=[Length(max=20000)]
    )

    def __init__(self, *args, notice: ExigentUse | None = None, **kwargs):
        if notice is not None:
            kwargs.setdefault("data", {"description": notice.description_md})
        super().__init__(*args, obj=notice, **kwargs)
        self.department_id.choices = _department_choices(_l("— Choose a department —"))
        self.technology_id.choices = _technology_choices(self.department_id.data)

    def exigent_data(self) -> ExigentData:
        return ExigentData(
            department_id=self.department_id.data,
            technology_id=self.technology_id.data,
            title=self.title.data,
            started_at=self.started_at.data,
            ended_at=self.ended_at.data,
            description=self.description.data or "",
        )


class ExigentReportForm(EngageForm):
    report_received_at = LocalDateTimeField(_l("Report received"), validators=[Optional()])
    outcome = RadioField(
        _l("Council outcome"),
        choices=_choices(OUTCOME_LABELS),
        default="pending",
        validators=[InputRequired(message=_l("Choose an outcome."))],
    )
    outcome_note = TextAreaField(
        _l("Note on the outcome"), filters=[strip_filter], validators=[Length(max=5000)]
    )


def _filter_departments(departments) -> list[SelectChoice]:
    return [SelectChoice("", _l("All departments"))] + [
        SelectChoice(d.code, d.name) for d in departments
    ]


class _FilterForm(EngageForm):
    """Filters read from the query string: no CSRF, bookmarkable."""

    class Meta:
        csrf = False


class ReportFilterForm(_FilterForm):
    department = SelectField(_l("Department"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.department.choices = _filter_departments(queries.departments_with_reports())


class ExigentFilterForm(_FilterForm):
    department = SelectField(_l("Department"), validate_choice=False)
    state = SelectField(
        _l("Report status"),
        choices=[SelectChoice("", _l("Any state")), *_choices(STATE_LABELS)],
        validate_choice=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.department.choices = _filter_departments(queries.departments_with_notices())


class ConfirmForm(EngageForm):
    """A button that confirms a destructive action; only the CSRF token travels."""
