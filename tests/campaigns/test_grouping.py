"""The grouping rule on synthetic campaigns, without a database: what is and is not a copy."""

import random

import numpy as np
import pytest

from benchmarks.campaign_synthetic import (
    BOILERPLATE,
    Writer,
    corpus,
    edited_copy,
    labels_of,
    pair_score,
)
from engage.campaigns import fingerprints
from engage.campaigns.fingerprints import fingerprint, shingle_sets, similarity, words
from engage.campaigns.grouping import MemoryIndex, group_texts
from tests.campaigns.helpers import LETTER, OTHER_LETTER, text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_campaigns_are_recovered_pair_for_pair(seed):
    data = corpus([2, 3, 5, 8, 13, 40, 120], unique=300, seed=seed)

    score = pair_score(labels_of(group_texts(data.texts), len(data.texts)), data.truth)

    assert score.precision >= 0.95, score
    assert score.recall >= 0.95, score


def test_a_letter_with_a_name_a_greeting_and_a_signature_is_a_copy():
    copy = "Dear Commissioner,\n\n" + text(LETTER) + "\n\nSincerely,\nMaría Ortiz, Roslindale"
    copy = copy.replace("the people who run", "the officers who run")

    assert group_texts([text(LETTER), copy]) == [[0, 1]]


def test_a_changed_sentence_and_a_changed_paragraph_still_make_a_copy():
    changed = list(LETTER)
    changed[0] = "I drive for a living, and every shift I pass three of these readers."
    changed[2] = changed[2].replace("and log who searched", "and keep a record of who looked")

    assert group_texts([text(LETTER), text(changed)]) == [[0, 1]]


def test_reordered_paragraphs_make_a_copy():
    reordered = [LETTER[2], LETTER[0], LETTER[3], LETTER[1]]

    assert group_texts([text(LETTER), text(reordered)]) == [[0, 1]]


def test_different_letters_sharing_boilerplate_are_not_merged():
    writer = Writer(seed=7)
    heading, closing = BOILERPLATE[2], BOILERPLATE[1]
    different = [
        text([heading, writer.paragraph((2, 2)), closing, "Please see attached."]) for _ in range(6)
    ]
    different.append(text([heading, *LETTER, closing]))
    different.append(text([heading, *OTHER_LETTER, closing]))

    assert group_texts(different) == []


def test_short_texts_never_group_even_word_for_word():
    texts = ["Please see attached."] * 5 + ["See attached file(s)"] * 3 + ["No to this."] * 2

    assert group_texts(texts) == []


def test_exact_copies_of_a_short_but_substantive_text_group():
    short = "The city must delete plate reads that match no hot list within a day."
    assert len(words(short)) < fingerprints.MIN_SKETCH_WORDS

    assert group_texts([short, "Please see attached.", short.upper(), short]) == [[0, 2, 3]]


def test_two_short_texts_sharing_a_heading_are_not_copies():
    heading = BOILERPLATE[2] + " To the Commissioner of the department,"
    texts = [
        f"{heading} please do not cut the program, my family depends on it every month.",
        f"{heading} I support the rule as written and hope it passes without changes.",
    ]

    assert group_texts(texts) == []


def test_a_text_bridging_two_groups_merges_them():
    first = text(LETTER[:2] + OTHER_LETTER)
    second = text(LETTER[2:] + OTHER_LETTER)
    bridge = text(LETTER + OTHER_LETTER)

    assert group_texts([first, text(LETTER[:2] + OTHER_LETTER), second, second]) == [
        [0, 1],
        [2, 3],
    ]
    assert group_texts([first, first, second, second, bridge]) == [[0, 1, 2, 3, 4]]


def test_the_estimate_follows_the_true_jaccard_similarity():
    writer, errors = Writer(seed=3), []
    for _ in range(60):
        base = writer.letter()
        a, b = "\n\n".join(base), edited_copy(writer, base, exact_share=0)
        set_a, set_b = shingle_sets([words(a), words(b)])
        true = len(np.intersect1d(set_a, set_b)) / len(np.union1d(set_a, set_b))
        estimate = similarity(fingerprint(a).signature, fingerprint(b).signature[None, :])[0]
        errors.append(estimate - true)

    assert abs(np.mean(errors)) < 0.02
    assert np.max(np.abs(errors)) < 0.2


def test_fingerprints_are_stable_and_the_same_one_by_one_or_all_at_once():
    short = "The city must delete plate reads that match no hot list within a day."
    texts = [text(LETTER), text(OTHER_LETTER), "Too short.", short]
    together = fingerprints.fingerprints(texts)

    for alone, batch in zip([fingerprint(t) for t in texts], together, strict=True):
        assert alone.exact_key == batch.exact_key and alone.band_keys == batch.band_keys
    assert together[2].exact_key is None
    assert together[3].signature is None and together[3].exact_key is not None
    # Stored signatures must stay comparable: the first values never change.
    assert together[0].signature[:4].tolist() == EXPECTED_FIRST_VALUES


EXPECTED_FIRST_VALUES = [42368357, 1999521, 28105093, 33697920]


def test_a_big_campaign_answers_a_newcomer_with_a_bounded_set_of_candidates():
    writer = Writer(seed=11)
    base = writer.letter()
    index = MemoryIndex()
    for ref in range(400):
        index.add(ref, fingerprint(edited_copy(writer, base)))
    newcomer = fingerprint(edited_copy(writer, base, exact_share=0))

    entries = index.bucket_entries(newcomer.band_keys)

    assert len(index.groups()) == 1
    assert len(entries) <= fingerprints.BANDS * 3


def test_grouping_does_not_depend_on_the_random_module_state():
    data = corpus([3, 4], unique=20, seed=5)
    random.seed(1)
    first = group_texts(data.texts)
    random.seed(2)

    assert group_texts(data.texts) == first
