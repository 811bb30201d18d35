"""Policies of the other covered departments: versions, edits and comment periods."""

from engage.demo.specs import PeriodSpec, PolicySpec, VersionSpec, append, replace

SCHOOL_CAMERAS = PolicySpec(
    slug="bps-school-security-cameras",
    title="School security cameras",
    department="BPS",
    technology="school-security-cameras",
    status="draft",
    summary=(
        "Boston Public Schools has cameras at school entrances, hallways, cafeterias and "
        "grounds, never in classrooms, restrooms or counseling offices. After questions at a "
        "City Council hearing about police access to school footage, this draft would let "
        "police see recordings only with a warrant or subpoena, or in an emergency.\n\n"
        "Public comment on version 2 opens soon."
    ),
    versions=(
        VersionSpec(published=-800, period=PeriodSpec(-800, -765)),
        VersionSpec(
            published=-3,
            change_summary=(
                "Police may view or receive school recordings only under a warrant or "
                "subpoena, or when someone's safety is under imminent threat; police have no "
                "accounts on the camera system; recordings are never shared for civil "
                "immigration enforcement; every police request is logged and reported."
            ),
            edits=(
                replace(
                    "data_access",
                    "The Boston Police Department may view recordings on request when it is "
                    "investigating a crime.",
                    "The Boston Police Department may view or receive recordings only under a "
                    "search warrant or subpoena, or when there is an imminent threat to "
                    "someone's safety. Police officers have no accounts on the BPS camera "
                    "system and may not view live feeds.",
                ),
                replace(
                    "third_party_sharing",
                    "BPS may share recordings with the Boston Police Department for a criminal "
                    "investigation and with other agencies when required by law.",
                    "BPS may share recordings with the Boston Police Department only as "
                    "described under Data access, and never for the enforcement of federal "
                    "civil immigration law. Every police request, and BPS's answer, is logged.",
                ),
                append(
                    "auditing_oversight",
                    "Each year BPS reports how many recordings the police requested, how many "
                    "requests were granted, and the legal basis for each.",
                ),
            ),
            period=PeriodSpec(12, 45),
        ),
    ),
)

REGIONAL_CAMERAS = PolicySpec(
    slug="oem-regional-camera-network",
    title="Regional homeland-security camera network",
    department="OEM",
    technology="regional-homeland-security-camera-network",
    status="approved",
    summary=(
        "A grant-funded camera network shared by the cities and towns of Metro Boston lets "
        "emergency managers see major roads, transit hubs and critical infrastructure during "
        "disasters and large events. Recording is off unless there is a declared emergency "
        "or an approved event. The City Council approved version 2."
    ),
    versions=(
        VersionSpec(published=-1000, period=PeriodSpec(-1000, -965)),
        VersionSpec(
            published=-450,
            change_summary=(
                "Shortens retention from 60 to 30 days and bars sharing recordings with federal "
                "agencies that are not part of the emergency response."
            ),
            edits=(
                replace("data_retention", "kept for **60 days**", "kept for **30 days**"),
                replace(
                    "third_party_sharing",
                    "and with other agencies when a court orders it.",
                    "and with other agencies when a court orders it. Recordings will not be "
                    "shared with federal agencies that are not part of the response, and each "
                    "participating agency agrees in a written memorandum of understanding not "
                    "to pass recordings on.",
                ),
            ),
            period=PeriodSpec(-450, -415),
        ),
    ),
)

HOUSING_CAMERAS = PolicySpec(
    slug="bha-public-housing-cameras",
    title="Public housing camera systems",
    department="BHA",
    technology="public-housing-camera-systems",
    status="rejected",
    summary=(
        "Cameras in the lobbies, elevators, laundry rooms, parking lots and playgrounds of "
        "public housing developments. Version 2 would have let the police watch some cameras "
        "live from district stations; the City Council rejected it, citing residents' "
        "privacy in the places where they live."
    ),
    versions=(
        VersionSpec(published=-650, period=PeriodSpec(-650, -615)),
        VersionSpec(
            published=-260,
            change_summary=(
                "Adds signs at every camera and an annual review of camera locations with each "
                "development's tenant task force, and allows the Boston Police Department to "
                "view live feeds in designated high-incident areas."
            ),
            edits=(
                append(
                    "data_access",
                    "The Boston Police Department may view live feeds from cameras in "
                    "designated high-incident areas from its district stations, at the request "
                    "of BHA's director of public safety.",
                ),
                append(
                    "public_access",
                    "BHA posts signs at every development entrance and near each camera saying "
                    "that the area is recorded and how to ask about a recording.",
                ),
                append(
                    "auditing_oversight",
                    "Each year BHA reviews camera locations with the tenant task force of each "
                    "development.",
                ),
            ),
            period=PeriodSpec(-258, -216),
        ),
    ),
)

BUILDING_SECURITY = PolicySpec(
    slug="mps-building-cameras-access-control",
    title="Municipal building cameras and access control",
    department="MPS",
    technology="municipal-building-cameras-and-access-control",
    status="approved",
    summary=(
        "Security cameras and badge readers at City Hall and other City buildings. Cameras "
        "are kept out of offices and restrooms, and badge records may not be used to track "
        "employees' hours. The City Council approved version 2."
    ),
    versions=(
        VersionSpec(published=-950, period=PeriodSpec(-950, -915)),
        VersionSpec(
            published=-480,
            change_summary=(
                "Shortens retention of badge records from three years to one, and bars using "
                "badge records for timekeeping or attendance discipline."
            ),
            edits=(
                replace(
                    "data_retention",
                    "Badge records are kept for **three years**.",
                    "Badge records are kept for **one year**.",
                ),
                append(
                    "prohibited_uses",
                    "Badge records will not be used to track employees' hours or attendance, or "
                    "as grounds for discipline other than for a security violation.",
                ),
            ),
            period=PeriodSpec(-480, -445),
        ),
    ),
)

RANGER_CAMERAS = PolicySpec(
    slug="parks-ranger-body-worn-cameras",
    title="Park Ranger body-worn cameras",
    department="PARKS-R",
    technology="ranger-body-worn-cameras",
    status="approved_with_modifications",
    summary=(
        "Park Rangers wear cameras that record enforcement actions and confrontations in "
        "Boston's parks. Rangers may not record people simply enjoying a park, or people "
        "receiving outreach services. The City Council approved version 2 with the added "
        "requirement of a yearly public report on camera use."
    ),
    versions=(
        VersionSpec(published=-620, period=PeriodSpec(-620, -585)),
        VersionSpec(
            published=-300,
            change_summary=(
                "Shortens retention from 180 to 90 days, protects people experiencing "
                "homelessness who receive outreach from being recorded, and adds the yearly "
                "public report the Council required."
            ),
            edits=(
                replace("data_retention", "kept for **180 days**", "kept for **90 days**"),
                replace(
                    "prohibited_uses",
                    "or people receiving outreach services, unless",
                    "or people, including people experiencing homelessness, who are receiving "
                    "outreach services, unless",
                ),
                append(
                    "auditing_oversight",
                    "As the City Council required when approving this policy, the Parks "
                    "Department publishes each year the number of recordings, the reasons "
                    "cameras were activated, and the number of complaints involving rangers.",
                ),
            ),
            period=PeriodSpec(-300, -265),
        ),
    ),
)

HEALTH_FACILITY_CAMERAS = PolicySpec(
    slug="bphc-facility-security-cameras",
    title="Public health facility security cameras",
    department="BPHC",
    technology="facility-security-cameras",
    status="under_review",
    summary=(
        "Cameras at public health buildings, recovery services sites and emergency shelters, "
        "never in sleeping areas, restrooms or exam rooms. Because footage can reveal that "
        "someone is getting health care, version 2 would require a warrant before police "
        "receive it, except in an emergency.\n\n"
        "The comment period on version 2 has closed and the policy is under review."
    ),
    versions=(
        VersionSpec(published=-560, period=PeriodSpec(-560, -525)),
        VersionSpec(
            published=-60,
            change_summary=(
                "Keeps cameras out of harm-reduction and recovery program rooms, requires a "
                "warrant or court order before recordings go to law enforcement except in an "
                "emergency, and shortens retention from 30 to 21 days."
            ),
            edits=(
                replace(
                    "prohibited_uses",
                    "exam rooms or counseling rooms.",
                    "exam rooms, counseling rooms or the rooms where harm-reduction and "
                    "recovery services are provided.",
                ),
                replace(
                    "third_party_sharing",
                    "BPHC may share recordings with the Boston Police Department to investigate "
                    "a crime at a facility.",
                    "BPHC shares recordings with law enforcement only under a search warrant or "
                    "court order, or in an emergency involving a risk of death or serious "
                    "injury. BPHC will not share recordings for the enforcement of federal "
                    "civil immigration law.",
                ),
                replace("data_retention", "kept for **30 days**", "kept for **21 days**"),
            ),
            period=PeriodSpec(-58, -15),
        ),
    ),
)

CITY_POLICIES = (
    SCHOOL_CAMERAS,
    REGIONAL_CAMERAS,
    HOUSING_CAMERAS,
    BUILDING_SECURITY,
    RANGER_CAMERAS,
    HEALTH_FACILITY_CAMERAS,
)
