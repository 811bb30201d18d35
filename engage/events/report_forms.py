"""The session report form: one 'what we heard' box per linked policy, quote rows with consent."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from engage.events.models import Event, SessionReport
from engage.events.services.reports import MAX_ATTENDANCE, QuoteData, ReportData
from engage.forms import EngageForm, strip_filter

MIN_QUOTE_ROWS = 3
MAX_QUOTE_ROWS = 40


def _whole_number(form, field) -> None:
    raw = (field.data or "").strip()
    if raw.startswith("-") and raw[1:].isdigit():
        raise ValidationError(_l("Attendance can't be negative."))
    if not raw.isdigit() or len(raw) > 7:
        raise ValidationError(_l("Enter how many people attended, as a whole number like 24."))
    if int(raw) > MAX_ATTENDANCE:
        raise ValidationError(_l("Attendance can be at most %(max)d.", max=MAX_ATTENDANCE))


class ReportFormBase(EngageForm):
    attendance = StringField(
        _l("How many people attended"),
        filters=[strip_filter],
        validators=[InputRequired(_l("Enter how many people attended.")), _whole_number],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    themes = StringField(
        _l("Themes"),
        filters=[strip_filter],
        validators=[Length(max=2000, message=_l("Keep the themes under 2,000 characters."))],
    )
    summary = TextAreaField(_l("Overall summary"), validators=[Length(max=20_000)])
    attachment = FileField(_l("PDF attachment"))
    remove_attachment = BooleanField(_l("Remove the attached PDF"))

    policies: list = []
    quote_rows: int = MIN_QUOTE_ROWS

    def finding_fields(self):
        """(policy, field) for each linked policy, in the event's order."""
        return [(policy, self[f"finding_{policy.id}"]) for policy in self.policies]

    def quote_fields(self):
        """(number, text, attribution, consent) for each quote row."""
        return [
            (
                i + 1,
                self[f"quote_{i}_text"],
                self[f"quote_{i}_attribution"],
                self[f"quote_{i}_consent"],
            )
            for i in range(self.quote_rows)
        ]

    def report_data(self) -> ReportData:
        return ReportData(
            attendance=int(self.attendance.data),
            themes=self.themes.data or "",
            findings={policy.id: field.data or "" for policy, field in self.finding_fields()},
            quotes=[
                QuoteData(text.data or "", attribution.data or "", consent.data, f"quote_{n - 1}_")
                for n, text, attribution, consent in self.quote_fields()
            ],
            summary=self.summary.data or "",
            attachment=self.attachment.data or None,
            remove_attachment=self.remove_attachment.data,
        )


def _row_fields(i: int) -> dict:
    n = i + 1
    return {
        f"quote_{i}_text": TextAreaField(
            _l("Quote %(n)d", n=n),
            validators=[Length(max=1000, message=_l("Keep quotes under 1,000 characters."))],
        ),
        f"quote_{i}_attribution": StringField(
            _l("Attribution for quote %(n)d", n=n), filters=[strip_filter]
        ),
        f"quote_{i}_consent": BooleanField(
            _l("The person agreed to share quote %(n)d publicly", n=n)
        ),
    }


def quote_row_count(report: SessionReport | None) -> int:
    kept = len(report.quotes) if report is not None else 0
    return min(max(MIN_QUOTE_ROWS, kept + 2), MAX_QUOTE_ROWS)


def report_form(event: Event, **kwargs) -> ReportFormBase:
    """The form for `event`'s report (new or existing); `kwargs` go to the form."""
    report = event.report
    rows = quote_row_count(report)
    fields = {}
    for policy in event.policies:
        fields[f"finding_{policy.id}"] = TextAreaField(
            _l("What you heard about “%(policy)s”", policy=policy.title),
            validators=[Length(max=20_000)],
        )
    for i in range(rows):
        fields.update(_row_fields(i))
    form_class = type(
        "SessionReportForm",
        (ReportFormBase,),
        {**fields, "policies": list(event.policies), "quote_rows": rows},
    )
    if report is not None and "formdata" in kwargs:
        kwargs.setdefault("data", existing_data(report))
    return form_class(**kwargs)


def existing_data(report: SessionReport) -> dict:
    data = {
        "attendance": str(report.attendance),
        "themes": ", ".join(report.themes or []),
        "summary": report.summary_md,
    }
    data.update({f"finding_{f.policy_id}": f.heard_md for f in report.findings})
    for i, quote in enumerate(report.quotes):
        data[f"quote_{i}_text"] = quote.text
        data[f"quote_{i}_attribution"] = quote.attribution
        data[f"quote_{i}_consent"] = quote.consent
    return data
