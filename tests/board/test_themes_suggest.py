"""Suggested themes: TF-IDF keyphrases over the period's comments, with no network."""

import socket

import pytest

from engage.board.compute import compute_summary
from engage.board.themes import Document, candidates, keyphrases, suggest_themes
from tests.board.summary_fixtures import add_comment, make_period, make_summary


def test_candidates_are_runs_of_up_to_three_words_without_stop_words():
    found = candidates("Delete the plate reads after 24 hours, please! See https://x.org/a.")
    assert set(found) >= {"delete", "plate", "plate read", "read", "hour"}
    assert "the plate" not in found and "the" not in found  # stop words end a phrase
    assert "read after" not in found
    assert "hours please" not in found  # punctuation ends a phrase
    assert not any("x.org" in phrase or "https" in phrase for phrase in found)
    assert "24" not in found  # numbers are not themes


def test_plurals_count_with_their_singular():
    found = candidates("License plate readers and a license plate reader.")
    assert found["license plate reader"] in ("license plate readers", "license plate reader")
    assert len([key for key in found if key.startswith("license plate")]) == 2  # + "license plate"


def test_a_phrase_many_people_use_ranks_first():
    voices = [Document("Facial recognition should be banned outright.")] * 3 + [
        Document("The retention period is too long."),
        Document("Shorten the retention period to 7 days."),
        Document("Who decides about facial recognition?"),
    ]
    phrases = keyphrases(voices, background=[])
    assert phrases[0] == {"phrase": "facial recognition", "count": 4}
    assert {"phrase": "retention period", "count": 2} in phrases


def test_words_every_comment_on_the_site_uses_sink():
    voices = [Document("Police cameras, and data sharing.")] * 4
    background = ["Police officers and police cameras."] * 50
    ranked = [p["phrase"] for p in keyphrases(voices, background)]
    assert ranked[0] == "data sharing"
    assert ranked.index("data sharing") < ranked.index("police cameras")


def test_a_campaign_counts_once_for_the_ranking_and_every_copy_in_the_count():
    voices = [
        Document("Ban facial recognition today.", comments=3000),
        Document("Keep the retention period short."),
        Document("A short retention period, please."),
        Document("Retention period of 7 days."),
    ]
    phrases = keyphrases(voices, background=[])
    assert phrases[0] == {"phrase": "retention period", "count": 3}
    assert all(p["phrase"] != "facial recognition" for p in phrases)  # one voice: not a theme


def test_a_phrase_one_person_used_is_not_suggested():
    assert keyphrases([Document("Drones over Chinatown at night.")], background=[]) == []


def test_overlapping_phrases_are_suggested_once_and_at_most_ten():
    words = "amber basil cedar delta ember fjord grove harbor indigo juniper kestrel lagoon"
    text = " ".join(f"{word} garden." for word in words.split())
    phrases = keyphrases([Document("license plate readers. " + text)] * 2, background=[])
    assert len(phrases) == 10
    licence = [p for p in phrases if "license" in p["phrase"] or "plate" in p["phrase"]]
    assert [p["phrase"] for p in licence] == ["license plate readers"]


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("suggested themes must not use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_the_summary_stores_the_period_suggestions(ctx, no_network):
    period = make_period()
    for text in (
        "Share nothing with ICE. No immigration enforcement with our plate data.",
        "Immigration enforcement must never get our data.",
        "I worry about immigration enforcement and the retention period.",
        "The retention period is fine.",
    ):
        add_comment(period, text)
    add_comment(period, "Immigration enforcement, immigration enforcement!", status="hidden")
    data = compute_summary(make_summary(period))
    assert data["suggested_themes"] == suggest_themes(period)
    first = data["suggested_themes"][0]
    assert first == {"phrase": "immigration enforcement", "count": 3}  # the hidden one not read
    assert {"phrase": "retention period", "count": 2} in data["suggested_themes"]
