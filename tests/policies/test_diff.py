"""Comparing two versions: the pure diff, and the page that shows it."""

import pytest

from engage.policies.diff import (
    DELETE,
    EQUAL,
    INSERT,
    SectionChange,
    Segment,
    diff_sections,
    diff_text,
    tokenize,
)
from tests import factories
from tests.policies.conftest import page, publish

# The pure functions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "One two.", "  spaced\n\nout  ", "**90 days** (or more)", "naïve café, ok"]
)
def test_tokens_join_back_into_the_text(text):
    assert "".join(tokenize(text)) == text


def test_tokens_are_words_spaces_and_punctuation():
    assert tokenize("Kept 90 days.") == ["Kept", " ", "90", " ", "days", "."]


def test_identical_text_is_one_equal_segment():
    assert diff_text("Kept 90 days.", "Kept 90 days.") == [Segment(EQUAL, "Kept 90 days.")]


def changes(old: str, new: str) -> list[tuple[str, str]]:
    return [(s.op, s.text.strip()) for s in diff_text(old, new) if s.op != EQUAL]


def test_an_insertion():
    assert changes("Kept 90 days.", "Kept 90 calendar days.") == [(INSERT, "calendar")]


def test_a_deletion():
    assert changes("Kept for 90 days.", "Kept 90 days.") == [(DELETE, "for")]


def test_a_replacement_is_a_deletion_then_an_insertion():
    assert changes("Kept 90 days, then deleted.", "Kept 30 days, then deleted.") == [
        (DELETE, "90"),
        (INSERT, "30"),
    ]
    assert diff_text("Kept 90 days.", "Kept 30 days.") == [
        Segment(EQUAL, "Kept "),
        Segment(DELETE, "90"),
        Segment(INSERT, "30"),
        Segment(EQUAL, " days."),
    ]


def test_neighbouring_changes_read_as_one_phrase():
    segments = diff_text("The quick brown fox", "A slow brown fox")
    assert segments[:2] == [Segment(DELETE, "The quick"), Segment(INSERT, "A slow")]


def test_spacing_only_changes_are_not_marked():
    assert [s.op for s in diff_text("a  b\n\nc", "a b\nc")] == [EQUAL]


def test_from_and_to_empty_text():
    assert diff_text("", "New words") == [Segment(INSERT, "New words")]
    assert diff_text("Old words", "") == [Segment(DELETE, "Old words")]
    assert diff_text("", "") == []


def test_applying_the_segments_gives_both_texts_back():
    old = "Data is kept 90 days, then deleted. Officers may view it."
    new = "Data is kept 30 days, then deleted unless flagged. Supervisors may view it."
    segments = diff_text(old, new)
    assert "".join(s.text for s in segments if s.op != INSERT) == old
    assert "".join(s.text for s in segments if s.op != DELETE) == new


def test_sections_added_removed_changed_and_unchanged_in_configured_order():
    old = {"purpose": "Same.", "training": "Yearly.", "data_retention": "90 days."}
    new = {"data_retention": "30 days.", "purpose": "Same.", "auditing_oversight": "Audits."}
    order = ("purpose", "data_retention", "training", "auditing_oversight")
    result = diff_sections(old, new, order)
    assert [(d.key, d.change) for d in result] == [
        ("purpose", SectionChange.UNCHANGED),
        ("data_retention", SectionChange.CHANGED),
        ("training", SectionChange.REMOVED),
        ("auditing_oversight", SectionChange.ADDED),
    ]
    assert result[2].segments == [Segment(DELETE, "Yearly.")]
    assert result[3].segments == [Segment(INSERT, "Audits.")]
    assert (result[1].insertions, result[1].deletions) == (1, 1)


def test_sections_outside_the_configuration_come_last():
    result = diff_sections({"zz_local": "a"}, {"zz_local": "b", "purpose": "p"}, ("purpose",))
    assert [d.key for d in result] == ["purpose", "zz_local"]


def test_a_spacing_only_change_counts_as_unchanged():
    [section] = diff_sections({"purpose": "a  b"}, {"purpose": "a b"})
    assert section.change == SectionChange.UNCHANGED


# The page ------------------------------------------------------------------------------------

URL = "/policies/camera-policy/diff"


@pytest.fixture
def policy(ctx):
    policy = factories.make_policy(
        "Camera policy",
        sections={
            "purpose": "To document encounters.",
            "data_retention": "Footage is kept for 90 days.",
            "training": "Officers train <b>yearly</b>.",
        },
    )
    publish(
        policy,
        {
            "purpose": "To document encounters.",
            "data_retention": "Footage is kept for 30 days unless flagged.",
            "auditing_oversight": "The board audits access twice a year.",
        },
        "Shorter retention; training moved to a separate policy",
    )
    return policy


def test_marks_insertions_and_deletions_with_words_for_screen_readers(client, policy):
    response = client.get(f"{URL}?from=1&to=2")
    assert response.status_code == 200
    text = page(response)
    assert '<del class="engage-diff"><span class="usa-sr-only">removed: </span>90</del>' in text
    assert '<ins class="engage-diff"><span class="usa-sr-only">added: </span>30</ins>' in text
    assert '<span class="usa-sr-only">added: </span> unless flagged</ins>' in text
    assert 'id="diff-data_retention"' in text


def test_labels_whole_sections_and_collapses_unchanged_ones(client, policy):
    text = page(client.get(f"{URL}?from=1&to=2"))
    assert "Section added in version 2." in text
    assert "Section removed in version 2." in text
    assert "The board audits access twice a year." in text
    purpose = text[text.index('id="diff-purpose"') : text.index('id="diff-data_retention"')]
    assert "No changes." in purpose
    assert "To document encounters." not in purpose
    assert "2 sections changed:" not in text
    assert "3 sections changed:" in text


def test_shows_both_change_summaries_and_escapes_the_text(client, policy):
    text = page(client.get(f"{URL}?from=1&to=2"))
    assert "First published version." in text
    assert "Change summary: Shorter retention; training moved to a separate policy" in text
    assert "&lt;b&gt;yearly&lt;/b&gt;" in text
    assert "<b>yearly</b>" not in text
    assert 'class="usa-breadcrumb"' in text


def test_the_picker_is_a_get_form_with_the_chosen_versions(client, policy):
    text = page(client.get(f"{URL}?from=1&to=2"))
    assert 'method="get"' in text
    assert 'for="diff-from">From version</label>' in text
    assert 'for="diff-to">To version</label>' in text
    assert '<option value="2" selected>' in text


def test_compares_backwards_too(client, policy):
    text = page(client.get(f"{URL}?from=2&to=1"))
    assert '<span class="usa-sr-only">added: </span>90</ins>' in text
    assert "Section added in version 1." in text


def test_without_versions_compares_the_previous_with_the_current(client, policy):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Changes from version 1 to version 2" in page(response)


def test_a_policy_with_one_version_has_nothing_to_compare(client, ctx):
    factories.make_policy("Camera policy")
    response = client.get(URL)
    assert response.status_code == 200
    assert "This policy has only one version so far." in page(response)


@pytest.mark.parametrize(
    "query",
    [
        "from=1",
        "to=2",
        "from=abc&to=2",
        "from=1&to=9",
        "from=&to=",
        "from=-1&to=2",
        "from=1.5&to=2",
    ],
)
def test_bad_versions_are_a_400_with_a_clear_message(client, policy, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    text = page(response)
    assert "Choose two versions of this policy to compare." in text
    # The picker offers the previous and the current version instead.
    assert '<option value="1" selected>' in text
    assert '<option value="2" selected>' in text


def test_the_same_version_twice_asks_for_two_different_ones(client, policy):
    response = client.get(f"{URL}?from=2&to=2")
    assert response.status_code == 400
    assert "Choose two different versions to compare." in page(response)


def test_v_prefixed_numbers_are_accepted(client, policy):
    assert client.get(f"{URL}?from=v1&to=v2").status_code == 200


def test_diff_of_an_unknown_policy_is_404(client, ctx):
    assert client.get("/policies/nothing/diff?from=1&to=2").status_code == 404
