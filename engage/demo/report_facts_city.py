"""Annual-report facts for the covered departments other than the police (demo figures)."""

from engage.demo.report_facts_city_more import CITY_ENTRIES_MORE
from engage.demo.report_specs import NONE_FOUND, NONE_RECEIVED, EntryFacts, Sharing

CRIME_REQUEST = "Request by a detective investigating a crime"
VIDEO = "Video recordings"

SCHOOL_CAMERAS = EntryFacts(
    technology="school-security-cameras",
    usage=(
        "BPS operated {cameras:,} cameras in {buildings} school buildings in {year}. School "
        "leaders and Safety Services reviewed recordings for {reviews:,} incidents and "
        "preserved {exports} recordings for investigations or legal holds."
    ),
    figures=(
        {"cameras": 3960, "buildings": 118, "reviews": 2410, "exports": 388, "police": 211},
        {"cameras": 4120, "buildings": 118, "reviews": 2565, "exports": 402, "police": 198},
    ),
    captured="yes",
    non_suspects="Cameras record every student, staff member and visitor who passes them.",
    complaints=(4, 9),
    complaints_text=(
        "Four complaints from parents who were refused access to recordings of incidents "
        "involving their children.",
        "Nine complaints; six followed the City Council hearing on police access to school "
        "footage and asked how often police receive recordings.",
    ),
    audits=(
        "Safety Services reviewed the export log each semester: {exports} exports, {police} of "
        "them to the Boston Police Department."
    ),
    violations=(0, 1),
    violations_text=(
        NONE_FOUND,
        "A staff member exported a recording to a personal phone. The file was deleted, the "
        "staff member's access removed, and the matter referred to Human Resources.",
    ),
    cost=("690000.00", "720000.00"),
    funding="BPS operating budget (maintenance); City capital budget (new installations)",
    sharing=(
        Sharing(
            "Boston Police Department", VIDEO, CRIME_REQUEST, "Criminal investigations", (211, 198)
        ),
        Sharing(
            "Suffolk County District Attorney's Office",
            VIDEO,
            "Subpoena",
            "Evidence in criminal prosecutions",
            (14, 11),
        ),
    ),
)

REGIONAL_CAMERAS = EntryFacts(
    technology="regional-homeland-security-camera-network",
    usage=(
        "The network carried feeds from {cameras} cameras in {cities} cities and towns. "
        "Recording was switched on {activations} times in {year}: {emergencies} declared "
        "emergencies (storms and coastal flooding) and {events} approved events."
    ),
    figures=(
        {
            "cameras": 540,
            "cities": 9,
            "activations": 14,
            "emergencies": 3,
            "events": 11,
            "accounts": 48,
            "removed": 6,
        },
        {
            "cameras": 566,
            "cities": 9,
            "activations": 12,
            "emergencies": 2,
            "events": 10,
            "accounts": 51,
            "removed": 9,
        },
    ),
    captured="unknown",
    non_suspects=(
        "The network views public roads and transit hubs used by many people. Partner agencies "
        "do not tell OEM what their viewers watched, so OEM cannot say whether anyone not "
        "suspected of wrongdoing was identified."
    ),
    complaints=(0, 1),
    complaints_text=(
        NONE_RECEIVED,
        "One complaint asking for the locations of network cameras outside Boston; OEM "
        "referred it to the partner cities.",
    ),
    audits=(
        "OEM reviewed the access logs in June and December: {accounts} viewer accounts were "
        "active and {removed} were removed for inactivity."
    ),
    violations=(0, 0),
    violations_text=(NONE_FOUND, NONE_FOUND),
    cost=("1850000.00", "1420000.00"),
    funding="UASI federal grant (Urban Areas Security Initiative)",
    sharing=(
        Sharing(
            "Massachusetts State Police",
            "Recordings of a declared emergency",
            "Memorandum of understanding among participating agencies",
            "After-action review of a coastal flooding response",
            (2, 1),
        ),
        Sharing(
            "MBTA Transit Police",
            "Recordings of an approved event",
            "Memorandum of understanding among participating agencies",
            "Crowd management at transit stations after a parade",
            (3, 2),
        ),
    ),
)

HOUSING_CAMERAS = EntryFacts(
    technology="public-housing-camera-systems",
    usage=(
        "BHA operated {cameras:,} cameras at {developments} developments in {year}. Staff "
        "reviewed recordings for {reviews} incidents, and {police} recordings were provided "
        "to the Boston Police Department."
    ),
    figures=(
        {"cameras": 1140, "developments": 52, "reviews": 610, "police": 174, "accounts": 88},
        {"cameras": 1205, "developments": 53, "reviews": 655, "police": 189, "accounts": 91},
    ),
    captured="yes",
    non_suspects=(
        "Cameras in lobbies and elevators record residents and their guests going about their "
        "daily lives."
    ),
    complaints=(5, 12),
    complaints_text=(
        "Five complaints, mostly about cameras that were not working when an incident happened.",
        "Twelve complaints. Most opposed the proposal to give police live access to cameras; "
        "two asked for cameras near playgrounds.",
    ),
    audits=(
        "The director of public safety reviewed the access logs each quarter; {accounts} staff "
        "accounts were active at the end of the year."
    ),
    violations=(1, 0),
    violations_text=(
        "A property manager reviewed recordings to check a tenant's visitors in a lease dispute "
        "unrelated to safety. The manager received a written warning and retraining.",
        NONE_FOUND,
    ),
    cost=("410000.00", "455000.00"),
    funding="BHA operating budget; HUD Emergency Safety and Security grant",
    sharing=(
        Sharing(
            "Boston Police Department", VIDEO, CRIME_REQUEST, "Criminal investigations", (174, 189)
        ),
    ),
)

CITY_ENTRIES = (SCHOOL_CAMERAS, REGIONAL_CAMERAS, HOUSING_CAMERAS, *CITY_ENTRIES_MORE)
