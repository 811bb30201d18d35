"""Bulk entry of comments received offline from a CSV file: the staff page and the CLI."""

import csv
import html
import io
import re
from datetime import timedelta

import pytest

from engage.comments import staff_forms
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_offline import audits, comments_of, local, policy_with_period

HEADER = ["text", "author_name", "received_at", "language", "neighborhood"]


def csv_bytes(*rows, header=HEADER) -> bytes:
    """A CSV file as a spreadsheet saves it (with a byte-order mark, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def yesterday() -> str:
    return local(utcnow() - timedelta(days=1)).replace("T", " ")


def letters() -> bytes:
    """Eight data rows (rows 2 to 9): three good, then one fault of each kind."""
    day = yesterday()
    return csv_bytes(
        ["Please **do not** keep the footage.", "Ana Silva", day, "pt-BR", "Dorchester"],
        ["Same letter as my neighbours.", "", day, "en", ""],
        ["Same letter as my neighbours.", "", day, "en", ""],
        ["", "Empty Letter", day, "en", ""],
        ["x" * 5001, "Too Long", day, "en", ""],
        ["A letter with a bad date.", "", "next Tuesday", "en", ""],
        ["A letter in Klingon.", "", day, "tlh", ""],
        ["A letter from nowhere.", "", day, "en", "Atlantis"],
    )


EXPECTED_REJECTIONS = [
    (5, "The text is empty."),
    (6, "Comments can be up to 5000 characters; this one has 5001."),
    (7, "received_at is not a date like 2026-03-05 or 2026-03-05 14:30."),
    (8, "The language “tlh” is not one of the city's languages."),
    (9, "The neighborhood “Atlantis” is not on the city's list."),
]


@pytest.fixture
def policy(ctx):
    return policy_with_period("open", title="Body-worn cameras")


# The staff page ----------------------------------------------------------------------------


@pytest.fixture
def as_staff(client, login, staff):
    login(staff)
    return client


def _url(policy) -> str:
    return f"/staff/policies/{policy.slug}/comments/import"


def upload(client, policy, content: bytes, channel: str = "letter", name: str = "letters.csv"):
    data = {"file": (io.BytesIO(content), name), "channel": channel}
    response = client.post_form(_url(policy), data, content_type="multipart/form-data")
    return response, html.unescape(response.get_data(as_text=True))


def test_the_import_page_explains_the_file(as_staff, policy):
    response = as_staff.get(_url(policy))
    page = html.unescape(response.get_data(as_text=True))

    assert response.status_code == 200
    assert "<h1>Import comments received offline</h1>" in page
    assert 'enctype="multipart/form-data"' in page
    for column in HEADER:
        assert f"<dt><code>{column}</code></dt>" in page
    assert 'type="file"' in page
    assert re.search(r'value="letter"[^>]*checked|checked[^>]*value="letter"', page)


def test_an_upload_reports_counts_and_every_rejected_row(as_staff, staff, policy):
    response, page = upload(as_staff, policy, letters())

    assert response.status_code == 200
    assert "3 comments imported and published." in page
    assert "0 rows were already imported" in page
    assert "5 rows were rejected." in page
    for number, reason in EXPECTED_REJECTIONS:
        assert re.search(rf'<th scope="row">{number}</th><td>{re.escape(reason)}</td>', page), (
            number
        )
    stored = comments_of(policy)
    assert [c.body_md for c in stored] == [
        "Please **do not** keep the footage.",
        "Same letter as my neighbours.",
        "Same letter as my neighbours.",
    ]
    first = stored[0]
    assert first.public_author == "Ana Silva"
    assert first.language == "pt-BR"
    assert first.neighborhood == "Dorchester"
    assert first.channel == "letter"
    assert first.status == "published"
    assert first.entered_by_id == staff.id
    assert stored[1].public_author is None
    [entry] = audits("comment.import")
    assert entry.actor_id == staff.id
    assert entry.detail["imported"] == 3
    assert entry.detail["rejected"] == 5
    assert [e.actor_id for e in audits("comment.enter")] == [staff.id] * 3


def test_uploading_the_same_file_again_imports_nothing_twice(as_staff, policy):
    upload(as_staff, policy, letters())
    response, page = upload(as_staff, policy, letters(), channel="email")

    assert response.status_code == 200
    assert "0 comments imported and published." in page
    assert "3 rows were already imported from this file" in page
    assert "5 rows were rejected." in page  # still wrong, still reported
    assert len(comments_of(policy)) == 3


def test_the_channel_is_recorded(as_staff, policy):
    upload(as_staff, policy, csv_bytes(["Told us on the phone.", "", yesterday(), "", ""]), "phone")
    [comment] = comments_of(policy)
    assert comment.channel == "phone"
    assert comment.language is None


def test_a_date_in_city_time_is_stored_as_utc(as_staff, policy):
    moment = (utcnow() - timedelta(days=1)).replace(second=0, microsecond=0)
    upload(as_staff, policy, csv_bytes(["On time.", "", local(moment).replace("T", " "), "", ""]))
    [comment] = comments_of(policy)
    assert comment.received_at == moment


def test_rows_received_after_the_close_are_refused_without_late_acceptance(as_staff, ctx):
    policy = policy_with_period("closed")
    period = policy.current_version.periods[0]
    during = local(period.closes_at - timedelta(days=2)).replace("T", " ")
    content = csv_bytes(["In time.", "", during, "", ""], ["Too late.", "", yesterday(), "", ""])
    _, page = upload(as_staff, policy, content)

    assert "1 comment imported and published." in page
    assert re.search(r"<th[^>]*>3</th><td>That date is after the comment period closed.</td>", page)
    assert [c.body_md for c in comments_of(policy)] == ["In time."]


def test_rows_after_the_close_are_marked_late_when_the_period_accepts_them(as_staff, ctx):
    policy = policy_with_period("closed", accepts_late=True)
    upload(as_staff, policy, csv_bytes(["Too late, but heard.", "", yesterday(), "", ""]))
    [comment] = comments_of(policy)
    assert comment.is_late is True


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Zürich".encode("latin-1") + b",x\n", "The file is not a CSV file saved as UTF-8."),
        (b"body,author_name\nHello,Ana\n", "The file needs a 'text' column."),
        (b"", "The file needs a 'text' column."),
    ],
)
def test_a_file_that_is_not_the_expected_csv_is_refused(as_staff, policy, content, message):
    response, page = upload(as_staff, policy, content)

    assert response.status_code == 400
    assert message in page
    assert 'href="#file"' in page
    assert comments_of(policy) == []
    assert audits("comment.import") == []


def test_an_upload_without_a_file_is_refused(as_staff, policy):
    response = as_staff.post_form(_url(policy), {"channel": "letter"})
    assert response.status_code == 400
    assert "Choose a CSV file." in response.get_data(as_text=True)


def test_a_file_too_large_is_refused(as_staff, policy, monkeypatch):
    # The limit is 5 MB; a smaller one here keeps the test client's upload in memory.
    monkeypatch.setattr(staff_forms, "MAX_IMPORT_BYTES", 2000)
    response, page = upload(as_staff, policy, csv_bytes(*[["y" * 100, "", "", "", ""]] * 30))
    assert response.status_code == 400
    assert "larger than 5 MB" in page
    assert comments_of(policy) == []


@pytest.mark.parametrize("role", ["resident", "moderator", "board"])
def test_only_staff_may_import(client, login, policy, role):
    login(factories.make_user(role=role))
    assert client.get(_url(policy)).status_code == 403
    response, _ = upload(client, policy, letters())
    assert response.status_code == 403
    assert comments_of(policy) == []


def test_the_upload_needs_the_csrf_token(as_staff, policy):
    data = {"file": (io.BytesIO(letters()), "letters.csv"), "channel": "letter"}
    response = as_staff.post(_url(policy), data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert comments_of(policy) == []


# flask engage import-comments ----------------------------------------------------------------


@pytest.fixture
def run(app, tmp_path):
    """`run(policy_slug, content_or_path, *options)` runs the command; returns the result."""
    runner = app.test_cli_runner()

    def invoke(slug: str, content: bytes | str, *options: str):
        path = content
        if isinstance(content, bytes):
            path = tmp_path / "letters.csv"
            path.write_bytes(content)
        return runner.invoke(args=["engage", "import-comments", slug, str(path), *options])

    return invoke


def test_the_command_imports_and_reports_rejected_rows(run, policy):
    result = run(policy.slug, letters())

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "imported 3, already imported 0, rejected 5"
    assert lines[1:] == [f"row {number}: {reason}" for number, reason in EXPECTED_REJECTIONS]
    stored = comments_of(policy)
    assert len(stored) == 3
    assert {c.channel for c in stored} == {"letter"}  # the default
    assert {c.entered_by_id for c in stored} == {None}  # a system import: no one signed in


def test_the_command_acts_as_the_system_in_the_audit_log(run, policy):
    run(policy.slug, letters())

    [entry] = audits("comment.import")
    assert entry.actor_id is None
    assert entry.target_type == "policy"
    assert entry.target_id == str(policy.id)
    assert entry.detail["imported"] == 3
    assert len(entry.detail["sha256"]) == 64
    assert [e.actor_id for e in audits("comment.enter")] == [None] * 3


def test_running_the_command_again_imports_nothing_twice(run, policy):
    run(policy.slug, letters())
    result = run(policy.slug, letters())

    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "imported 0, already imported 3, rejected 5"
    assert len(comments_of(policy)) == 3


def test_identical_letters_in_different_rows_are_separate_comments(run, policy):
    letter = ["Stop the cameras.", "", yesterday(), "en", ""]
    result = run(policy.slug, csv_bytes(letter, letter, letter))

    assert result.output.splitlines() == ["imported 3, already imported 0, rejected 0"]
    assert [c.body_md for c in comments_of(policy)] == ["Stop the cameras."] * 3


def test_a_file_with_one_more_row_imports_that_row_only_once(run, policy):
    letter = ["Stop the cameras.", "", yesterday(), "en", ""]
    run(policy.slug, csv_bytes(letter))
    # A changed file is a new file: each of its rows is imported (the hint on the staff page).
    result = run(policy.slug, csv_bytes(letter, ["Another.", "", yesterday(), "", ""]))
    assert result.output.splitlines()[0] == "imported 2, already imported 0, rejected 0"


def test_the_command_takes_the_channel(run, policy):
    result = run(
        policy.slug, csv_bytes(["Said at the meeting.", "", "", "", ""]), "--channel", "meeting"
    )

    assert result.exit_code == 0, result.output
    [comment] = comments_of(policy)
    assert comment.channel == "meeting"


def test_an_unknown_channel_is_a_usage_error(run, policy):
    result = run(policy.slug, letters(), "--channel", "web")
    assert result.exit_code == 2
    assert "Invalid value for '--channel'" in result.output
    assert comments_of(policy) == []


def test_an_unknown_policy_is_an_error(run, ctx):
    result = run("no-such-policy", letters())
    assert result.exit_code == 1
    assert "No policy has the slug 'no-such-policy'." in result.output


def test_a_missing_file_is_an_error(run, policy, tmp_path):
    result = run(policy.slug, str(tmp_path / "nowhere.csv"))
    assert result.exit_code == 1
    assert "Can't read" in result.output
    assert "nowhere.csv" in result.output


def test_a_file_that_is_not_utf8_csv_is_an_error(run, policy):
    result = run(policy.slug, b"\xff\xfe\x00t\x00e\x00x\x00t")
    assert result.exit_code == 1
    assert "The file is not a CSV file saved as UTF-8." in result.output
    assert comments_of(policy) == []


def test_rows_after_a_close_without_late_acceptance_are_refused_by_the_command(run, ctx):
    policy = policy_with_period("closed")
    result = run(policy.slug, csv_bytes(["Too late.", "", "", "", ""]))

    assert result.output.splitlines() == [
        "imported 0, already imported 0, rejected 1",
        "row 2: That date is after the comment period closed.",
    ]
    assert comments_of(policy) == []
