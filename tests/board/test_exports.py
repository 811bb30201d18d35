"""Open data: a policy's published comments as CSV and JSON, exactly those, nothing personal;
hidden content for moderators only, with its status; unknown formats get a 400."""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from engage.audit import AuditEntry
from engage.board import exports
from engage.campaigns.models import Campaign
from engage.comments.models import Comment
from engage.extensions import db
from engage.sanitize import render_markdown
from tests import factories

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
FORMULA = '=HYPERLINK("http://evil.example","Click")'


@dataclass
class Setup:
    policy: object
    comments: dict[str, Comment] = field(default_factory=dict)
    emails: list[str] = field(default_factory=list)

    def ids(self, *names: str) -> set[int]:
        return {self.comments[name].id for name in names}


def add(policy, version, name: str, body: str, **fields) -> Comment:
    day = fields.pop("day", 1)
    comment = Comment(
        tracking_number=f"EXPORT-{name}-{policy.id}",
        policy_id=policy.id,
        version_id=version.id,
        body_md=body,
        body_html=render_markdown(body),
        created_at=datetime(2025, 3, day, 15, 0, tzinfo=UTC),
        received_at=datetime(2025, 3, day, 14, 30, tzinfo=UTC),
        **fields,
    )
    db.session.add(comment)
    db.session.flush()
    return comment


@pytest.fixture
def setup(ctx) -> Setup:
    """Hand-counted: 5 published comments (p1-p5) on the policy; h1 (hidden), q1 (held) and
    s1 (spam) for moderators only; w1 (withdrawn) never; x1 is another policy's."""
    policy = factories.make_policy(title="Drones", versions=2)
    v1, v2 = policy.versions[0], policy.versions[1]
    people = {
        name: factories.make_user(email=f"{name}@export.test", display_name=name.title())
        for name in ("alice", "bob", "carol", "dave", "erin", "staffer")
    }
    campaign = Campaign(policy_id=policy.id, size=1)
    db.session.add(campaign)
    db.session.flush()
    c = {}
    c["p1"] = add(
        policy,
        v1,
        "p1",
        "Keep footage **30 days** & no longer.",
        author_id=people["alice"].id,
        stance="oppose",
        section_key="data_retention",
        neighborhood="Dorchester",
        language="en",
        endorsement_count=3,
    )
    c["p2"] = add(
        policy,
        v2,
        "p2",
        "I agree.",
        author_id=people["bob"].id,
        show_name=False,
        parent_id=c["p1"].id,
        root_id=c["p1"].id,
        depth=1,
        day=2,
    )
    c["p3"] = add(
        policy,
        v2,
        "p3",
        "The city will review it.",
        author_id=people["staffer"].id,
        is_official_response=True,
        parent_id=c["p1"].id,
        root_id=c["p1"].id,
        depth=1,
        day=3,
    )
    c["p4"] = add(
        policy,
        v2,
        "p4",
        "Sent by post.",
        author_name="Maria",
        channel="letter",
        language="ht",
        stance="concerns",
        day=4,
    )
    c["p5"] = add(
        policy, v2, "p5", FORMULA, author_id=people["carol"].id, campaign_id=campaign.id, day=5
    )
    c["h1"] = add(
        policy,
        v2,
        "h1",
        "A HIDDEN insult.",
        author_id=people["dave"].id,
        status="hidden",
        moderation_reason="harassment",
        day=6,
    )
    c["q1"] = add(
        policy, v2, "q1", "A HELD comment.", author_id=people["erin"].id, status="held", day=7
    )
    c["s1"] = add(policy, v2, "s1", "SPAM cheap pills.", status="spam", day=8)
    c["w1"] = add(
        policy,
        v2,
        "w1",
        "A WITHDRAWN thought.",
        author_id=people["alice"].id,
        status="withdrawn",
        day=9,
    )
    other = factories.make_policy(title="Cameras")
    c["x1"] = add(
        other,
        other.current_version,
        "x1",
        "ANOTHER policy's comment.",
        author_id=people["alice"].id,
    )
    return Setup(policy, c, [user.email for user in people.values()])  # fmt: skip


PUBLISHED = ("p1", "p2", "p3", "p4", "p5")
FOR_MODERATORS = (*PUBLISHED, "h1", "q1", "s1")
NEVER = ("w1", "x1")


def rows_of(response) -> list[dict]:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def body_of(response) -> dict:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return json.loads(response.get_data(as_text=True))


def url(setup: Setup, fmt: str, query: str = "") -> str:
    return f"/policies/{setup.policy.slug}/comments.{fmt}{query}"


def test_csv_holds_exactly_the_published_comments(client, setup):
    response = client.get(url(setup, "csv"))
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    assert f"{setup.policy.slug}-comments.csv" in response.headers["Content-Disposition"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    rows = rows_of(response)
    assert len(rows) == 5
    assert {int(row["id"]) for row in rows} == setup.ids(*PUBLISHED)
    assert tuple(rows[0]) == exports.COLUMNS
    p1, p2, p3, p4, p5 = rows  # oldest first
    assert p1["id"] == str(setup.comments["p1"].id)
    assert p1["created_at"] == "2025-03-01T15:00:00Z"
    assert p1["received_at"] == "2025-03-01T14:30:00Z"
    assert (p1["version"], p2["version"]) == ("1", "2")
    assert (p1["section"], p1["stance"], p1["neighborhood"]) == ("data_retention", "oppose",
                                                                 "Dorchester")  # fmt: skip
    assert (p1["channel"], p1["language"], p1["endorsement_count"]) == ("web", "en", "3")
    assert p1["author"] == "Alice"
    assert p1["body_text"] == "Keep footage 30 days & no longer."
    assert p1["body_markdown"] == "Keep footage **30 days** & no longer."
    assert p1["parent_id"] == "" and p1["is_official_response"] == "false"
    assert p2["author"] == "Anonymous"  # chose not to show a name
    assert p2["parent_id"] == str(setup.comments["p1"].id)
    assert p3["is_official_response"] == "true"
    assert (p4["author"], p4["channel"], p4["language"]) == ("Maria", "letter", "ht")
    assert p5["campaign_id"] == str(setup.comments["p5"].campaign_id)
    assert "status" not in p1


def test_json_holds_the_same_comments_with_types(client, setup):
    response = client.get(url(setup, "json"))
    assert response.mimetype == "application/json"
    body = body_of(response)
    assert body["policy"] == setup.policy.slug
    assert body["includes_hidden"] is False
    assert body["columns"] == list(exports.COLUMNS)
    comments = body["comments"]
    assert [c["id"] for c in comments] == [setup.comments[name].id for name in PUBLISHED]
    first = comments[0]
    assert set(first) == set(exports.COLUMNS)
    assert first["version"] == 1 and first["endorsement_count"] == 3
    assert first["parent_id"] is None and first["is_official_response"] is False
    assert first["created_at"] == "2025-03-01T15:00:00Z"
    assert comments[1]["author"] == "Anonymous"
    assert comments[4]["body_text"] == FORMULA  # JSON is not a spreadsheet: kept as written


def exports_of(client, setup) -> dict[str, bytes]:
    return {
        f"{fmt}{query}": client.get(url(setup, fmt, query)).get_data()
        for fmt in exports.FORMATS
        for query in ("", "?include=hidden")
    }


def test_no_email_tracking_number_or_other_policy_in_any_export(client, login, setup, moderator):
    login(moderator)
    for name, data in exports_of(client, setup).items():
        text = data.decode()
        for email in setup.emails:
            assert email.encode() not in data, name
        assert not EMAIL.search(text), name
        assert b"EXPORT-" not in data, name  # tracking numbers are the author's receipts
        assert b"WITHDRAWN" not in data and b"ANOTHER" not in data, name


def test_public_exports_never_hold_hidden_held_or_spam_content(client, setup):
    for fmt in exports.FORMATS:
        data = client.get(url(setup, fmt)).get_data()
        for marker in (b"HIDDEN", b"HELD", b"SPAM", b"WITHDRAWN", b"harassment"):
            assert marker not in data, (fmt, marker)


def test_moderators_export_hidden_content_with_its_status(client, login, setup, moderator):
    login(moderator)
    response = client.get(url(setup, "csv", "?include=hidden"))
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "-with-hidden.csv" in response.headers["Content-Disposition"]
    rows = {int(row["id"]): row for row in rows_of(response)}
    assert set(rows) == setup.ids(*FOR_MODERATORS)
    status = {name: rows[setup.comments[name].id]["status"] for name in FOR_MODERATORS}
    assert status == {**dict.fromkeys(PUBLISHED, "published"), "h1": "hidden", "q1": "held",
                      "s1": "spam"}  # fmt: skip
    assert rows[setup.comments["h1"].id]["moderation_reason"] == "harassment"
    assert rows[setup.comments["h1"].id]["body_text"] == "A HIDDEN insult."
    body = body_of(client.get(url(setup, "json", "?include=hidden")))
    assert body["includes_hidden"] is True
    assert {c["id"] for c in body["comments"]} == setup.ids(*FOR_MODERATORS)
    assert all(set(c) == set(exports.columns(True)) for c in body["comments"])
    audited = db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.action == "comments.export_hidden")
    ).all()
    assert [(a.actor_id, a.target_id, a.detail) for a in audited] == [
        (moderator.id, str(setup.policy.id), {"format": "csv"}),
        (moderator.id, str(setup.policy.id), {"format": "json"}),
    ]


@pytest.mark.parametrize("role", ["resident", "staff", "board", "moderator", "admin"])
def test_who_may_export_hidden_content(client, login, setup, role):
    login(factories.make_user(role=role))
    response = client.get(url(setup, "csv", "?include=hidden"))
    allowed = role in ("moderator", "admin")
    assert response.status_code == (200 if allowed else 403)
    assert (b"A HIDDEN insult" in response.get_data()) is allowed
    assert client.get(url(setup, "csv")).status_code == 200  # the public export, for anyone


def test_signed_out_visitors_asking_for_hidden_content_are_sent_to_sign_in(client, setup):
    response = client.get(url(setup, "json", "?include=hidden"))
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    assert (
        db.session.scalar(
            db.select(AuditEntry).where(AuditEntry.action == "comments.export_hidden")
        )
        is None
    )


@pytest.mark.parametrize("fmt", ["xml", "CSV", "txt", "csv.exe", "jsonp", "xlsx"])
def test_unknown_formats_get_a_400(client, setup, fmt):
    response = client.get(url(setup, fmt))
    assert response.status_code == 400
    assert ".csv or .json" in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["?include=all", "?include=withdrawn", "?include=hidden,spam"])
def test_unknown_inclusions_get_a_400(client, login, setup, moderator, query):
    login(moderator)
    assert client.get(url(setup, "csv", query)).status_code == 400


def test_unknown_policies_404_and_the_atom_feed_is_untouched(client, setup):
    assert client.get("/policies/no-such-policy/comments.csv").status_code == 404
    assert client.get("/policies/no-such-policy/comments.xml").status_code == 404
    feed = client.get(url(setup, "atom"))
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"


def test_csv_cells_never_run_as_formulas(client, ctx):
    policy = factories.make_policy()
    author = factories.make_user(display_name="@SUM(A1:A9)")
    add(policy, policy.current_version, "f1", "-2+3 is my answer", author_id=author.id,
        neighborhood="=cmd|' /C calc'!A0")  # fmt: skip
    add(policy, policy.current_version, "f2", FORMULA, day=2)
    add(policy, policy.current_version, "f3", "+1 from me", day=3)
    rows = rows_of(client.get(f"/policies/{policy.slug}/comments.csv"))
    assert rows[0]["author"] == "'@SUM(A1:A9)"
    assert rows[0]["neighborhood"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["body_text"] == "'-2+3 is my answer"
    assert rows[1]["body_text"] == "'" + FORMULA
    assert rows[1]["body_markdown"] == "'" + FORMULA
    assert rows[2]["body_text"] == "'+1 from me"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())


def test_a_policy_without_comments_exports_headers_only(client, ctx):
    policy = factories.make_policy()
    assert rows_of(client.get(f"/policies/{policy.slug}/comments.csv")) == []
    text = client.get(f"/policies/{policy.slug}/comments.csv").get_data(as_text=True)
    assert text.splitlines() == [",".join(exports.COLUMNS)]
    assert body_of(client.get(f"/policies/{policy.slug}/comments.json"))["comments"] == []


def test_the_export_is_streamed_and_read_in_batches(client, setup, monkeypatch):
    statement = exports.export_statement(setup.policy.id, with_hidden=False)
    assert statement.get_execution_options()["yield_per"] == exports.BATCH
    # Batches of 2 and chunks of one row: the 5 comments still come out whole, in order.
    monkeypatch.setattr(exports, "BATCH", 2)
    monkeypatch.setattr(exports, "CHUNK", 1)
    for fmt in exports.FORMATS:
        response = client.get(url(setup, fmt))
        assert response.is_streamed
        if fmt == "csv":
            ids = [int(row["id"]) for row in rows_of(response)]
        else:
            ids = [c["id"] for c in body_of(response)["comments"]]
        assert ids == [setup.comments[name].id for name in PUBLISHED]


def test_chunks_hold_many_rows_but_never_all_of_them_at_once(monkeypatch):
    monkeypatch.setattr(exports, "CHUNK", 1_000)
    records = ({"id": n, "body": "x" * 100} for n in range(100))
    chunks = list(exports.csv_chunks(("id", "body"), records))
    assert 5 < len(chunks) < 100
    assert max(len(chunk) for chunk in chunks) < 1_300
    assert len("".join(chunks).splitlines()) == 101
    pieces = list(exports.json_chunks({"a": 1}, ({"id": n} for n in range(500))))
    assert len(pieces) > 2
    assert json.loads("".join(pieces)) == {"a": 1, "comments": [{"id": n} for n in range(500)]}
