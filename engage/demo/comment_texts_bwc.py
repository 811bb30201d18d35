"""The demo's conversation on the body-worn camera policy (version 3, open since day -8).

Written for the demo: the people are invented, and so are their stories.
"""

from engage.demo.comment_specs import STAFF, Received, Said, md

THREAD = (
    Said(
        "bwc-01",
        "okafor",
        -8,
        "11:20",
        md(
            """
            Twenty business days is a real step forward. After the last police shooting in
            my part of Roxbury, the family waited months and heard about the video from
            their lawyer before the Department said a word.

            Two things I'd tighten:

            - Publish the District Attorney's certificate itself, not just "the reason for
              any delay". People should see who signed it and what it says.
            - A review every 30 days with no end date can go on forever. Put a ceiling on
              it, say 90 days, and then the video comes out.
            """
        ),
        stance="support",
        section="public_access",
        endorsements=9,
    ),
    Said(
        "bwc-02",
        "frank",
        -8,
        "15:45",
        md(
            """
            I wore a camera for my last four years on the job, out of E-18 in Hyde Park. I'm
            for releasing the video, but 20 business days is tight when it has to be redacted
            frame by frame: kids, bystanders, the inside of somebody's apartment. The
            redaction unit was two people when I retired.

            If the City wants this deadline it has to staff it. Otherwise the DA's
            certificate becomes the normal route instead of the exception.
            """
        ),
        stance="concerns",
        reply_to="bwc-01",
        endorsements=5,
    ),
    Said(
        "bwc-03",
        "okafor",
        -8,
        "20:10",
        md(
            """
            Fair point, and I'd rather the City pay for redaction staff than keep the video
            in a drawer. Could the annual report say how many releases met the 20 days and
            how many didn't? Then we'd know whether the staffing is there.
            """
        ),
        reply_to="bwc-02",
        endorsements=4,
    ),
    Said(
        "bwc-04",
        "linda",
        -7,
        "08:50",
        md(
            """
            Does the 20 business days start from the incident, or from when somebody files a
            public records request? And does the family get to see the video before it's on
            the news?
            """
        ),
        stance="question",
        section="public_access",
        endorsements=6,
    ),
    Said(
        "bwc-05",
        "ana",
        -7,
        "19:30",
        md(
            """
            Apoyo que los videos se publiquen en 20 días hábiles. Pero pido que el resumen de
            la política y los avisos de publicación estén también en español. En Hyde Park
            muchas familias no leen inglés y se enteran de todo por WhatsApp, entre rumores.

            Y por favor: que la familia pueda ver el video antes que los noticieros.
            """
        ),
        stance="support",
        section="public_access",
        language="es",
        endorsements=5,
    ),
    Said(
        "bwc-06",
        "marisol",
        -7,
        "21:05",
        md(
            """
            For neighbors who don't read Spanish: Ana supports releasing videos within 20
            business days, asks that the summary and the release notices also come out in
            Spanish, and asks that families see the video before the TV stations do.

            Agree with all of it.
            """
        ),
        reply_to="bwc-05",
        endorsements=3,
    ),
    Said(
        "bwc-07",
        STAFF,
        -6,
        "10:15",
        md(
            """
            Thank you for the question. The 20 business days count from the day of the
            incident; nobody needs to file a request.

            The Department's practice is to offer the person recorded, or their family, a
            private viewing with an advocate before a critical-incident video is released.
            That practice is not written into version 3. Several comments have asked for it,
            and we will consider adding it to the public access section in the next version.
            """
        ),
        reply_to="bwc-04",
    ),
    Said(
        "bwc-08",
        "linda",
        -6,
        "12:40",
        "Thank you. Please do write it in. A practice can change with the next commissioner.",
        reply_to="bwc-07",
        endorsements=7,
    ),
    Said(
        "bwc-09",
        "jamal",
        -6,
        "13:10",
        md(
            """
            Releasing video only helps if the camera was on. Last summer I got stopped on Blue
            Hill Ave walking home from work and I'm pretty sure the officer's camera wasn't
            running until halfway through.

            What happens when an officer "forgets"? The policy says "subject to discipline".
            What discipline? Has anyone actually been disciplined for it?
            """
        ),
        stance="question",
        section="auditing_oversight",
        endorsements=8,
    ),
    Said(
        "bwc-10",
        "priya",
        -6,
        "21:40",
        md(
            """
            The new sentence in third-party sharing is good:

            > who must record the agency, the case and the reason before the recording is
            > shared.

            But "other law enforcement agencies" still includes federal agencies. The license
            plate reader policy already rules out sharing for civil immigration enforcement;
            the body camera policy should say the same thing, in the same words. Students in
            Allston ask me about this all the time.
            """
        ),
        stance="concerns",
        section="third_party_sharing",
        endorsements=8,
    ),
    Said(
        "bwc-11",
        "sarah",
        -5,
        "08:05",
        md(
            """
            Agreed. And the annual report should name each agency, not just count the
            disclosures. "14 disclosures" tells us nothing if 12 of them went to one federal
            task force.
            """
        ),
        reply_to="bwc-10",
        endorsements=5,
    ),
    Said(
        "bwc-12",
        "tom",
        -5,
        "12:05",
        "A yearly two-hour refresher seems fine to me. Is it done on overtime, though? "
        "What does it cost?",
        stance="question",
        section="training",
    ),
    Said(
        "bwc-13",
        "frank",
        -5,
        "14:30",
        md(
            """
            When I did it, it was on shift: roll-call training, mostly videos and a quiz.
            Scheduled that way it shouldn't cost any overtime.
            """
        ),
        reply_to="bwc-12",
        endorsements=2,
    ),
    Said(
        "bwc-14",
        STAFF,
        -4,
        "11:30",
        md(
            """
            Thank you for raising this. If you believe a camera was not recording during your
            stop, you can file a complaint with the Office of Police Accountability and
            Transparency, which can obtain the recording and the camera's activity log.

            The annual surveillance report lists how many audits found a failure to record
            and what discipline followed. Version 3 also raises the audit sample to at least
            two randomly selected recordings per officer each quarter, so every officer's
            recordings are reviewed several times a year.
            """
        ),
        reply_to="bwc-09",
    ),
    Said(
        "bwc-15",
        "jamal",
        -4,
        "17:55",
        "Appreciate the straight answer. Two per quarter is something. I'll be looking for "
        "those numbers in the report.",
        reply_to="bwc-14",
        endorsements=3,
    ),
    Said(
        "bwc-16",
        "nadege",
        -4,
        "18:20",
        md(
            """
            Mwen dakò pou videyo yo soti nan 20 jou travay. Lè yon bagay rive nan katye a, moun
            pa konnen sa k te pase, epi se rimè ki pale pi fò.

            Mwen mande pou yo tradui rezime règleman an ak avi yo an kreyòl tou, pou granmoun
            nan katye Mattapan yo ka li yo.
            """
        ),
        stance="support",
        section="public_access",
        language="ht",
        endorsements=4,
    ),
    Said(
        "bwc-17",
        "okafor",
        -3,
        "09:10",
        md(
            """
            Nadège is asking for the summary and the notices in Haitian Creole too, so that
            older people in Mattapan can read them. Same request as Ana's. Between the two of
            them that's a lot of Boston.
            """
        ),
        reply_to="bwc-16",
        endorsements=2,
    ),
    Said(
        "bwc-18",
        "ruth",
        -3,
        "09:40",
        md(
            """
            Officers came to my apartment for a noise complaint and recorded my kids and the
            inside of my home. Nobody was arrested, nothing happened. Why does that video need
            to exist for 90 days? Delete footage like that after 30.
            """
        ),
        stance="oppose",
        section="data_retention",
        anonymous=True,
        place=False,
        endorsements=3,
    ),
    Said(
        "bwc-19",
        "eleanor",
        -2,
        "14:00",
        md(
            """
            I read all three versions side by side (the comparison page is very helpful).
            Version 3 is the best of them, and I want to say so plainly, because most
            comments here, reasonably, ask for more.

            What I would still like to see:

            1. A public count of release deadlines met and missed.
            2. The same sharing restriction as the plate reader policy.
            3. Plain-language summaries in the City's languages, as Ana and Nadège asked.

            It would also help if [the Police Department's page on
            boston.gov](https://www.boston.gov/departments/police) linked to this
            consultation. I only found it through a flyer at the Copley library.
            """
        ),
        stance="support",
        endorsements=6,
    ),
    Said(
        "bwc-20",
        "daniel",
        -1,
        "10:25",
        md(
            """
            Who is the cloud vendor, and where are its servers? "Meets the CJIS Security
            Policy" is a minimum, not an answer.
            """
        ),
        stance="question",
        section="data_access",
        endorsements=2,
    ),
)

RECEIVED = (
    Received(
        "bwc-letter-1",
        "letter",
        -6,
        "11:00",
        md(
            """
            I am 78 years old and I do not use computers, so my grandson is mailing this for
            me.

            I support putting the videos out in 20 days. When my neighbor's boy was hurt by
            the police we waited a long time and never saw anything. Please make sure the
            families see the video first, with someone from the church or a counselor there
            with them.
            """
        ),
        name="Gloria Whitfield",
        neighborhood="Roxbury",
        stance="support",
        section="public_access",
    ),
    Received(
        "bwc-phone-1",
        "phone",
        -3,
        "15:20",
        md(
            """
            Summary of a phone call taken with an interpreter. The caller supports the
            20-day release rule and asked that officers explain to people, in their own
            language, that they are being recorded. The caller also asked how to get a copy
            of a video of her own traffic stop; staff explained the public records process.
            """
        ),
        language="ht",
        neighborhood="Mattapan",
        stance="support",
    ),
)
