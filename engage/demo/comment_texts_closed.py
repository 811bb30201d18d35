"""Comments from periods that have closed: what people said before the thread went read-only.

Each policy names the version its period belonged to; every moment lies inside that period.
Written for the demo: the people are invented, and so are their stories.
"""

from engage.demo.comment_specs import Said, md

FIXED_VIDEO = (
    Said(
        "fv-01",
        "okafor",
        -80,
        "18:30",
        md(
            """
            The community meeting requirement is overdue. Three new cameras went up on Dudley
            Street two years ago and the first anyone heard of it was the bucket truck.
            """
        ),
        stance="support",
        section="authorized_uses",
        endorsements=6,
    ),
    Said(
        "fv-02",
        "tom",
        -74,
        "11:10",
        md(
            """
            The camera at the corner outside my place on Broadway helped catch the guy who put
            a brick through my window. I'm for keeping them. A map is fine by me too.
            """
        ),
        stance="support",
        section="public_access",
        endorsements=3,
    ),
    Said(
        "fv-03",
        "ruth",
        -66,
        "21:05",
        md(
            """
            "Except to respond to a crime or a threat to public safety" is a big exception.
            Somebody can always say a march threatens public safety. Who decides, and is it
            written down at the time?
            """
        ),
        stance="concerns",
        section="prohibited_uses",
        anonymous=True,
        place=False,
        endorsements=5,
    ),
    Said(
        "fv-04",
        "priya",
        -65,
        "09:40",
        md(
            """
            Good question. "An immediate threat to life" would be much narrower, and a
            supervisor could be required to write down which threat it was, at the time.
            """
        ),
        reply_to="fv-03",
        endorsements=4,
    ),
)

HEALTH_FACILITIES = (
    Said(
        "bphc-01",
        "marcus",
        -52,
        "14:20",
        md(
            """
            Requiring a warrant before footage goes to the police is the right call. People in
            recovery already have every reason not to walk through the door. They shouldn't
            have to wonder whether the camera over it feeds a police file.
            """
        ),
        stance="support",
        section="third_party_sharing",
        endorsements=7,
    ),
    Said(
        "bphc-02",
        "ruth",
        -47,
        "08:55",
        md(
            """
            I live two blocks from Mass and Cass. I want the programs there to be safe for
            the people inside and for us outside. Twenty-one days seems short when an
            incident isn't reported right away. Could footage be kept longer when someone
            asks for it to be preserved?
            """
        ),
        stance="question",
        section="data_retention",
        endorsements=2,
    ),
    Said(
        "bphc-03",
        "eleanor",
        -30,
        "16:15",
        md(
            """
            I volunteer at a shelter's front desk. Knowing that the recordings can't be handed
            over without a warrant, except in a real emergency, matters to the guests more
            than most people would guess. Please keep this version as it is.
            """
        ),
        stance="support",
        endorsements=4,
    ),
)

FORENSIC_EXTRACTION = (
    Said(
        "mde-01",
        "sarah",
        -55,
        "10:05",
        md(
            """
            Version 2 limits what investigators may *search*, but says nothing about what
            happens to everything else that gets copied off the phone. A full extraction is a
            person's whole life. The retention section needs to say what is kept, what is
            sealed and when it is destroyed.
            """
        ),
        stance="concerns",
        section="data_retention",
        endorsements=8,
    ),
    Said(
        "mde-02",
        "daniel",
        -50,
        "20:40",
        md(
            """
            Same question from the technical side: these tools make a full image of the
            device, not a list of "categories". Who can open the full image afterwards, and
            is that access logged?
            """
        ),
        stance="question",
        reply_to="mde-01",
        endorsements=3,
    ),
    Said(
        "mde-03",
        "priya",
        -44,
        "13:30",
        "The plain-language consent form in the City's languages is a good change. Please "
        "test it with people who actually speak those languages before it's final.",
        stance="support",
        section="authorized_uses",
        endorsements=2,
    ),
)

# slug: (the version whose closed period the comments belong to, the comments)
PAST_THREADS = {
    "bpd-fixed-video-camera-network": (2, FIXED_VIDEO),
    "bphc-facility-security-cameras": (2, HEALTH_FACILITIES),
    "bpd-mobile-device-forensic-extraction": (2, FORENSIC_EXTRACTION),
}
