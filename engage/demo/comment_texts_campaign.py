"""A small form-letter campaign on the license plate reader policy, for moderators to find.

An advocacy group's newsletter linked to a letter; over three days people sent it through the
site or by email, most of them unchanged, some with a greeting, a sentence or a name added.
"""

from engage.demo.comment_specs import Received, Said, md

CAMPAIGN = md(
    """
    I urge the Department to strengthen its license plate reader policy before it is adopted.

    - Delete plate reads that match no hot list within 24 hours, not 30 days.
    - Require a search warrant for every search of stored plate reads.
    - Never share plate data with agencies outside Massachusetts.

    Where I drive is my own business unless I am suspected of a crime. Thank you for
    considering my comment.
    """
)


def letter(extra: str = "", signature: str = "", greeting: str = "") -> str:
    """The campaign's letter with a person's small changes: a greeting, a sentence, a name."""
    text = CAMPAIGN
    if greeting:
        text = f"{greeting}\n\n{text}"
    if extra:
        text = text.replace("\n\nWhere I drive", f"\n\n{extra}\n\nWhere I drive")
    if signature:
        text = f"{text}\n\n{signature}"
    return text


# Sent through the campaign's web link by people with accounts.
CAMPAIGN_THREAD = (
    Said("alpr-c01", "priya", -7, "18:02", letter(signature="Priya Raman, Allston")),
    Said(
        "alpr-c02",
        "jamal",
        -7,
        "18:40",
        letter("I drive for a living. Every shift I pass three of these readers."),
        stance="concerns",
    ),
    Said("alpr-c03", "marcus", -7, "20:15", letter(), stance="concerns"),
    Said(
        "alpr-c04",
        "nadege",
        -6,
        "07:55",
        letter(greeting="To the Police Department,", signature="Nadège Pierre"),
    ),
    Said("alpr-c05", "meilin", -6, "12:30", letter(), anonymous=True, place=False),
)

# The same letter, sent by email to the Department and typed in by staff.
_EMAILED = (
    ("Gloria Santos", "Jamaica Plain", -7, "21:12", "", ""),
    ("Peter Lindqvist", "Roslindale", -7, "22:47", "", "Peter Lindqvist"),
    ("Brian McCarthy", "South Boston", -6, "06:31", "", "Sincerely, Brian McCarthy"),
    (
        "Yusuf Abdi",
        "Hyde Park",
        -6,
        "09:05",
        "My family came here so that we would not be watched like this.",
        "",
    ),
    ("Colleen Murphy", "Dorchester", -6, "13:48", "", "Colleen Murphy, Neponset"),
    ("Ravi Shah", None, -6, "16:20", "", ""),
    (
        "Joanne Lee",
        "Brighton",
        -5,
        "08:10",
        "I am a nurse and I drive to patients' homes all over the city.",
        "Joanne Lee, RN",
    ),
    ("Michael Brennan", "West Roxbury", -5, "19:33", "", ""),
    (None, None, -4, "10:02", "", ""),
)

CAMPAIGN_RECEIVED = tuple(
    Received(
        f"alpr-e{number:02d}",
        "email",
        day,
        at,
        letter(extra, signature),
        name=name,
        neighborhood=place,
    )
    for number, (name, place, day, at, extra, signature) in enumerate(_EMAILED, 1)
)
