"""What the Boston Police Department's annual reports say, per technology (demo figures)."""

from engage.demo.report_facts_bpd_investigations import INVESTIGATION_ENTRIES
from engage.demo.report_specs import NONE_FOUND, EntryFacts, Sharing

DISCOVERY = "Discovery obligations (Mass. R. Crim. P. 14)"
CASE_REQUEST = "Written request naming a specific criminal investigation"

BODY_WORN_CAMERAS = EntryFacts(
    technology="body-worn-cameras",
    usage=(
        "About {cameras:,} officers wore cameras in {year} and recorded {videos:,} videos, "
        "about {hours:,} hours in all. {evidence_pct}% of recordings were tagged as evidence. "
        "Prosecutors requested footage {requests:,} times (in 2023 they made 6,518 requests)."
    ),
    figures=(
        {
            "cameras": 1900,
            "videos": 612400,
            "hours": 248000,
            "evidence_pct": 21,
            "requests": 6842,
            "audited": 1920,
            "compliance": 91,
        },
        {
            "cameras": 1950,
            "videos": 640150,
            "hours": 259300,
            "evidence_pct": 22,
            "requests": 7115,
            "audited": 2010,
            "compliance": 94,
        },
    ),
    captured="yes",
    non_suspects=(
        "Cameras record everyone present at an encounter, including victims, witnesses and "
        "bystanders. Recordings not tagged as evidence were deleted on schedule."
    ),
    complaints=(14, 11),
    complaints_text=(
        "Fourteen complaints. Nine said an officer did not turn the camera on or stopped "
        "recording too early; five asked why a recording requested under the public records "
        "law was heavily redacted.",
        "Eleven complaints, most about cameras that were not activated during stops. Two "
        "residents asked for footage of their own arrests and received it.",
    ),
    audits=(
        "The Bureau of Professional Standards reviewed {audited:,} randomly selected recordings. "
        "Cameras were activated as required in {compliance}% of the encounters reviewed."
    ),
    violations=(9, 6),
    violations_text=(
        "Nine officers did not activate a camera during an arrest or a use of force. Actions "
        "taken: six written reprimands, two suspensions of one to three days, one retraining.",
        "Six officers did not activate a camera when required. Actions taken: four written "
        "reprimands, one two-day suspension; one case is still under investigation.",
    ),
    cost=("4215000.00", "4380000.00"),
    funding="City operating budget (Police Department)",
    sharing=(
        Sharing(
            "Suffolk County District Attorney's Office",
            "Video and audio recordings",
            DISCOVERY,
            "Evidence in criminal prosecutions",
            (6618, 6871),
        ),
        Sharing(
            "Other Massachusetts district attorneys",
            "Video and audio recordings",
            DISCOVERY,
            "Evidence in prosecutions of crimes committed partly outside Suffolk County",
            (224, 244),
        ),
        Sharing(
            "Defense counsel",
            "Video and audio recordings",
            "Court order",
            "Discovery ordered by the court in criminal cases",
            (312, 355),
        ),
        Sharing(
            "Other police departments",
            "Video recordings",
            CASE_REQUEST + ", approved by a deputy superintendent",
            "Investigations of crimes that crossed city lines",
            (48, 52),
        ),
    ),
)

FIXED_VIDEO = EntryFacts(
    technology="fixed-video-camera-network",
    usage=(
        "The network had {cameras:,} cameras at the end of {year}, {new} of them installed "
        "during the year. Operators watched live feeds during {events} declared events and "
        "emergencies, and detectives exported recordings for {exports:,} investigations."
    ),
    figures=(
        {"cameras": 1300, "new": 42, "events": 61, "exports": 3904, "audited": 780, "no_case": 7},
        {"cameras": 1334, "new": 34, "events": 58, "exports": 4120, "audited": 820, "no_case": 3},
    ),
    captured="yes",
    non_suspects=(
        "The cameras record everyone in public places within their view. Private areas such as "
        "windows are masked electronically."
    ),
    complaints=(3, 5),
    complaints_text=(
        "Three complaints: two from South End residents about a camera that seemed to face "
        "apartment windows (its masking was checked and corrected), and one about the lack of "
        "notice before a camera was installed.",
        "Five complaints: four asked for cameras to be removed from residential streets in "
        "Roxbury and Dorchester, and one concerned a camera facing a church entrance, which "
        "was moved.",
    ),
    audits=(
        "The Bureau of Professional Standards audited the export and operator logs twice. Of "
        "{audited:,} exports checked, {no_case} lacked a valid case number."
    ),
    violations=(1, 0),
    violations_text=(
        "An operator zoomed a camera into a private residence outside any investigation. The "
        "operator's access was revoked and a five-day suspension imposed.",
        NONE_FOUND,
    ),
    cost=("1150000.00", "1240000.00"),
    funding="City operating budget; UASI federal grant (maintenance of grant-funded cameras)",
    sharing=(
        Sharing(
            "Suffolk County District Attorney's Office",
            "Video recordings",
            DISCOVERY,
            "Evidence in criminal prosecutions",
            (2870, 2990),
        ),
        Sharing(
            "Massachusetts State Police",
            "Video recordings",
            CASE_REQUEST,
            "Investigations of shootings and crashes on state roads in Boston",
            (41, 37),
        ),
        Sharing(
            "MBTA Transit Police",
            "Video recordings",
            CASE_REQUEST,
            "Investigations of crimes at or near transit stations",
            (66, 72),
        ),
    ),
)

LICENSE_PLATE_READERS = EntryFacts(
    technology="automated-license-plate-readers",
    usage=(
        "Readers were mounted on {mobile} patrol cars and at {fixed} fixed locations in {year}. "
        "They recorded about {reads} million plate reads and produced {alerts:,} hot-list "
        "alerts, {confirmed:,} of which were confirmed before any stop. Detectives searched "
        "stored reads {searches:,} times."
    ),
    figures=(
        {
            "mobile": 28,
            "fixed": 6,
            "reads": "31.2",
            "alerts": 14580,
            "confirmed": 3921,
            "searches": 2214,
            "audited": 400,
            "missing": 11,
        },
        {
            "mobile": 30,
            "fixed": 6,
            "reads": "33.8",
            "alerts": 15930,
            "confirmed": 4087,
            "searches": 2391,
            "audited": 420,
            "missing": 4,
        },
    ),
    captured="yes",
    non_suspects=(
        "Nearly all plate reads are of vehicles not linked to any crime. They were deleted "
        "after 90 days."
    ),
    complaints=(2, 4),
    complaints_text=(
        "Two complaints from drivers stopped after an alert for a plate that had already been "
        "cleared from the stolen-vehicle list.",
        "Four complaints: three about stops made on an outdated alert, one asking how long "
        "plate reads are kept.",
    ),
    audits=(
        "The quarterly audits reviewed {audited} searches of stored reads; {missing} had no "
        "case number recorded."
    ),
    violations=(3, 1),
    violations_text=(
        "Three searches were made without a case number. Two were for legitimate "
        "investigations and the number was entered late; in the third, a user searched a "
        "relative's plate. That user's access was revoked and internal affairs sustained the "
        "allegation.",
        "One search was made without a case number, for a legitimate investigation; the user "
        "was retrained.",
    ),
    cost=("380000.00", "395000.00"),
    funding="UASI federal grant (equipment); City operating budget (software and storage)",
    sharing=(
        Sharing(
            "Massachusetts State Police",
            "Plate reads for a specific plate",
            "Written request with a case number",
            "Stolen vehicles and vehicles linked to violent crimes",
            (118, 96),
        ),
        Sharing(
            "Other Massachusetts police departments",
            "Plate reads for a specific plate",
            "Written request with a case number",
            "Investigations of crimes that crossed city lines",
            (203, 188),
        ),
        Sharing(
            "Boston Regional Intelligence Center",
            "Aggregate plate-read statistics (no individual reads)",
            "Department policy",
            "Quarterly analysis of vehicle-crime patterns",
            (4, 4),
        ),
    ),
)

GUNSHOT_DETECTION = EntryFacts(
    technology="gunshot-detection-acoustic-sensors",
    usage=(
        "Sensors covered about {area} square miles, mostly in Dorchester and Roxbury. The "
        "system sent {alerts:,} alerts in {year}; officers found evidence of gunfire (casings, "
        "damage or victims) after {evidence:,} of them and nothing after {nothing:,}."
    ),
    figures=(
        {"area": "7.3", "alerts": 1412, "evidence": 688, "nothing": 724, "no_call": 61},
        {"area": "7.3", "alerts": 1287, "evidence": 612, "nothing": 675, "no_call": 58},
    ),
    captured="no",
    non_suspects=(
        "The system keeps only clips of a few seconds around loud impulsive sounds and does not "
        "record conversations. The quarterly review found no clip containing intelligible speech."
    ),
    complaints=(6, 4),
    complaints_text=(
        "Six complaints, mostly from Dorchester residents who said officers responding to "
        "alerts stopped people on the street without any other reason.",
        "Four complaints: three about stops near alert locations, and one from a homeowner "
        "who believed a sensor had been put on their house (it was on a utility pole).",
    ),
    audits=(
        "The quarterly reviews compared alerts with 911 calls: for {no_call}% of the alerts "
        "where evidence of gunfire was found, nobody had called 911."
    ),
    violations=(1, 0),
    violations_text=(
        "An officer searched a person near an alert location on the strength of the alert "
        "alone. The search was found improper; the officer received a written reprimand and "
        "retraining.",
        NONE_FOUND,
    ),
    cost=("1020000.00", "1065000.00"),
    funding="City operating budget (annual subscription)",
    sharing=(
        Sharing(
            "Suffolk County District Attorney's Office",
            "Alert records and audio clips",
            DISCOVERY,
            "Evidence in shooting prosecutions",
            (212, 198),
        ),
        Sharing(
            "Defense counsel",
            "Alert records and audio clips",
            "Court order",
            "Discovery ordered by the court",
            (37, 41),
        ),
    ),
)

BPD_ENTRIES = (
    BODY_WORN_CAMERAS,
    FIXED_VIDEO,
    LICENSE_PLATE_READERS,
    GUNSHOT_DETECTION,
    *INVESTIGATION_ENTRIES,
)
