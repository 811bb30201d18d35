"""The public moderation report, checked against hand-counted fixtures.

This month: hides for harassment (2), spam (1), an approval, a lock and a suspension; appeals
pending, upheld and reversed. Last month: a redaction (personal information), two hides (off
topic) and an upheld appeal. Thirteen months ago: one hide, outside the report.
Waits for a first review: this month 1 h, 2 h, 3 h, 5 h (median 2 h 30 min); last month
1 h, 4 h, 6 h (median 4 h); all together 1, 1, 2, 3, 4, 5, 6 h (median 3 h).
"""

from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest

from engage.extensions import db
from engage.moderation.models import Appeal, Decision
from engage.moderation.report import moderation_report, month_label, report_months
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_thread import counting_queries
from tests.moderation.appeal_helpers import comment, flag, guidelines, page

H = timedelta(hours=1)


def _month_start(moment: datetime) -> datetime:
    return datetime(moment.year, moment.month, 1, tzinfo=UTC)


def _moments() -> tuple[datetime, datetime, datetime]:
    """Noon on the 1st of this month, on the 15th of last month, and 13 months ago."""
    this = _month_start(utcnow()) + 12 * H
    last = _month_start(this - timedelta(days=1)) + timedelta(days=14)
    old = _month_start(this - timedelta(days=380)) + timedelta(days=14)
    return this, last, old


class Fixtures:
    def __init__(self, moderator):
        guidelines()
        self.moderator = moderator
        self.policy = factories.make_policy(period="open")

    def decision(self, action, key, at, waited=None, previous="published", target=None, **kw):
        """A decision `at` a moment on a comment posted `waited` before (or on `target`)."""
        if target is None and waited is not None:
            target = comment(self.policy, status=previous)
            target.created_at = at - waited
        decision = Decision(
            comment_id=target.id if target else None,
            subject_user_id=kw.pop("subject", None),
            moderator_id=self.moderator.id,
            action=action,
            guideline_key=key,
            note="Private note for moderators",
            previous_status=previous if target else None,
            created_at=at,
        )
        db.session.add(decision)
        db.session.flush()
        return decision

    def appeal(self, decision, at, outcome="pending"):
        db.session.add(
            Appeal(decision_id=decision.id, body="Please", outcome=outcome, created_at=at)
        )
        db.session.flush()

    def flag_before(self, decision, waited):
        flag(decision.comment).created_at = decision.created_at - waited


def load(moderator) -> Fixtures:
    this, last, old = _moments()
    f = Fixtures(moderator)
    held = f.decision("hide", "harassment", this, 3 * H, previous="held")
    flagged = f.decision("hide", "harassment", this, 10 * H)
    f.flag_before(flagged, 1 * H)
    spam = f.decision("spam", "spam", this, 2 * H)
    flag(spam.comment).created_at = this + 1 * H  # flagged after the decision: no effect
    approved = f.decision("approve", "off_topic", this, 5 * H, previous="held")
    f.flag_before(approved, 1 * H)  # held comments wait from their posting, flagged or not
    f.decision("lock", "harassment", this, 1 * H)
    f.decision("suspend", "harassment", this, subject=factories.make_user().id)
    f.appeal(held, this + H)
    f.appeal(flagged, this + H, "upheld")
    f.appeal(spam, this + H, "reversed")
    redacted = f.decision("redact", "personal_information", last, 4 * H)
    f.appeal(redacted, last + H, "upheld")
    f.decision("hide", "off_topic", last, 6 * H)
    first = f.decision("hide", "off_topic", last, 1 * H)
    f.decision("restore", "off_topic", last + 2 * H, target=first.comment)
    f.decision("hide", "harassment", old, 2 * H)
    return f


@pytest.fixture
def months(ctx):
    return report_months()[:2]


def test_totals_by_reason_and_by_action(moderator, months):
    load(moderator)
    report = moderation_report()
    this, last = months
    assert report.by_reason.counts == {
        (this, "harassment"): 2,
        (this, "spam"): 1,
        (last, "personal_information"): 1,
        (last, "off_topic"): 2,
    }
    assert report.by_reason.keys == ["personal_information", "harassment", "spam", "off_topic"]
    assert report.by_action.counts == {
        (this, "hide"): 2,
        (this, "spam"): 1,
        (this, "approve"): 1,
        (this, "lock"): 1,
        (this, "suspend"): 1,
        (last, "redact"): 1,
        (last, "hide"): 2,
        (last, "restore"): 1,
    }
    assert report.by_action.month_total(this) == 6 and report.by_action.total == 10


def test_appeals_and_their_outcomes(moderator, months):
    load(moderator)
    appeals = moderation_report().appeals
    this, last = months
    assert [appeals.count(this, k) for k in appeals.keys] == [3, 1, 1, 1]
    assert [appeals.count(last, k) for k in appeals.keys] == [1, 0, 1, 0]
    assert appeals.keys == ["filed", "pending", "upheld", "reversed"]


def test_median_time_to_a_first_decision(moderator, months):
    load(moderator)
    report = moderation_report()
    this, last = months
    assert report.medians[this].decided == 4
    assert report.medians[this].seconds == pytest.approx(2.5 * 3600, abs=1)
    assert report.medians[last].decided == 3
    assert report.medians[last].seconds == pytest.approx(4 * 3600, abs=1)
    assert report.overall.decided == 7
    assert report.overall.seconds == pytest.approx(3 * 3600, abs=1)


def test_an_empty_report(ctx):
    report = moderation_report()
    assert report.by_action.total == 0 and report.overall.seconds is None
    assert report.months == report_months()[:1]


class Tables(HTMLParser):
    """Each table's rows (cell texts), by the table's id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.current, self.row, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.current = self.tables.setdefault(dict(attrs).get("id"), [])
        elif tag == "tr" and self.current is not None:
            self.row = []
            self.current.append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def _tables(html: str) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(html)
    return parser.tables


def test_the_page_shows_a_table_per_breakdown(client, moderator, months):
    load(moderator)
    response = client.get("/moderation/report")
    assert response.status_code == 200
    tables = _tables(page(response))
    this, last = (month_label(m) for m in months)
    by_reason = tables["table-by-reason"]
    assert by_reason[0] == [
        "Month",
        "Personal information",
        "Harassment",
        "Spam or advertising",
        "Off topic",
        "All reasons",
    ]
    assert by_reason[1] == [this, "0", "2", "1", "0", "3"]
    assert by_reason[2] == [last, "1", "0", "0", "2", "3"]
    assert by_reason[-1] == ["All months shown", "1", "2", "1", "2", "6"]
    assert tables["table-by-action"][1][0] == this
    assert tables["table-by-action"][1][-1] == "6"
    assert tables["table-appeals"][1] == [this, "3", "1", "1", "1"]
    assert tables["table-waits"][1] == [this, "4", "2 hours, 30 minutes"]
    assert tables["table-waits"][2] == [last, "3", "4 hours"]
    assert tables["table-waits"][-1] == ["All months shown", "7", "3 hours"]


def test_the_page_names_no_one(client, moderator):
    fixtures = load(moderator)
    html = page(client.get("/moderation/report"))
    assert moderator.display_name not in html and moderator.email not in html
    assert "Private note for moderators" not in html
    assert fixtures.policy.title not in html


def test_the_page_costs_the_same_queries_whatever_the_volume(client, moderator):
    load(moderator)
    client.get("/moderation/report")  # warm up: babel, templates
    with counting_queries() as small:
        client.get("/moderation/report")
    load(moderator)
    load(moderator)
    with counting_queries() as large:
        assert client.get("/moderation/report").status_code == 200
    assert large[0] == small[0]
    assert small[0] <= 10
