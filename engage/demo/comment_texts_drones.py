"""The demo's conversation on the drone policy (version 2, open since day -27, closing soon).

Written for the demo: the people are invented, and so are their stories.
"""

# ruff: noqa: RUF001 - the Chinese comments use Chinese punctuation

from engage.demo.comment_specs import STAFF, Received, Said, md

THREAD = (
    Said(
        "drn-01",
        "meilin",
        -26,
        "10:30",
        md(
            """
            農曆新年巡遊和中秋節活動的時候，唐人街有很多長者和小朋友。警察會用無人機拍攝嗎？
            如果會，錄影會保存多久？誰可以看？

            希望警方在活動之前用中文通知社區。
            """
        ),
        stance="question",
        section="authorized_uses",
        language="zh-Hant",
        endorsements=5,
    ),
    Said(
        "drn-02",
        "sarah",
        -25,
        "11:45",
        md(
            """
            The demonstration language is a real improvement. "An immediate threat to life" is
            a clear standard that can be checked after the fact. Please keep those exact words
            in the final version: "public safety" would swallow the rule.
            """
        ),
        stance="support",
        section="prohibited_uses",
        endorsements=7,
    ),
    Said(
        "drn-03",
        STAFF,
        -24,
        "15:00",
        md(
            """
            多謝您的提問。Thank you for the question.

            Drones may fly over a permitted large event only to give commanders a view of
            crowd safety, and every flight appears in the public monthly flight log with its
            date, neighborhood and purpose. Under version 2, recordings that are not evidence
            are deleted after 14 days, no drone footage may be analyzed with facial
            recognition, and only the drone unit's commander can grant access to recordings
            of events.

            We have asked the Department's Chinatown community liaison to mention drone
            flights in the notices sent out before the Lunar New Year parade.

            **中文摘要**：無人機只可以在獲准的大型活動上空飛行，協助維護人群安全，
            每次飛行都會列入每月公開的飛行紀錄。非證據錄影保存14天後刪除，
            而且不可以使用人臉辨識。
            """
        ),
        reply_to="drn-01",
    ),
    Said(
        "drn-04",
        "kevd",
        -22,
        "19:45",
        md(
            """
            Drones are already over our heads. The guy in the blue triple-decker at the corner
            of Savin Hill Ave and Grampian Way flies one over the whole block every Sunday and
            nobody does anything. Give the police drones too and forget about privacy.
            """
        ),
        stance="oppose",
        flags=(
            ("eleanor", "personal_information", "It points at a neighbor's house."),
            ("linda", "personal_information", ""),
        ),
    ),
    Said(
        "drn-05",
        "marcus",
        -22,
        "21:10",
        md(
            """
            A neighbor's drone is a matter for the FAA and the City, not for this policy. But
            you're right that people already feel watched, and that's a reason to keep this
            one tight.
            """
        ),
        reply_to="drn-04",
        endorsements=3,
    ),
    Said(
        "drn-06",
        "priya",
        -20,
        "13:15",
        md(
            """
            Fourteen days is reasonable for footage that isn't evidence. Could the monthly
            flight log also say whether each flight's footage was kept as evidence or deleted?
            """
        ),
        stance="support",
        section="data_retention",
        endorsements=4,
    ),
    Said(
        "drn-07",
        "frank",
        -18,
        "08:30",
        md(
            """
            Search and rescue is where drones earn their keep. We once spent most of a night
            in the Stony Brook Reservation looking for an elderly man with dementia. A drone
            with a thermal camera would have found him in twenty minutes.
            """
        ),
        stance="support",
        section="authorized_uses",
        endorsements=8,
    ),
    Said(
        "drn-08",
        "jamal",
        -18,
        "12:00",
        md(
            """
            That I'm fine with. Missing people, fires, crashes: yes. A drone over Franklin Park
            on a Saturday because somebody "might" be up to something: no.
            """
        ),
        reply_to="drn-07",
        endorsements=6,
    ),
    Said(
        "drn-09",
        "okafor",
        -15,
        "17:20",
        md(
            """
            The flight log is a good idea, but in the current one half the entries just say
            "investigation". That isn't a purpose. Make the log use the categories in the
            authorized uses section, plus one line of description.
            """
        ),
        stance="concerns",
        section="public_access",
        endorsements=5,
    ),
    Said(
        "drn-10",
        "eleanor",
        -15,
        "20:05",
        'Agreed. A log that says "investigation" forty times is not transparency.',
        reply_to="drn-09",
        endorsements=2,
    ),
    Said(
        "drn-11",
        "marcus",
        -10,
        "22:15",
        md(
            """
            I was at the march in Nubian Square last summer and a drone hung over us the whole
            afternoon. Was that the police? If so, under which rule? "An immediate threat to
            life" only means something if somebody checks it afterwards.
            """
        ),
        stance="oppose",
        section="prohibited_uses",
        anonymous=True,
        endorsements=5,
    ),
    Said(
        "drn-12",
        "ana",
        -6,
        "20:40",
        md(
            """
            ¿Las cámaras térmicas pueden ver dentro de las casas? En Hyde Park hay muchas casas
            viejas de madera. Quiero saber si la policía necesita una orden judicial para usar
            una cámara térmica cerca de una casa.
            """
        ),
        stance="question",
        section="data_collected",
        language="es",
        endorsements=3,
    ),
    Said(
        "drn-13",
        "daniel",
        -5,
        "09:35",
        md(
            """
            Ana asks whether thermal cameras can see inside houses, and whether the police
            need a warrant to point one at a house.

            As far as I know they see heat on the outside of walls, not through them. But the
            Supreme Court decided in *Kyllo v. United States* (2001) that aiming a thermal
            imager at a home is a search that needs a warrant. The policy only mentions
            "homes or fenced yards"; it should say thermal cameras too.
            """
        ),
        reply_to="drn-12",
        endorsements=4,
    ),
    Said(
        "drn-14",
        "linda",
        -2,
        "07:50",
        "I'm fine with this version. Please keep the drones away from school playgrounds at "
        "recess.",
        stance="support",
    ),
)

RECEIVED = (
    Received(
        "drn-letter-1",
        "letter",
        -12,
        "10:00",
        md(
            """
            I write on behalf of the neighbors on Hanover Street. During the summer feasts our
            streets fill with families, and last year a drone flew low over the procession. We
            do not object to drones watching over a crowd for safety, but we ask that
            organizers be told in advance, and that footage of a religious procession never
            be kept unless a crime occurred.
            """
        ),
        name="Peter Kowalski",
        neighborhood="North End",
        stance="neutral",
        section="authorized_uses",
    ),
)
