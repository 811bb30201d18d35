"""Annual-report facts for Municipal Protection, Park Rangers and Public Health (demo figures)."""

from engage.demo.report_specs import NONE_FOUND, NONE_RECEIVED, EntryFacts, Sharing

VIDEO = "Video recordings"

BUILDING_SECURITY = EntryFacts(
    technology="municipal-building-cameras-and-access-control",
    usage=(
        "MPS operated {cameras} cameras and {readers} badge readers in {buildings} City "
        "buildings in {year}. Officers reviewed recordings for {incidents} security incidents, "
        "and badge records were consulted in {badge} investigations."
    ),
    figures=(
        {"cameras": 420, "readers": 610, "buildings": 34, "incidents": 212, "badge": 18},
        {"cameras": 436, "readers": 640, "buildings": 34, "incidents": 236, "badge": 14},
    ),
    captured="yes",
    non_suspects=(
        "Cameras record employees and visitors at entrances and lobbies; badge records cover "
        "every badge holder."
    ),
    complaints=(1, 0),
    complaints_text=(
        "One complaint from a City employees' union asking whether badge records were used to "
        "track attendance.",
        NONE_RECEIVED,
    ),
    audits=(
        "The director reviewed the access logs each quarter; all {badge} reviews of badge "
        "records were checked against an incident number."
    ),
    violations=(1, 0),
    violations_text=(
        "A supervisor asked for an employee's badge records to check working hours. The "
        "request was refused, the supervisor was reminded of the policy, and the policy was "
        "revised (version 2).",
        NONE_FOUND,
    ),
    cost=("560000.00", "575000.00"),
    funding="City operating budget (Property Management Department)",
    sharing=(
        Sharing(
            "Boston Police Department",
            VIDEO,
            "Investigation of a crime in or near a City building",
            "Thefts, assaults and threats at City Hall",
            (41, 38),
        ),
    ),
)

RANGER_CAMERAS = EntryFacts(
    technology="ranger-body-worn-cameras",
    usage=(
        "{rangers} rangers wore cameras in {year} and recorded {videos:,} videos, "
        "{enforcement:,} of them during enforcement actions such as citations or removals."
    ),
    figures=(
        {"rangers": 32, "videos": 4210, "enforcement": 2860, "reviewed": 120, "compliance": 92},
        {"rangers": 34, "videos": 4650, "enforcement": 3020, "reviewed": 136, "compliance": 96},
    ),
    captured="yes",
    non_suspects="Recordings include park visitors who were near an enforcement action.",
    complaints=(3, 2),
    complaints_text=(
        "Three complaints; two came from people experiencing homelessness who said they were "
        "recorded during outreach visits.",
        "Two complaints about rangers who did not say they were recording.",
    ),
    audits=(
        "The Chief Ranger reviewed {reviewed} recordings; cameras were activated as required in "
        "{compliance}% of enforcement actions."
    ),
    violations=(2, 1),
    violations_text=(
        "Two rangers recorded outreach visits where no enforcement took place. The recordings "
        "were deleted and the rangers retrained.",
        "One ranger did not activate the camera during a removal and received a written warning.",
    ),
    cost=("74000.00", "78500.00"),
    funding="City operating budget (Parks and Recreation Department)",
    sharing=(
        Sharing(
            "Boston Police Department",
            VIDEO,
            "Investigation of a crime in a park",
            "Assaults and thefts in parks",
            (27, 31),
        ),
        Sharing(
            "City of Boston Law Department",
            VIDEO,
            "Claims and litigation against the City",
            "Defending and settling claims",
            (6, 4),
        ),
    ),
)

HEALTH_FACILITY_CAMERAS = EntryFacts(
    technology="facility-security-cameras",
    usage=(
        "BPHC operated {cameras} cameras at {sites} sites in {year}, including emergency "
        "shelters and recovery services programs. Security staff reviewed recordings for "
        "{reviews:,} incidents, most of them medical emergencies and fights."
    ),
    figures=(
        {"cameras": 380, "sites": 14, "reviews": 940, "exports": 96},
        {"cameras": 402, "sites": 15, "reviews": 1010, "exports": 104},
    ),
    captured="yes",
    non_suspects=(
        "Cameras record shelter guests, patients and staff. Because a recording can show that "
        "someone uses health services, all recordings are treated as sensitive."
    ),
    complaints=(2, 3),
    complaints_text=(
        "Two complaints from shelter guests asking whether recordings were shared with "
        "immigration authorities (none were).",
        "Three complaints, one about a camera that could see into a counseling room; it was "
        "moved the same week.",
    ),
    audits="The director of security reviewed the access and export logs each quarter; "
    "{exports} exports were made.",
    violations=(0, 1),
    violations_text=(
        NONE_FOUND,
        "A camera was found pointing into a counseling room through a glass door. It was moved "
        "and its recordings deleted.",
    ),
    cost=("240000.00", "262000.00"),
    funding="BPHC operating budget",
    sharing=(
        Sharing(
            "Boston Police Department",
            VIDEO,
            "Request by a detective investigating a crime at a facility",
            "Assaults at shelters",
            (22, 17),
        ),
    ),
)

CITY_ENTRIES_MORE = (BUILDING_SECURITY, RANGER_CAMERAS, HEALTH_FACILITY_CAMERAS)
