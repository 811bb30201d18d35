"""Suggested themes: TF-IDF keyphrases over a period's comments (no network, no model).

Candidates are runs of 1 to 3 words inside a phrase, with no stop word in them (punctuation
and stop words end a phrase, as in RAKE). Each candidate is scored by TF-IDF: how many voices
in the period use it (each individual comment, and each campaign once, so 3,000 copies of one
letter don't outvote 40 people), times its inverse document frequency over those voices plus
a background of other comments (the policy's other periods and other policies), so words
every comment on the site uses ("police", "city") sink. Longer phrases get a small bonus,
and a phrase overlapping a better one is left out. `count` is the number of comments using
the phrase (a campaign's copies each count, as in every other number of the summary).
"""

import math
import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func

from engage.board.counting import counted
from engage.comments.models import Comment, CommentStatus
from engage.extensions import db
from engage.policies.models import CommentPeriod

TOP = 10
MIN_VOICES = 2  # a phrase one person used is not a theme
MAX_VOICES = 50_000  # the most recent ones, beyond that (a cap on the job's time)
BACKGROUND = 5_000
MAX_TEXT = 4_000  # characters of each comment read
LONGER_PHRASE_BONUS = 1.0

_URL = re.compile(r"(?:https?://|www\.)\S+")
# A word (letters, inner apostrophes and hyphens), or what ends a phrase: punctuation, a
# dash between spaces, underscores. Digits are neither: "24 hours" keeps "hours".
_TOKEN = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*|[^\w\s'-]+|\s[-\u2013\u2014]+\s|_+")
_APOSTROPHE = "\u2019"

_STOP_WORD_TEXT = """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each even ever every few for from further get gets got had
    hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
    himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its itself
    just let's like many may me might more most much must mustn't my myself need needs no nor
    not now of off on once one only or other ought our ours ourselves out over own per please
    rather really same say says shan't she she'd she'll she's should shouldn't since so some
    still such than thank thanks that that's the their theirs them themselves then there
    there's these they they'd they'll they're they've thing things think this those though
    through to too under until up upon us use used very want was wasn't way we we'd we'll we're
    we've well were weren't what what's when when's where where's whether which while who
    who's whom why why's will with within without won't would wouldn't yes yet you you'd you'll
    you're you've your yours yourself yourselves also already always another anyone anything
    around back else enough etc going know lot make makes made new nothing sure take two
    el la los las un una unos unas de del al y o que en por para con sin es son está están
    este esta estos estas ese esa lo le les se su sus mi mis tu yo nosotros muy más pero como
    porque también ya hay ser fue han sobre entre cuando donde quien
    o os a as um uma de do da dos das em no na nos nas e ou que por para com sem é são não
    mais mas como porque também já há ser foi seu sua
    le la les un une des du de et ou que qui dans en pour par avec sans est sont ce cette ces
    ne pas plus mais comme aussi je nous vous il elle ils elles son sa ses
    mwen nou ou li yo ak nan pou se ki pa sa yon
    see time day days week weeks month months year years said asked ask asks told tell good
    bad better best long little part point question questions answer answers comment
    comments policy policies city department version section people person someone
    keep look something everything
"""
STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())


@dataclass(frozen=True)
class Document:
    text: str
    comments: int = 1  # how many comments it stands for (a campaign: its copies)


def suggest_themes(period: CommentPeriod) -> list[dict]:
    """The period's top keyphrases: [{"phrase", "count"}], best first."""
    return keyphrases(_voices(period.id), _background(period.id))


def keyphrases(voices: list[Document], background: list[str], top: int = TOP) -> list[dict]:
    """TF-IDF keyphrases of `voices` against `background` (both plain texts)."""
    voice_frequency: Counter[str] = Counter()
    copies: Counter[str] = Counter()  # beyond one per voice: a campaign's other copies
    spellings: dict[str, Counter[str]] = {}  # only where a phrase was written as a plural
    for document in voices:
        found = candidates(document.text)
        voice_frequency.update(found.keys())
        if document.comments > 1:
            for key in found:
                copies[key] += document.comments - 1
        for key, written in [item for item in found.items() if item[0] != item[1]]:
            spellings.setdefault(key, Counter())[written] += 1
    background_frequency: Counter[str] = Counter()
    for text in background:
        background_frequency.update(candidates(text).keys() & voice_frequency.keys())
    total = len(voices) + len(background)
    scored = sorted(
        (-_score(n, background_frequency[key], total, key), key)
        for key, n in voice_frequency.items()
        if n >= MIN_VOICES
    )
    chosen: list[str] = []
    for _rank, key in scored:
        if len(chosen) == top:
            break
        if not any(_overlap(key, other) for other in chosen):
            chosen.append(key)
    return [
        {
            "phrase": _spelling(key, voice_frequency[key], spellings.get(key)),
            "count": voice_frequency[key] + copies[key],
        }
        for key in chosen
    ]


def _spelling(key: str, voices: int, variants: Counter[str] | None) -> str:
    """The way most voices write the phrase (ties: the first in alphabetical order)."""
    written = Counter(variants or {})
    written[key] += voices - sum(written.values())
    return min(written.items(), key=lambda item: (-item[1], item[0]))[0]


def _score(voices: int, background: int, total: int, phrase: str) -> float:
    idf = math.log((1 + total) / (1 + voices + background)) + 1  # smoothed, as scikit-learn
    words = phrase.count(" ") + 1
    return voices * idf * (1 + LONGER_PHRASE_BONUS * (words - 1))


def _overlap(phrase: str, other: str) -> bool:
    a, b = f" {phrase} ", f" {other} "
    return a in b or b in a


def _fold(word: str) -> str:
    """A plural and its singular count as one word ("cameras", "camera")."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def candidates(text: str) -> dict[str, str]:
    """The 1-3 word phrases of `text` that could name a theme: {folded key: as written}.

    Written for speed (the job reads every comment of a period): one regular expression
    finds the words and the punctuation between them, and each phrase is built once.
    """
    text = text[:MAX_TEXT].lower().replace(_APOSTROPHE, "'")
    if "http" in text or "www." in text:
        text = _URL.sub(" . ", text)
    found: dict[str, str] = {}
    key1 = key2 = word1 = word2 = ""  # the phrase so far: the last two words
    for token in _TOKEN.findall(text):
        if not token[0].isalpha() or token in STOP_WORDS or len(token) < 2:
            key1 = key2 = ""  # punctuation or a stop word ends the phrase
            continue
        key = _FOLDED.get(token) or _FOLDED.setdefault(token, _fold(token))
        if len(token) > 2:
            found.setdefault(key, token)
        if key1:
            found.setdefault(f"{key1} {key}", f"{word1} {token}")
            if key2:
                found.setdefault(f"{key2} {key1} {key}", f"{word2} {word1} {token}")
        key2, word2, key1, word1 = key1, word1, key, token
    return found


_FOLDED: dict[str, str] = {}


# Reading the comments ------------------------------------------------------------------


def _voices(period_id: int) -> list[Document]:
    """Each individual comment, and each campaign once (one of its copies)."""
    criteria = counted(period_id)
    individual = db.session.scalars(
        db.select(Comment.body_md)
        .where(*criteria, Comment.campaign_id.is_(None))
        .order_by(Comment.id.desc())
        .limit(MAX_VOICES)
    )
    documents = [Document(text) for text in individual]
    campaigns = (
        db.select(func.min(Comment.id).label("copy_id"), func.count().label("copies"))
        .where(*criteria, Comment.campaign_id.is_not(None))
        .group_by(Comment.campaign_id)
        .subquery()
    )
    rows = db.session.execute(
        db.select(Comment.body_md, campaigns.c.copies).join(
            campaigns, campaigns.c.copy_id == Comment.id
        )
    )
    documents += [Document(text, copies) for text, copies in rows]
    return documents


def _background(period_id: int) -> list[str]:
    """Other published comments (other periods, other policies), the most recent first."""
    return list(
        db.session.scalars(
            db.select(Comment.body_md)
            .where(
                Comment.period_id != period_id,
                Comment.status == CommentStatus.PUBLISHED.value,
                Comment.campaign_id.is_(None),
            )
            .order_by(Comment.id.desc())
            .limit(BACKGROUND)
        )
    )
