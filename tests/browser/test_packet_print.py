"""The annual oversight packet printed to PDF in Chromium, and the board's pages in the browser:
axe-clean, usable at 320 px, and printable without the site's navigation."""

import io
import itertools
from datetime import timedelta

import pypdf
import pytest

from engage.board import board_services
from engage.board.packet import packet_years
from engage.extensions import db
from engage.reports.models import ReportEntry
from engage.types import utcnow
from tests import factories
from tests.board.board_helpers import make_sent_summary
from tests.browser.helpers import assert_accessible, screenshot

_seq = itertools.count(1)


@pytest.fixture
def packet_seed(live_data):
    """Three technologies with a policy each, two covered by this year's annual report."""
    n = next(_seq)
    with live_data():
        department = factories.make_department(name=f"Printing Department {n}")
        names = [f"Print check {kind} {n}" for kind in ("cameras", "readers", "drones")]
        report = factories.make_report(department, utcnow().year)
        for name in names:
            technology = factories.make_technology(department, name=name)
            policy = factories.make_policy(f"{name} policy", technology=technology)
            if "drones" not in name:
                db.session.add(
                    ReportEntry(
                        report=report,
                        technology=technology,
                        usage_md="Used daily.",
                        usage_html="<p>" + "Used daily across the city. " * 30 + "</p>",
                    )
                )
        factories.make_exigent(technology, ended_days_ago=2)
        summary = make_sent_summary(policy)
        board_services.add_note(factories.make_user(role="board"), summary, "A *private* note.")
        seat = board_services.save_seat(
            None, board_services.SeatData(f"Printed seat {n}", "Mayor", 90 + n)
        )
        today = utcnow().date()
        board_services.save_member(
            None, board_services.MemberData(seat.id, f"Member {n}", today - timedelta(days=9))
        )
        meeting = board_services.save_meeting(
            None,
            board_services.MeetingData(
                f"Meeting {n}", utcnow() - timedelta(days=3), "City Hall", "1. Roll call", "Done."
            ),
        )
        year = packet_years()[0]
        return {"names": names, "year": year, "meeting_id": meeting.id, "summary_id": summary.id}


def _pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_packet_prints_as_a_clean_pdf(new_page, packet_seed):
    page = new_page()
    page.goto(f"/reports/{packet_seed['year']}/packet")
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.locator(".usa-header").is_visible()
    assert not page.locator(".usa-footer").is_visible()
    part = page.locator(".engage-packet-technology").first
    assert part.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    screenshot(page, "packet-print")  # test-artifacts/packet-print.png, to look at
    pages = _pdf_pages(page.pdf(format="Letter", margin={"top": "0", "bottom": "0"}))
    assert len(pages) > 1
    text = "\n".join(pages)
    for name in packet_seed["names"]:
        assert name in text, name
    assert "Skip to main content" not in text and "Sign in" not in text  # no navigation
    # Each technology starts on its own page: its heading is the first line of a page.
    starts = {p.splitlines()[0].strip() for p in pages if p.strip()}
    for name in packet_seed["names"]:
        assert name in starts, (name, sorted(starts)[:20])
    assert "http" in text  # links to the policies and reports are printed as addresses


def test_board_pages_in_the_browser(new_page, packet_seed):
    year, meeting = packet_seed["year"], packet_seed["meeting_id"]
    visitor = new_page()
    for url in ("/board/about", f"/board/meetings/{meeting}"):
        visitor.goto(url)
        assert_accessible(visitor)
    admin = new_page("admin")
    for url in ("/board", f"/board/summaries/{packet_seed['summary_id']}", f"/board/annual/{year}"):
        admin.goto(url)
        assert_accessible(admin)
    staff = new_page("staff")
    for url in ("/staff/board", "/staff/board/members/new", "/staff/board/meetings/new"):
        staff.goto(url)
        assert_accessible(staff)


@pytest.mark.parametrize("url", ["/board/about", "/reports/{year}/packet"])
def test_board_pages_fit_a_phone(new_page, packet_seed, url):
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(url.format(year=packet_seed["year"]))
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= 320, f"{url} is {overflow}px wide at 320px"
    assert_accessible(page)
