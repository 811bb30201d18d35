"""Synthetic comments for grouping tests and the campaign benchmark, and pair scoring.

Letters are made of pseudo-words (a fixed vocabulary plus common English function words), so
unrelated letters share only the everyday phrases real letters share. A campaign is a base
letter sent many times, each copy edited the ways people edit form letters: a greeting, a
signature with a name, a personal sentence, a changed sentence or paragraph, paragraphs in
another order. Around them: letters that differ but share boilerplate (a heading, a closing,
"Please see attached."), short unique comments, and short ones repeated word for word.
"""

import random
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

FUNCTION_WORDS = (
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "for",
    "it",
    "on",
    "with",
    "as",
    "this",
    "be",
    "are",
    "not",
    "by",
    "at",
    "from",
    "or",
    "have",
    "we",
    "our",
    "will",
    "should",
    "would",
    "my",
    "i",
    "you",
    "they",
    "their",
    "city",
    "police",
    "data",
    "policy",
    "department",
    "people",
    "please",
    "use",
    "any",
    "all",
    "can",
    "more",
    "who",
    "when",
    "what",
    "must",
    "no",
    "do",
)
SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ne",
    "su",
    "ra",
    "te",
    "vo",
    "pi",
    "da",
    "ge",
    "ru",
    "ba",
    "si",
    "on",
    "el",
    "an",
    "ir",
    "ust",
    "ent",
    "ive",
    "ure",
    "ous",
)
FIRST_NAMES = (
    "Ana",
    "Ben",
    "Carla",
    "Dev",
    "Esme",
    "Farid",
    "Gia",
    "Hugo",
    "Ines",
    "Jamal",
    "Kira",
    "Luis",
    "Mei",
    "Nadia",
    "Omar",
)
LAST_NAMES = (
    "Reyes",
    "Okafor",
    "Chen",
    "Silva",
    "Murphy",
    "Nguyen",
    "Haddad",
    "Walsh",
    "Costa",
    "Park",
    "Diallo",
    "Rossi",
)
GREETINGS = (
    "Dear Council members,",
    "To whom it may concern:",
    "Hello,",
    "Dear Commissioner,",
    "Good afternoon,",
)
CLOSINGS = ("Sincerely,", "Thank you,", "Best regards,", "Respectfully,", "")
BOILERPLATE = (
    "Please see attached.",
    "Thank you for the opportunity to comment on this proposal and for considering my views.",
    "Docket notice: the personal information of this commenter was removed before publication.",
)
SHORT = (
    "Please see attached.",
    "See attached file(s)",
    "I support this policy.",
    "No to this.",
    "Agree with the previous comment.",
    "Thank you for listening.",
)


class Writer:
    """Random prose from one seeded generator: sentences, paragraphs, letters, names."""

    def __init__(self, seed: int, vocabulary: int = 4000):
        self.random = random.Random(seed)  # noqa: S311 - made-up letters, not secrets
        self.vocabulary = [self._word() for _ in range(vocabulary)]

    def _word(self) -> str:
        return "".join(self.random.choices(SYLLABLES, k=self.random.randint(2, 4)))

    def word(self) -> str:
        if self.random.random() < 0.35:
            return self.random.choice(FUNCTION_WORDS)
        # A skewed pick: some words are common, most are rare, as in real text.
        return self.vocabulary[int(len(self.vocabulary) * self.random.random() ** 2.5)]

    def sentence(self) -> str:
        text = " ".join(self.word() for _ in range(self.random.randint(8, 20)))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: tuple[int, int] = (2, 4)) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randint(*sentences)))

    def letter(self, paragraphs: tuple[int, int] = (4, 6)) -> list[str]:
        return [self.paragraph() for _ in range(self.random.randint(*paragraphs))]

    def name(self) -> str:
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"


def edited_copy(writer: Writer, base: list[str], exact_share: float = 0.3) -> str:
    """One person's copy of a form letter: unchanged, or with a few personal edits."""
    rnd = writer.random
    paragraphs = list(base)
    if rnd.random() >= exact_share:
        edits = rnd.sample(("sentence", "paragraph", "reorder", "personal"), k=rnd.randint(1, 2))
        if "sentence" in edits:
            _change_sentence(writer, paragraphs)
        if "paragraph" in edits:
            paragraphs[rnd.randrange(len(paragraphs))] = writer.paragraph()
        if "reorder" in edits:
            rnd.shuffle(paragraphs)
        if "personal" in edits:
            paragraphs.insert(rnd.randint(0, len(paragraphs)), writer.sentence())
        if rnd.random() < 0.6:
            paragraphs.insert(0, rnd.choice(GREETINGS))
        if rnd.random() < 0.7:
            paragraphs.append(f"{rnd.choice(CLOSINGS)}\n{writer.name()}".strip())
    return "\n\n".join(paragraphs)


def _change_sentence(writer: Writer, paragraphs: list[str]) -> None:
    index = writer.random.randrange(len(paragraphs))
    sentences = paragraphs[index].split(". ")
    sentences[writer.random.randrange(len(sentences))] = writer.sentence().rstrip(".")
    paragraphs[index] = ". ".join(sentences)


@dataclass
class Corpus:
    """Texts and, for each, its true campaign (None: a comment of its own)."""

    texts: list[str] = field(default_factory=list)
    truth: list[Hashable | None] = field(default_factory=list)

    def add(self, text: str, campaign: Hashable | None) -> None:
        self.texts.append(text)
        self.truth.append(campaign)

    def shuffled(self, seed: int) -> "Corpus":
        order = list(range(len(self.texts)))
        random.Random(seed).shuffle(order)  # noqa: S311
        return Corpus([self.texts[i] for i in order], [self.truth[i] for i in order])


def corpus(
    campaign_sizes: Iterable[int], unique: int, seed: int = 1, short: int | None = None
) -> Corpus:
    """Campaigns of the given sizes, `unique` letters of their own (a third sharing
    boilerplate), `short` short comments (repeated word for word; default a tenth of
    `unique`), and exact copies of two substantive letters; in random order."""
    writer, result = Writer(seed), Corpus()
    for number, size in enumerate(campaign_sizes):
        base = writer.letter()
        for _ in range(size):
            result.add(edited_copy(writer, base), f"campaign-{number}")
    for n in range(unique):
        letter = writer.letter(paragraphs=(1, 4))
        if n % 3 == 0:  # different letters sharing a boilerplate heading or closing
            letter.insert(0 if n % 2 else len(letter), BOILERPLATE[n % len(BOILERPLATE)])
        result.add("\n\n".join(letter), None)
    for n in range(max(unique // 10, 12) if short is None else short):
        result.add(SHORT[n % len(SHORT)], None)  # short, repeated: never a campaign
    for number in range(2):  # a substantive text sent word for word: a campaign
        text = writer.paragraph(sentences=(3, 3))
        for _ in range(3):
            result.add(text, f"exact-{number}")
    return result.shuffled(seed)


# Scoring ------------------------------------------------------------------------------------


def _pairs(labels: Iterable[Hashable | None]) -> int:
    counts = Counter(label for label in labels if label is not None)
    return sum(n * (n - 1) // 2 for n in counts.values())


@dataclass(frozen=True)
class PairScore:
    precision: float  # of the pairs put together, the share that belong together
    recall: float  # of the pairs that belong together, the share put together
    predicted: int
    true: int


def pair_score(predicted: list[Hashable | None], truth: list[Hashable | None]) -> PairScore:
    """Pair precision and recall of a grouping against the truth (None: in no group)."""
    both = _pairs(
        (p, t) if p is not None and t is not None else None
        for p, t in zip(predicted, truth, strict=True)
    )
    guessed, real = _pairs(predicted), _pairs(truth)
    precision = both / guessed if guessed else 1.0
    return PairScore(precision, both / real if real else 1.0, guessed, real)


def labels_of(groups: list[list[int]], count: int) -> list[int | None]:
    """Per position, the group it was put in (its first member), None when in none."""
    labels: list[int | None] = [None] * count
    for group in groups:
        for ref in group:
            labels[ref] = group[0]
    return labels
