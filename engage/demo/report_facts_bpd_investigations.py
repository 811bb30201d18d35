"""Annual-report facts for the Police Department's investigative technologies (demo figures)."""

from engage.demo.report_specs import NONE_FOUND, NONE_RECEIVED, EntryFacts, Sharing

DISCOVERY = "Discovery obligations (Mass. R. Crim. P. 14)"

CELL_SITE_SIMULATOR = EntryFacts(
    technology="cell-site-simulator",
    usage=(
        "The device was deployed {deployments} times in {year}: {violent} times to locate "
        "suspects in violent crimes and {missing} times to find missing or endangered people. "
        "{emergency} deployments began in an emergency, before a court order was issued."
    ),
    figures=(
        {"deployments": 14, "violent": 9, "missing": 5, "emergency": 3},
        {"deployments": 11, "violent": 6, "missing": 5, "emergency": 2},
    ),
    captured="yes",
    non_suspects=(
        "The device receives identifiers from every phone within range, not only the target's. "
        "They were deleted at the end of each deployment."
    ),
    complaints=(0, 0),
    complaints_text=(NONE_RECEIVED, NONE_RECEIVED),
    audits=(
        "The Bureau of Professional Standards compared each of the {deployments} deployments "
        "with its court order. Every deployment had an order; each emergency deployment "
        "obtained one within 48 hours."
    ),
    violations=(0, 0),
    violations_text=(NONE_FOUND, NONE_FOUND),
    cost=("48000.00", "52000.00"),
    funding="City operating budget (maintenance and software)",
    sharing=(
        Sharing(
            "Massachusetts State Police",
            "Location of a target phone",
            "Court order held by the requesting agency",
            "Joint search for a homicide suspect",
            (1, None),
        ),
    ),
)

DRONES = EntryFacts(
    technology="unmanned-aircraft-systems-drones",
    usage=(
        "The Department had {drones} drones in service and flew {flights} flights in {year}: "
        "{scenes} to map crime or crash scenes, {searches} searches for missing people or "
        "suspects, {hazards} hazard assessments and {events} at large events, including the "
        "Boston Marathon."
    ),
    figures=(
        {
            "drones": 9,
            "flights": 212,
            "scenes": 97,
            "searches": 48,
            "hazards": 21,
            "events": 46,
            "published": 11,
        },
        {
            "drones": 10,
            "flights": 236,
            "scenes": 104,
            "searches": 59,
            "hazards": 25,
            "events": 48,
            "published": 12,
        },
    ),
    captured="yes",
    non_suspects=(
        "Flights over events and searches record people who are not suspected of anything. "
        "Recordings that were not evidence were deleted after 30 days."
    ),
    complaints=(2, 3),
    complaints_text=(
        "Two complaints about drones seen over residential streets; both flights were searches "
        "for missing people.",
        "Three complaints, including one from organizers of a rally on Boston Common who saw a "
        "drone overhead; the flight log showed it was mapping a nearby crash.",
    ),
    audits=(
        "The drone unit's commander reviewed all {flights} flight logs. The monthly public "
        "flight log was published on time in {published} of 12 months."
    ),
    violations=(1, 0),
    violations_text=(
        "One flight took off before a supervisor approved it, during a search for a missing "
        "child. The pilot was counseled, and approvals are now given in the flight app.",
        NONE_FOUND,
    ),
    cost=("96000.00", "84000.00"),
    funding="UASI federal grant (aircraft); City operating budget (training and insurance)",
    sharing=(
        Sharing(
            "Boston Fire Department",
            "Live video and photographs",
            "Mutual aid during an emergency",
            "Situational awareness at fires and building collapses",
            (14, 19),
        ),
        Sharing(
            "Suffolk County District Attorney's Office",
            "Crime-scene maps and photographs",
            DISCOVERY,
            "Evidence in criminal prosecutions",
            (63, 71),
        ),
    ),
)

SOCIAL_MEDIA = EntryFacts(
    technology="social-media-analysis-tools",
    usage=(
        "The Boston Regional Intelligence Center held {accounts} accounts on {tools} tools in "
        "{year}. Analysts ran {searches:,} searches, which contributed to {investigations} "
        "investigations, most of them threats against schools and public events.{note}"
    ),
    figures=(
        {
            "accounts": 12,
            "tools": 2,
            "searches": 3410,
            "investigations": 126,
            "note": "",
            "audited": 150,
            "vague": 9,
        },
        {
            "accounts": 15,
            "tools": 3,
            "searches": 4025,
            "investigations": 141,
            "audited": 200,
            "vague": 14,
            "note": " Three tools were also used under the exigent-use clause; the "
            "City Council rejected the Department's report on that use.",
        },
    ),
    captured="yes",
    non_suspects=(
        "Searches return posts by many people who are not suspected of anything. Posts that "
        "were not relevant were deleted within 90 days."
    ),
    complaints=(1, 7),
    complaints_text=(
        "One complaint, from a community group asking which tools the Department uses.",
        "Seven complaints, most after news reports of the exigent use, asking whether protest "
        "organizers had been monitored.",
    ),
    audits=(
        "The Center's director reviewed the search log every month, and the Bureau of "
        "Professional Standards audited {audited} searches: {vague} gave a reason too vague "
        "to check."
    ),
    violations=(0, 2),
    violations_text=(
        NONE_FOUND,
        "Two searches used the name of a protest group as a keyword with no stated threat. "
        "The analyst was retrained, and the search form now requires a case or threat number.",
    ),
    cost=("64000.00", "118500.00"),
    funding="City operating budget (software subscriptions)",
    sharing=(
        Sharing(
            "Commonwealth Fusion Center (Massachusetts State Police)",
            "Public posts containing threats",
            "Credible threat of violence",
            "Threats against events and places of worship outside Boston",
            (18, 23),
        ),
        Sharing(
            "Boston Public Schools Safety Services",
            "Public posts threatening a school",
            "Credible threat of violence",
            "Keeping students and staff safe",
            (11, 16),
        ),
    ),
)

FORENSIC_EXTRACTION = EntryFacts(
    technology="mobile-device-forensic-extraction",
    usage=(
        "Examiners completed {extractions:,} extractions in {year}: {warrant:,} under a search "
        "warrant and {consent} with the owner's consent. Most concerned homicides, shootings, "
        "sexual assaults and human trafficking."
    ),
    figures=(
        {"extractions": 1084, "warrant": 967, "consent": 117, "audited": 100, "complete": 97},
        {"extractions": 1142, "warrant": 1049, "consent": 93, "audited": 100, "complete": 99},
    ),
    captured="yes",
    non_suspects=(
        "A full extraction copies the messages, photos and contacts of many people other than "
        "the owner. Investigators received only data within the scope of the warrant."
    ),
    complaints=(1, 2),
    complaints_text=(
        "One complaint from a crime victim whose phone was kept for four months.",
        "Two complaints from people whose phones were held for months after they consented "
        "to an extraction.",
    ),
    audits=(
        "The unit's supervisor checked every file. The annual audit sampled {audited} files; "
        "{complete}% were complete and matched their warrant or consent form."
    ),
    violations=(2, 1),
    violations_text=(
        "Two extractions went beyond the period named in the warrant. The extra data was "
        "purged, the examiners were retrained, and the prosecutors were notified.",
        "One consent form was signed after the extraction had begun. The extraction was "
        "discarded and the examiner received a written reprimand.",
    ),
    cost=("310000.00", "328000.00"),
    funding="City operating budget; Edward Byrne Memorial Justice Assistance Grant (licenses)",
    sharing=(
        Sharing(
            "Suffolk County District Attorney's Office",
            "Extraction reports",
            DISCOVERY,
            "Evidence in criminal prosecutions",
            (1012, 1071),
        ),
        Sharing(
            "Other Massachusetts police departments",
            "Extraction reports",
            "The receiving agency's own search warrant",
            "Investigations of crimes that crossed city lines",
            (9, 12),
        ),
    ),
)

INVESTIGATION_ENTRIES = (CELL_SITE_SIMULATOR, DRONES, SOCIAL_MEDIA, FORENSIC_EXTRACTION)
