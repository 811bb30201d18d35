"""The demo's community guidelines: version 1 as first published, version 2 as revised."""

from engage.demo.comment_specs import md

INTRO_V1 = md(
    """
    Engage is where residents, organizations and the City talk about how city departments
    use surveillance technology. Disagreement is welcome here: say what you think of a
    policy as plainly as you like.

    Moderators read every comment that is flagged or held for review. They hide a comment
    only for one of the reasons below, and they tell the author which one. A hidden comment
    leaves a note in the thread, so replies keep their context.
    """
)

INTRO_V2 = md(
    """
    Engage is where residents, organizations and the City talk about how city departments
    use surveillance technology. Disagreement is welcome here, including sharp criticism of
    the City, its departments and its officials: say what you think of a policy as plainly
    as you like.

    Moderators read every comment that is flagged or held for review. They hide a comment
    only for one of the reasons below, and they tell the author which one and how to appeal.
    An appeal is decided by a different moderator. A hidden comment leaves a note in the
    thread, so replies keep their context, and every decision is counted in the public
    moderation report.
    """
)

GUIDELINES_V1 = [
    {
        "key": "personal_information",
        "title": "Personal information",
        "body_md": md(
            """
            Don't post anyone's home address, phone number, email address, or
            identification numbers, including your own. Moderators may remove just the
            personal detail and leave the rest of the comment.
            """
        ),
    },
    {
        "key": "harassment",
        "title": "Harassment",
        "body_md": md(
            """
            Criticize ideas, policies and decisions, not the people who hold them. Insults,
            name-calling and repeated attacks on another participant are hidden.
            """
        ),
    },
    {
        "key": "hate",
        "title": "Hate speech",
        "body_md": md(
            """
            Comments that attack people for their race, ethnicity, national origin,
            religion, gender, gender identity, sexual orientation, disability or
            immigration status are hidden.
            """
        ),
    },
    {
        "key": "spam",
        "title": "Spam and advertising",
        "body_md": md(
            """
            Advertising, links to unrelated sites, and the same message posted again and
            again are removed. Form letters from campaigns are *not* spam: they are grouped
            and counted like any other comment.
            """
        ),
    },
    {
        "key": "off_topic",
        "title": "Off topic",
        "body_md": md(
            """
            Keep comments about the policy under discussion. Comments about unrelated city
            services may be hidden; contact 311 for those.
            """
        ),
    },
]

GUIDELINES_V2 = [
    {
        "key": "personal_information",
        "title": "Personal information",
        "body_md": md(
            """
            Don't post anyone's home address, phone number, email address, license plate
            number, or identification numbers, including your own, and don't post photos or
            video that identify private individuals. Public officials' names and official
            roles are fine. Moderators may remove just the personal detail and leave the
            rest of the comment.
            """
        ),
    },
    {
        "key": "harassment",
        "title": "Harassment or threats",
        "body_md": md(
            """
            Criticize ideas, policies and decisions, not the people who hold them. Insults,
            name-calling and repeated attacks on another participant are hidden. Threats of
            violence are hidden at once, and the account may be suspended.
            """
        ),
    },
    {
        "key": "hate",
        "title": "Hate speech",
        "body_md": md(
            """
            Comments that attack people for their race, ethnicity, national origin,
            religion, gender, gender identity, sexual orientation, disability or
            immigration status are hidden.
            """
        ),
    },
    {
        "key": "spam",
        "title": "Spam and advertising",
        "body_md": md(
            """
            Advertising, links to unrelated sites, and the same message posted again and
            again by one account are removed. Form letters from campaigns are *not* spam:
            they are grouped and counted like any other comment.
            """
        ),
    },
    {
        "key": "off_topic",
        "title": "Off topic",
        "body_md": md(
            """
            Keep comments about the policy under discussion or the technology it governs.
            Comments about unrelated city services may be hidden; contact 311 for those.
            """
        ),
    },
    {
        "key": "impersonation",
        "title": "Impersonation",
        "body_md": md(
            """
            Don't pretend to be someone else, a city official, or an organization you don't
            speak for. Only City staff accounts can post official responses.
            """
        ),
    },
]

CHANGE_NOTE_V1 = "First published version."
CHANGE_NOTE_V2 = (
    "Added license plate numbers and identifying photos to personal information, threats to "
    "harassment, and a new reason for impersonation; said how appeals work."
)
