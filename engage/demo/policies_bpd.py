"""The Boston Police Department's policies: versions, edits and comment periods.

Days count from the day the demo is loaded: -400 is about thirteen months ago, 20 is in
twenty days. Base texts live in texts/<slug>.md.
"""

from engage.demo.policies_bpd_investigations import INVESTIGATION_POLICIES
from engage.demo.specs import PeriodSpec, PolicySpec, VersionSpec, append, replace

BODY_WORN_CAMERAS = PolicySpec(
    slug="bpd-body-worn-cameras",
    title="Body-worn cameras",
    department="BPD",
    technology="body-worn-cameras",
    status="open_for_comment",
    summary=(
        "Police officers wear small cameras that record video and sound during calls, stops, "
        "arrests and any use of force. This policy says when officers must record, who can "
        "watch the videos, how long they are kept, and how you can ask for a copy.\n\n"
        "Version 3 is open for comment: it would make the Department release videos of "
        "police shootings and serious uses of force within 20 business days."
    ),
    versions=(
        VersionSpec(published=-760, period=PeriodSpec(-760, -718)),
        VersionSpec(
            published=-400,
            change_summary=(
                "Non-evidentiary recordings are deleted after 90 days instead of 180. Officers "
                "involved in a serious use of force may not watch the recording before giving "
                "an initial statement. Recording in school buildings is limited to arrests, "
                "uses of force and emergencies."
            ),
            edits=(
                replace("data_retention", "kept for **180 days**", "kept for **90 days**"),
                append(
                    "data_access",
                    "After a use of force that causes serious bodily injury or death, the "
                    "officers involved may not view any recording of the incident until they "
                    "have given an initial statement to investigators.",
                ),
                replace(
                    "prohibited_uses",
                    "- inside restrooms, locker rooms or medical treatment areas, except during "
                    "an arrest or use of force;",
                    "- inside restrooms, locker rooms, medical treatment areas or school "
                    "buildings, except during an arrest, a use of force or an emergency;",
                ),
            ),
            period=PeriodSpec(-400, -365),
        ),
        VersionSpec(
            published=-9,
            change_summary=(
                "Requires release of critical-incident recordings within 20 business days, "
                "sets the size of the monthly audit sample, adds an annual refresher course, "
                "and requires the reason for every disclosure to another agency to be logged "
                "before the recording is shared."
            ),
            edits=(
                append(
                    "public_access",
                    "Recordings of a critical incident (an officer's discharge of a firearm, or "
                    "a use of force that causes serious bodily injury or death) will be "
                    "released to the public within **20 business days**, unless the District "
                    "Attorney certifies in writing that release would jeopardize the "
                    "investigation. The Department will publish the reason for any delay and "
                    "review it every 30 days.",
                ),
                replace(
                    "auditing_oversight",
                    "reviews randomly selected recordings each month",
                    "reviews at least **two randomly selected recordings per officer each "
                    "quarter**",
                ),
                append(
                    "training",
                    "Every officer with a camera also completes a two-hour refresher course "
                    "each year.",
                ),
                replace(
                    "third_party_sharing",
                    "with the written approval of a deputy superintendent.",
                    "with the written approval of a deputy superintendent, who must record the "
                    "agency, the case and the reason before the recording is shared.",
                ),
            ),
            period=PeriodSpec(-8, 20),
        ),
    ),
)

BODY_WORN_CAMERA_PILOT = PolicySpec(
    slug="bpd-body-worn-camera-pilot",
    title="Body-worn camera pilot program",
    department="BPD",
    technology="body-worn-cameras",
    status="retired",
    summary=(
        "The rules for the Department's early body-worn camera pilot, when a limited group of "
        "officers wore cameras while researchers measured the effects. The pilot has ended "
        "and this policy was replaced by the Department's permanent body-worn camera policy."
    ),
    versions=(
        VersionSpec(published=-3400, period=PeriodSpec(-3400, -3370)),
        VersionSpec(
            published=-3200,
            change_summary=(
                "Extends the evaluation to twelve months, adds an independent evaluator, and "
                "keeps recordings used in the evaluation until its report is published."
            ),
            edits=(
                replace(
                    "auditing_oversight",
                    "The evaluation team published its findings at the end of the pilot.",
                    "An independent evaluator chosen by the City published its findings twelve "
                    "months after the pilot began.",
                ),
                replace(
                    "data_retention",
                    "Evidence was kept until the related case was closed.",
                    "Evidence was kept until the related case was closed, and recordings used "
                    "in the evaluation were kept until the evaluation report was published.",
                ),
            ),
            period=PeriodSpec(-3200, -3170),
        ),
    ),
)

FIXED_VIDEO = PolicySpec(
    slug="bpd-fixed-video-camera-network",
    title="Fixed video camera network",
    department="BPD",
    technology="fixed-video-camera-network",
    status="under_review",
    summary=(
        "About 1,300 police cameras on poles, signs and buildings watch public places, most of "
        "them Downtown and in Roxbury, Dorchester and the South End. This policy limits who "
        "may watch the cameras and why, and says recordings are erased after 30 days unless "
        "they are evidence.\n\n"
        "The comment period on version 2 has closed; the Advisory Board is reviewing it."
    ),
    versions=(
        VersionSpec(published=-900, period=PeriodSpec(-900, -865)),
        VersionSpec(
            published=-90,
            change_summary=(
                "Requires a community meeting before cameras are added in a neighborhood, "
                "prohibits using cameras to identify people at lawful demonstrations, and "
                "commits to a public map of camera locations updated every quarter."
            ),
            edits=(
                replace(
                    "authorized_uses",
                    "and each new location is listed in the annual surveillance report.",
                    "and no camera is added in a neighborhood until the Department has presented "
                    "the proposed location at a community meeting in that neighborhood.",
                ),
                replace(
                    "prohibited_uses",
                    "- with facial recognition software.",
                    "- with facial recognition software;\n- to identify or record people taking "
                    "part in a lawful demonstration, except to respond to a crime or a threat to "
                    "public safety.",
                ),
                append(
                    "public_access",
                    "The Department publishes a map of all camera locations on its website and "
                    "updates it every quarter.",
                ),
            ),
            period=PeriodSpec(-88, -46),
        ),
    ),
)

LICENSE_PLATE_READERS = PolicySpec(
    slug="bpd-automated-license-plate-readers",
    title="Automated license plate readers",
    department="BPD",
    technology="automated-license-plate-readers",
    status="open_for_comment",
    summary=(
        "License plate readers are cameras on some police cars and at a few fixed spots that "
        "read the plates of passing cars and log when and where each car passed. Police use "
        "them to find stolen cars and cars linked to wanted or missing people.\n\n"
        "Version 3 is open for comment. It would keep plate reads of cars that are not wanted "
        "for 30 days instead of 90, and require a search warrant to search reads more than "
        "7 days old. The comment period was extended so that a second listening session can "
        "be held."
    ),
    versions=(
        VersionSpec(published=-1100, period=PeriodSpec(-1100, -1058)),
        VersionSpec(
            published=-420,
            change_summary=(
                "Prohibits any use of plate data for federal civil immigration enforcement, and "
                "requires agencies receiving plate reads to certify they won't use them for that "
                "or to investigate health care that is lawful in Massachusetts."
            ),
            edits=(
                replace(
                    "prohibited_uses",
                    "- for any purpose other than a law enforcement investigation.",
                    "- to assist in the enforcement of federal civil immigration law;\n"
                    "- for any purpose other than a law enforcement investigation.",
                ),
                replace(
                    "third_party_sharing",
                    "when they provide a case number and a written reason.",
                    "when they provide a case number and a written reason, and certify in writing "
                    "that the data will not be used for civil immigration enforcement or to "
                    "investigate reproductive or gender-affirming health care that is lawful in "
                    "Massachusetts.",
                ),
            ),
            period=PeriodSpec(-420, -378),
        ),
        VersionSpec(
            published=-22,
            change_summary=(
                "Shortens retention of plate reads that match no hot list from 90 to 30 days. "
                "Every search of stored reads now needs a supervisor's approval, and searching "
                "reads more than 7 days old needs a search warrant. Hot lists are refreshed "
                "daily and stops made on a wrong alert are reported."
            ),
            edits=(
                replace("data_retention", "kept for **90 days**", "kept for **30 days**"),
                replace(
                    "authorized_uses",
                    "- search stored plate reads when investigating a specific crime, with a "
                    "case number;",
                    "- search stored plate reads when investigating a specific felony, with a "
                    "case number and a supervisor's approval; searching reads more than 7 days "
                    "old requires a **search warrant**;",
                ),
                append(
                    "auditing_oversight",
                    "Hot lists are refreshed from the state database at least every 24 hours. "
                    "The annual report also states how many stops were made on an alert that "
                    "later proved wrong, and what was done to prevent a repeat.",
                ),
            ),
            period=PeriodSpec(
                -21,
                2,
                extended_to=30,
                extended_on=-4,
                extension_reason=(
                    "Extended at the request of the Surveillance Oversight Advisory Board, so "
                    "that a second listening session can be held in Dorchester and the "
                    "translated summary can reach residents before the deadline."
                ),
            ),
        ),
    ),
)

GUNSHOT_DETECTION = PolicySpec(
    slug="bpd-gunshot-detection",
    title="Gunshot detection sensors",
    department="BPD",
    technology="gunshot-detection-acoustic-sensors",
    status="approved",
    summary=(
        "Acoustic sensors on buildings and poles, mostly in Dorchester and Roxbury, pick up "
        "sounds that may be gunfire and alert police to the location. The sensors are not "
        "allowed to be used to listen to conversations, and an alert alone is never a reason "
        "to stop someone. The City Council approved version 2."
    ),
    versions=(
        VersionSpec(published=-1300, period=PeriodSpec(-1300, -1265)),
        VersionSpec(
            published=-500,
            change_summary=(
                "Shortens retention of audio clips from one year to 90 days, publishes alert "
                "outcomes by neighborhood each quarter, and adds an independent evaluation "
                "every two years."
            ),
            edits=(
                replace(
                    "data_retention", "audio clips for **one year**", "audio clips for **90 days**"
                ),
                append(
                    "public_access",
                    "Each quarter the Department also publishes, by neighborhood, the number of "
                    "alerts and what officers found when they responded.",
                ),
                append(
                    "auditing_oversight",
                    "Every two years an independent evaluator chosen by the City studies whether "
                    "the system shortens response times and helps solve shootings. The "
                    "evaluation is published in full.",
                ),
            ),
            period=PeriodSpec(-500, -465),
        ),
    ),
)


BPD_POLICIES = (
    BODY_WORN_CAMERAS,
    BODY_WORN_CAMERA_PILOT,
    FIXED_VIDEO,
    LICENSE_PLATE_READERS,
    GUNSHOT_DETECTION,
    *INVESTIGATION_POLICIES,
)
