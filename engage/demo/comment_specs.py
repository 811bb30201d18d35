"""The shapes the demo's comment threads are written in, and the residents who write them.

Moments are days from the day the demo is loaded (negative: past) and a city-time "HH:MM",
like the rest of the demo, so threads always sit inside their comment period.
"""

import re
from dataclasses import dataclass
from inspect import cleandoc

STAFF = "staff"  # `who` for the City's official responses (the demo's staff account)
_BLOCK = re.compile(r"(?:[-*] |\d+\. |> )")


def md(text: str) -> str:
    """A comment body written as an indented triple-quoted string, hard wraps undone.

    People type paragraphs as one long line; the source wraps them to fit the code's width.
    A line that starts a list item or a quote, or follows a blank line, starts a new line.
    """
    lines: list[str] = []
    for line in cleandoc(text).split("\n"):
        quoted = line.startswith("> ") and lines and lines[-1].startswith("> ")
        if quoted:
            lines[-1] += " " + line[2:].strip()
        elif lines and lines[-1] and line.strip() and not _BLOCK.match(line.strip()):
            lines[-1] += _joint(lines[-1]) + line.strip()
        else:
            lines.append(line)
    return "\n".join(lines)


def _joint(before: str) -> str:
    """Chinese (and Japanese) text runs on without spaces between wrapped lines."""
    return "" if ord(before[-1]) >= 0x2E80 else " "


@dataclass(frozen=True)
class Resident:
    handle: str
    email: str
    name: str
    neighborhood: str
    language: str | None = None


@dataclass(frozen=True)
class Said:
    """A comment posted on the website (or, on a closed period, as if it had been)."""

    key: str  # unique in the whole demo; stored as the idempotency key "demo:<key>"
    who: str  # a resident's handle, or STAFF for an official City response
    day: int
    at: str
    body: str
    stance: str | None = None
    section: str | None = None
    reply_to: str | None = None
    anonymous: bool = False
    language: str | None = None
    endorsements: int = 0  # how many demo residents endorse it
    first_draft: str | None = None  # posted first, then edited to `body` within the window
    withdrawn: bool = False  # withdrawn by its author once the thread is written
    flags: tuple[tuple[str, str, str], ...] = ()  # (who, reason, note)
    place: bool = True  # show the author's neighborhood


@dataclass(frozen=True)
class Received:
    """A comment that came by email, letter, phone or at a meeting, typed in by staff."""

    key: str  # stored as the import key "demo:<key>"
    channel: str
    day: int
    at: str
    body: str
    name: str | None = None  # None: the person did not give a name
    language: str | None = None
    neighborhood: str | None = None
    stance: str | None = None
    section: str | None = None


RESIDENTS = (
    Resident("marisol", "resident01@demo.engage", "Marisol R.", "East Boston", "es"),
    Resident("thanh", "resident02@demo.engage", "Thanh Nguyen", "Dorchester", "vi"),
    Resident("okafor", "resident03@demo.engage", "D. Okafor", "Roxbury"),
    Resident("frank", "resident04@demo.engage", "Frank Mulcahy", "West Roxbury"),
    Resident("priya", "resident05@demo.engage", "Priya Raman", "Allston"),
    Resident("nadege", "resident06@demo.engage", "Nadège Pierre", "Mattapan", "ht"),
    Resident("meilin", "resident07@demo.engage", "Mei Lin Chen", "Chinatown", "zh-Hant"),
    Resident("ana", "resident08@demo.engage", "Ana Lucía Gómez", "Hyde Park", "es"),
    Resident("sarah", "resident09@demo.engage", "Sarah Goldberg", "Jamaica Plain"),
    Resident("marcus", "resident10@demo.engage", "Marcus Bell", "Roxbury"),
    Resident("linda", "resident11@demo.engage", "Linda O'Connor", "Charlestown"),
    Resident("tom", "resident12@demo.engage", "Tom Feeney", "South Boston"),
    Resident("ruth", "resident13@demo.engage", "Ruth Alvarez", "South End"),
    Resident("jamal", "resident14@demo.engage", "Jamal Wright", "Mattapan"),
    Resident("daniel", "resident15@demo.engage", "Daniel Kim", "Brighton"),
    Resident("eleanor", "resident16@demo.engage", "Eleanor Park", "Back Bay"),
    Resident("kevd", "resident17@demo.engage", "Kev D.", "Dorchester"),
    Resident("amina", "resident18@demo.engage", "Amina Hassan", "Hyde Park", "so"),
)

# Who follows what (handles; "resident" is the demo's resident account).
FOLLOWS = {
    "resident": ("bpd-body-worn-cameras", "bpd-automated-license-plate-readers"),
    "marisol": ("bpd-automated-license-plate-readers",),
    "sarah": (
        "bpd-automated-license-plate-readers",
        "bpd-social-media-analysis-tools",
        "bpd-drones",
        "bpd-cell-site-simulator",
    ),
    "okafor": ("bpd-body-worn-cameras", "bpd-fixed-video-camera-network"),
    "priya": ("bpd-social-media-analysis-tools", "bpd-cell-site-simulator"),
    "linda": ("bps-school-security-cameras",),
    "frank": ("bpd-body-worn-cameras",),
    "meilin": ("bpd-drones",),
    "jamal": ("bpd-body-worn-cameras", "bpd-gunshot-detection"),
}
