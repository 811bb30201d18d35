"""The annual oversight packet: /board/annual/<year> (board) and /reports/<year>/packet (public)."""

import html
from datetime import UTC, datetime

import pytest

from engage.board import board_services
from engage.board.packet import gather_packet, packet_years
from engage.extensions import db
from engage.policies import services as catalog
from engage.reports.models import ExigentUse, ReportEntry
from engage.types import utcnow
from tests import factories
from tests.board.board_helpers import ROLES, add_comment, make_sent_summary

YEAR = 2025


def _html(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _part(page: str, technology_name: str) -> str:
    """One technology's part of the packet."""
    start = page.index(f">{technology_name}</h2>")
    end = page.find('class="engage-packet-technology"', start)
    return page[start : end if end > 0 else len(page)]


def _at(month: int, day: int, year: int = YEAR) -> datetime:
    return datetime(year, month, day, 15, tzinfo=UTC)


@pytest.fixture
def world(ctx):
    """Two technologies: one with a full year, one with nothing but a policy."""
    department = factories.make_department(code="BPD", name="Boston Police Department")
    plates = factories.make_technology(department, name="License plate readers", slug="alpr")
    quiet = factories.make_technology(department, name="Quiet cameras", slug="quiet")
    policy = factories.make_policy("ALPR policy", versions=1, technology=plates)
    policy.versions[0].published_at = _at(2, 1)
    later = catalog.VersionData(2, "Revision", {"purpose": "Changed in 2026."})
    catalog.publish_version(None, policy, later, ("purpose",))
    policy.versions[1].published_at = _at(3, 1, YEAR + 1)  # after the year: not in force
    quiet_policy = factories.make_policy("Quiet policy", technology=quiet)
    quiet_policy.versions[0].published_at = _at(1, 10)
    report = factories.make_report(department, YEAR)
    db.session.add(
        ReportEntry(
            report=report,
            technology=plates,
            usage_md="Readers logged 1.2 million plates.",
            usage_html="<p>Readers logged 1.2 million plates.</p>",
            complaint_count=4,
            violation_count=1,
        )
    )
    summary = make_sent_summary(policy, sent_at=_at(6, 1), versions=2)
    board_services.add_note(factories.make_user(role="board"), summary, "Board-only remark")
    for when in (_at(3, 2), _at(4, 5), _at(12, 31)):
        add_comment(policy, when)
    add_comment(policy, _at(5, 5), status="hidden")
    add_comment(policy, _at(5, 6), is_official_response=True)
    add_comment(policy, _at(1, 5, YEAR + 1))  # the next year
    notice = ExigentUse(
        department_id=department.id,
        technology=plates,
        title="Plates read during a manhunt",
        started_at=_at(7, 1),
        ended_at=_at(7, 3),
        report_due_at=_at(8, 2),
        report_received_at=_at(7, 20),
        outcome="rejected",
        outcome_note="The Council rejected the report.",
    )
    db.session.add(notice)
    db.session.flush()
    return {"plates": plates, "quiet": quiet, "policy": policy, "summary": summary}


def test_gathers_each_technology_for_the_year(world):
    packet = gather_packet(YEAR)
    parts = {part.technology.slug: part for part in packet.technologies}
    assert {"alpr", "quiet"} <= set(parts)
    plates = parts["alpr"]
    assert [held.version.number for held in plates.policies] == [1]  # version 2 came later
    assert plates.report_entries[0].complaint_count == 4
    assert plates.comment_count == 3  # published, not official, received in the year
    assert [sent.version.number for sent in plates.summaries] == [2]
    assert plates.summaries[0].notes == []  # the public packet has no notes
    assert [notice.title for notice in plates.exigent] == ["Plates read during a manhunt"]
    quiet = parts["quiet"]
    assert quiet.comment_count == 0 and not quiet.report_entries and not quiet.exigent
    assert gather_packet(YEAR, with_notes=True).technologies[0].summaries[0].notes


def test_public_packet_shows_everything_but_notes(client, world):
    page = _html(client.get(f"/reports/{YEAR}/packet"))
    assert f"Annual oversight packet, {YEAR}" in page
    plates = _part(page, "License plate readers")
    assert "ALPR policy" in plates and "version 1, published February 1, 2025" in plates
    assert "Readers logged 1.2 million plates." in plates
    assert "Community complaints" in plates
    assert "version 2, sent June 1, 2025" in plates and "12 comments" in plates
    summary = world["summary"]
    assert f"/policies/{summary.policy.slug}/summary?summary={summary.id}&version=2" in plates
    assert "3 published comments received in 2025." in plates
    assert "Plates read during a manhunt" in plates and "Rejected" in plates
    assert "The Council rejected the report." in plates
    quiet = _part(page, "Quiet cameras")
    assert "No annual report for 2025 covers this technology." in quiet
    assert "No emergency use was reported in 2025." in quiet
    assert "Board-only remark" not in page
    assert "Board notes" not in page


def test_board_packet_adds_the_boards_notes(client, world, login, board_member):
    login(board_member)
    page = _html(client.get(f"/board/annual/{YEAR}"))
    assert "Board version" in page
    assert "Board-only remark" in _part(page, "License plate readers")
    assert f"/reports/{YEAR}/packet" in page  # where the public version is


def test_packet_is_ready_to_print(client, world):
    page = _html(client.get(f"/reports/{YEAR}/packet"))
    assert 'href="/static/css/print.css" media="print"' in page
    assert page.count('class="engage-packet-technology"') >= 2
    assert "http://engage.test/policies/" in page  # links printed as addresses are absolute


@pytest.mark.parametrize("role", ROLES)
def test_board_packet_for_board_members_only(client, world, login, role):
    login(factories.make_user(role=role))
    expected = 200 if role in ("board", "admin") else 403
    assert client.get(f"/board/annual/{YEAR}").status_code == expected
    assert client.get(f"/reports/{YEAR}/packet").status_code == 200


def test_anonymous_visitors_read_the_public_packet_only(client, world):
    assert client.get(f"/reports/{YEAR}/packet").status_code == 200
    assert client.get(f"/board/annual/{YEAR}").status_code == 302


@pytest.mark.parametrize("year", [1900, 2016, 3000, 99999999999, 0])
def test_unknown_years_are_404(client, world, login, board_member, year):
    assert client.get(f"/reports/{year}/packet").status_code == 404
    login(board_member)
    assert client.get(f"/board/annual/{year}").status_code == 404


def test_non_numbers_are_404(client, world):
    assert client.get("/reports/twenty/packet").status_code == 404
    assert client.get("/reports/-1/packet").status_code == 404


def test_years_run_from_the_first_record_to_this_year(world):
    this_year = utcnow().year
    years = packet_years()
    assert years[0] >= this_year and years[-1] == YEAR
    assert years == sorted(years, reverse=True)


def test_no_years_without_data(ctx, client):
    assert packet_years() == []
    assert client.get(f"/reports/{utcnow().year}/packet").status_code == 404


def test_packet_links_from_the_board_and_about_pages(client, world, login, board_member):
    assert f"/reports/{YEAR}/packet" in _html(client.get("/board/about"))
    login(board_member)
    assert f"/board/annual/{YEAR}" in _html(client.get("/board"))
