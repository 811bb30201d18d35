"""Session reports: filed after the session by its organization, shown where people look."""

import io
from datetime import timedelta

import pytest
from flask import render_template
from pypdf import PdfWriter
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from engage.audit import AuditEntry
from engage.events.models import SessionFinding, SessionQuote, SessionReport
from engage.events.services import reports
from engage.extensions import db
from engage.types import utcnow
from engage.uploads import stored_path
from tests import factories
from tests.events.helpers_cal import make_event, make_org, past_event


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def member(ctx):
    return factories.make_user(display_name="Organizer")


@pytest.fixture
def org(member):
    return make_org(name="Dorchester Tenants Network", members=[member])


@pytest.fixture
def policies(ctx):
    return [
        factories.make_policy(title="Body-worn cameras", period="open"),
        factories.make_policy(title="License plate readers", period="open"),
    ]


@pytest.fixture
def session(org, policies):
    return past_event(org, policies, title="Cameras in Fields Corner")


def report_form(policies, **overrides) -> dict:
    data = {
        "attendance": "23",
        "themes": "data retention, cost; Data Retention,  who sees footage ",
        f"finding_{policies[0].id}": "People asked how long **footage** is kept.",
        f"finding_{policies[1].id}": "Worries about sharing plate data with ICE.",
        "quote_0_text": "I want to know who watches the tapes.",
        "quote_0_attribution": "A Fields Corner resident",
        "quote_0_consent": "y",
        "summary": "A full room; many first-time participants.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def stored_report(session) -> SessionReport | None:
    return db.session.scalar(db.select(SessionReport).where(SessionReport.event_id == session.id))


# Filing --------------------------------------------------------------------------------------


def test_a_member_files_the_report_after_the_session(client, login, member, session, policies):
    login(member)
    page = client.get(f"/events/{session.id}/report/edit")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "What you heard about “Body-worn cameras”" in text
    assert "Quote 3" in text
    data = report_form(policies, attachment=(io.BytesIO(pdf_bytes()), "notes.pdf"))
    response = client.post_form(f"/events/{session.id}/report/edit", data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert response.headers["Location"].endswith(f"/events/{session.id}#report")
    report = stored_report(session)
    assert report.attendance == 23
    assert report.themes == ["data retention", "cost", "who sees footage"]
    assert report.filed_by_id == member.id
    findings = {f.policy_id: f for f in report.findings}
    assert set(findings) == {p.id for p in policies}
    assert "<strong>footage</strong>" in findings[policies[0].id].heard_html
    assert [(q.text, q.attribution, q.consent) for q in report.quotes] == [
        ("I want to know who watches the tapes.", "A Fields Corner resident", True)
    ]
    assert stored_path(report.attachment_filename).read_bytes().startswith(b"%PDF-")
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "report.file"))
    assert entry.actor_id == member.id and entry.detail["event_id"] == session.id


def test_the_report_page_shows_it(client, login, member, session, policies):
    login(member)
    client.post_form(f"/events/{session.id}/report/edit", report_form(policies))
    page = client.get(f"/events/{session.id}/report")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "23 people" in text
    assert "data retention" in text
    assert "I want to know who watches the tapes." in text
    assert "A Fields Corner resident" in text
    assert "About Body-worn cameras" in text
    assert "Edit the report" in text  # the organizer sees the edit link


def test_the_public_sees_the_report_but_not_the_edit_link(client, ctx, session, policies):
    reports.file_report(None, session, reports_data(policies))
    text = client.get(f"/events/{session.id}/report").get_data(as_text=True)
    assert "23 people" in text and "Edit the report" not in text


def test_the_report_is_edited_later_and_audited(client, login, member, session, policies):
    login(member)
    client.post_form(f"/events/{session.id}/report/edit", report_form(policies))
    page = client.get(f"/events/{session.id}/report/edit").get_data(as_text=True)
    assert 'value="23"' in page
    assert "I want to know who watches the tapes." in page
    data = report_form(policies, attendance="31", quote_1_text="Second quote", quote_1_consent="y")
    response = client.post_form(f"/events/{session.id}/report/edit", data)
    assert response.status_code == 302
    report = stored_report(session)
    assert report.attendance == 31
    assert len(report.quotes) == 2
    assert db.session.scalar(db.select(db.func.count(SessionReport.id))) == 1
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "report.edit"))
    assert entry.detail["changed"] == ["attendance", "quotes"]


def test_replacing_and_removing_the_pdf(client, login, member, session, policies):
    login(member)
    first = report_form(policies, attachment=(io.BytesIO(pdf_bytes()), "a.pdf"))
    client.post_form(f"/events/{session.id}/report/edit", first)
    old = stored_report(session).attachment_filename
    second = report_form(policies, attachment=(io.BytesIO(pdf_bytes()), "b.pdf"))
    client.post_form(f"/events/{session.id}/report/edit", second)
    new = stored_report(session).attachment_filename
    assert new != old and stored_path(old) is None and stored_path(new) is not None
    client.post_form(
        f"/events/{session.id}/report/edit", report_form(policies, remove_attachment="y")
    )
    assert stored_report(session).attachment_filename is None
    assert stored_path(new) is None


def test_staff_may_file_too(client, login, staff, session, policies):
    login(staff)
    assert (
        client.post_form(f"/events/{session.id}/report/edit", report_form(policies)).status_code
        == 302
    )


# Refusals ------------------------------------------------------------------------------------


def test_no_report_before_the_session_ends(client, login, member, org, policies):
    upcoming = make_event(org, policies)
    login(member)
    page = client.get(f"/events/{upcoming.id}/report/edit")
    assert page.status_code == 200
    assert "once the session has ended" in page.get_data(as_text=True)
    assert '<form method="post" enctype' not in page.get_data(as_text=True)
    response = client.post_form(f"/events/{upcoming.id}/report/edit", report_form(policies))
    assert response.status_code == 400
    assert "once the session has ended" in response.get_data(as_text=True)
    assert stored_report(upcoming) is None
    with pytest.raises(reports.ReportError, match="has ended"):
        reports.file_report(member, upcoming, reports_data(policies))


def test_a_session_still_running_has_no_report(ctx, member, org, policies):
    running = make_event(org, policies, starts_at=utcnow() - timedelta(hours=1))
    with pytest.raises(reports.ReportError, match="has ended"):
        reports.file_report(member, running, reports_data(policies))


def test_a_cancelled_session_has_no_report(ctx, member, org, policies):
    cancelled = past_event(org, policies, status="cancelled")
    with pytest.raises(reports.ReportError, match="cancelled"):
        reports.file_report(member, cancelled, reports_data(policies))
    assert stored_report(cancelled) is None


def test_non_members_cannot_file(client, login, resident, session, policies):
    assert client.get(f"/events/{session.id}/report/edit").status_code == 302  # sign in first
    login(resident)
    assert client.get(f"/events/{session.id}/report/edit").status_code == 403
    response = client.post_form(f"/events/{session.id}/report/edit", report_form(policies))
    assert response.status_code == 403
    assert stored_report(session) is None


def test_a_member_of_another_organization_cannot_file(client, login, session, policies):
    outsider = factories.make_user()
    make_org(members=[outsider])
    login(outsider)
    response = client.post_form(f"/events/{session.id}/report/edit", report_form(policies))
    assert response.status_code == 403
    assert stored_report(session) is None


BAD = [
    ({"attendance": "-4"}, "Attendance can't be negative."),
    ({"attendance": "lots"}, "as a whole number"),
    ({"attendance": ""}, "Enter how many people attended."),
    ({"attendance": "9999999"}, "at most 100000"),
    ({"quote_0_consent": None}, "Only quotes the person agreed to share"),
    ({"quote_0_text": "", "quote_0_consent": None}, "Enter the quote, or clear this row."),
    ({"quote_0_text": "q" * 1001}, "1,000"),
    ({"themes": "x" * 61}, "60 characters"),
    ({"themes": ",".join(f"t{n}" for n in range(21))}, "at most 20 themes"),
]


@pytest.mark.parametrize(("overrides", "message"), BAD)
def test_bad_reports_are_refused_with_the_input_kept(
    client, login, member, session, policies, overrides, message
):
    login(member)
    response = client.post_form(
        f"/events/{session.id}/report/edit", report_form(policies, **overrides)
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True).replace("&#39;", "'")
    assert "Please correct the following" in page
    assert message in page
    assert "Worries about sharing plate data with ICE." in page  # what was typed is kept
    assert stored_report(session) is None
    assert not db.session.scalars(db.select(SessionQuote)).all()


def test_every_linked_policy_needs_what_was_heard(client, login, member, session, policies):
    login(member)
    data = report_form(policies, **{f"finding_{policies[1].id}": "   "})
    response = client.post_form(f"/events/{session.id}/report/edit", data)
    assert response.status_code == 400
    assert "Say what you heard about “License plate readers”" in response.get_data(as_text=True)
    assert not db.session.scalars(db.select(SessionFinding)).all()


def test_a_file_that_is_not_a_pdf_is_refused(client, login, member, session, policies):
    login(member)
    fake = (io.BytesIO(b"MZ\x90\x00 this is an executable"), "report.pdf")
    response = client.post_form(
        f"/events/{session.id}/report/edit", report_form(policies, attachment=fake)
    )
    assert response.status_code == 400
    assert "This file is not a PDF." in response.get_data(as_text=True)
    assert stored_report(session) is None


def test_a_broken_pdf_is_refused(client, login, member, session, policies):
    login(member)
    broken = (io.BytesIO(b"%PDF-1.7\n garbage without any pages"), "report.pdf")
    response = client.post_form(
        f"/events/{session.id}/report/edit", report_form(policies, attachment=broken)
    )
    assert response.status_code == 400
    assert "PDF" in response.get_data(as_text=True)
    assert stored_report(session) is None


def test_an_oversized_pdf_is_refused(client, login, member, session, policies):
    login(member)
    big = pdf_bytes() + b"%" + b"0" * (10 * 1024 * 1024)
    fields = report_form(policies, csrf_token=client.csrf_token())
    fields["attachment"] = FileStorage(io.BytesIO(big), "big.pdf", content_type="application/pdf")
    # Encoded in memory: the test client would spool a body this big to an unclosed temp file.
    boundary, body = encode_multipart(MultiDict(fields))
    response = client.post(
        f"/events/{session.id}/report/edit",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 400
    assert "larger than 10 MB" in response.get_data(as_text=True)
    assert stored_report(session) is None


def test_a_report_form_without_its_token_is_refused(client, login, member, session, policies):
    login(member)
    assert (
        client.post(f"/events/{session.id}/report/edit", data=report_form(policies)).status_code
        == 400
    )
    assert stored_report(session) is None


# Where reports appear ------------------------------------------------------------------------


def reports_data(policies, **fields) -> reports.ReportData:
    data = reports.ReportData(
        attendance=fields.pop("attendance", 23),
        themes="retention, cost",
        findings={policy.id: f"Heard about {policy.title}." for policy in policies},
        quotes=[reports.QuoteData("Keep it short.", "A neighbor", True)],
    )
    for name, value in fields.items():
        setattr(data, name, value)
    return data


def test_reports_for_policy_has_the_stored_shape_the_board_needs(ctx, session, policies, org):
    other = past_event(org, [policies[1]], title="Plates in Mattapan")
    reports.file_report(None, session, reports_data(policies))
    reports.file_report(None, other, reports_data([policies[1]], attendance=7))
    hidden = past_event(make_org(status="pending"), [policies[0]])
    reports.file_report(None, hidden, reports_data([policies[0]]))
    found = reports.reports_for_policy(policies[0])
    assert [r.event_id for r in found] == [session.id]
    (report,) = found
    assert report.attendance == 23 and report.themes == ["retention", "cost"]
    finding = reports.finding_for(report, policies[0])
    assert finding.heard_md == "Heard about Body-worn cameras."
    assert {r.event_id for r in reports.reports_for_policy(policies[1])} == {session.id, other.id}


def test_the_policy_partial_shows_what_sessions_heard(app, ctx, session, policies):
    reports.file_report(None, session, reports_data(policies))
    with app.test_request_context():
        html = render_template("events/_policy_reports.html", policy=policies[1])
    assert "What listening sessions heard" in html
    assert "Heard about License plate readers." in html
    assert "Heard about Body-worn cameras." not in html
    assert "Dorchester Tenants Network" in html
    assert f"/events/{session.id}/report" in html


def test_the_organization_partial_lists_its_reports(app, ctx, session, policies, org):
    reports.file_report(None, session, reports_data(policies))
    with app.test_request_context():
        html = render_template("events/_org_reports.html", organization=org)
        empty = render_template("events/_org_reports.html", organization=make_org())
    assert "Reports from past sessions" in html
    assert "Cameras in Fields Corner" in html and "23 attended" in html
    assert "retention" in html
    assert empty.strip() == ""


def test_the_session_partial_offers_to_file_to_organizers(app, client, login, member, session):
    login(member)
    with app.test_request_context():
        from flask_login import login_user

        login_user(member)
        html = render_template("events/_report.html", event=session)
    assert "File the report" in html


def test_no_report_page_before_one_is_filed(client, ctx, session):
    assert client.get(f"/events/{session.id}/report").status_code == 404
    assert client.get("/events/999999/report").status_code == 404


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("数据保留，费用、谁可以查看录像", ["数据保留", "费用", "谁可以查看录像"]),  # noqa: RUF001 - the full-width comma is the point
        ("الاحتفاظ بالبيانات، التكلفة؛ الخصوصية", ["الاحتفاظ بالبيانات", "التكلفة", "الخصوصية"]),
    ],
)
def test_themes_split_on_the_writers_own_commas(typed, expected):
    assert reports.parse_themes(typed) == expected
