"""The Boston Police Department's investigative technologies: versions, edits, periods."""

from engage.demo.specs import PeriodSpec, PolicySpec, VersionSpec, append, replace

CELL_SITE_SIMULATOR = PolicySpec(
    slug="bpd-cell-site-simulator",
    title="Cell-site simulator",
    department="BPD",
    technology="cell-site-simulator",
    status="draft",
    summary=(
        "A cell-site simulator pretends to be a cell tower so that a particular phone connects "
        "to it and can be located. It also briefly picks up signals from other phones nearby. "
        "This draft says when police may use it, and that information about phones other than "
        "the target is deleted.\n\n"
        "Public comment on version 2 opens soon."
    ),
    versions=(
        VersionSpec(published=-200),
        VersionSpec(
            published=-6,
            change_summary=(
                "Requires a search warrant based on probable cause for every use instead of a "
                "pen-register court order, deletes data about phones other than the target "
                "before the device leaves the scene instead of within 30 days, and reports "
                "emergency uses to the City Council within 30 days."
            ),
            edits=(
                replace(
                    "authorized_uses",
                    "- under a court order obtained under the state's pen register and "
                    "trap-and-trace statute, or",
                    "- under a **search warrant** based on probable cause that describes the "
                    "device and how it works, or",
                ),
                replace(
                    "authorized_uses",
                    "with a court order sought within 48 hours.",
                    "with a search warrant sought within 48 hours.",
                ),
                replace(
                    "data_retention",
                    "deleted at the end of each deployment and in any case within **30 days**.",
                    "deleted at the end of each deployment, **before the device leaves the "
                    "scene**.",
                ),
                append(
                    "auditing_oversight",
                    "The Department reports each emergency deployment made before a warrant was "
                    "issued to the City Council within 30 days.",
                ),
            ),
            period=PeriodSpec(6, 41),
        ),
    ),
)

DRONES = PolicySpec(
    slug="bpd-drones",
    title="Drones (unmanned aircraft systems)",
    department="BPD",
    technology="unmanned-aircraft-systems-drones",
    status="open_for_comment",
    summary=(
        "The police have a small fleet of drones flown by licensed pilots to map crime and "
        "crash scenes, search for missing people, and watch over large events such as the "
        "Marathon. Drones may not patrol neighborhoods or carry weapons, and every flight is "
        "listed in a public monthly log.\n\n"
        "Version 2 is open for comment and closes in a few days."
    ),
    versions=(
        VersionSpec(published=-700, period=PeriodSpec(-700, -665)),
        VersionSpec(
            published=-28,
            change_summary=(
                "Prohibits facial recognition and plate reading on drone footage, limits "
                "flights over lawful demonstrations to immediate threats to life, and shortens "
                "retention of non-evidentiary recordings from 30 to 14 days."
            ),
            edits=(
                append(
                    "prohibited_uses",
                    "Drone footage may not be analyzed with facial recognition or license plate "
                    "reading software, and drones may not be flown over a lawful demonstration "
                    "except to respond to an immediate threat to life.",
                ),
                replace("data_retention", "kept for **30 days**", "kept for **14 days**"),
            ),
            period=PeriodSpec(-27, 3),
        ),
    ),
)

SOCIAL_MEDIA = PolicySpec(
    slug="bpd-social-media-analysis-tools",
    title="Social media analysis tools",
    department="BPD",
    technology="social-media-analysis-tools",
    status="open_for_comment",
    summary=(
        "These are software services that search public social media posts. The Department "
        "used three such tools under the emergency (exigent use) clause; the City Council "
        "rejected the report on that use. This policy would allow analysts to search public "
        "posts only for credible threats, missing people and specific crimes, never to "
        "monitor protests or people's beliefs.\n\n"
        "Version 2, written after the Council's review, is open for comment."
    ),
    versions=(
        VersionSpec(published=-150, period=PeriodSpec(-150, -115)),
        VersionSpec(
            published=-12,
            change_summary=(
                "Requires a supervisor's advance approval and a stated threat or crime for "
                "every search, bans fictitious accounts, and shortens retention of posts that "
                "turn out not to be relevant from 90 to 30 days."
            ),
            edits=(
                append(
                    "authorized_uses",
                    "Every search must be approved in advance by a supervisor and must name the "
                    "specific threat or crime it concerns.",
                ),
                replace(
                    "prohibited_uses",
                    "- access private accounts or messages.",
                    "- access private accounts or messages;\n- create or use fictitious accounts "
                    "or personas to view or interact with anyone's posts.",
                ),
                replace("data_retention", "within **90 days**", "within **30 days**"),
                replace(
                    "public_access",
                    "the list of tools it uses",
                    "the name and vendor of every tool it uses",
                ),
            ),
            period=PeriodSpec(-11, 10),
        ),
    ),
)

FORENSIC_EXTRACTION = PolicySpec(
    slug="bpd-mobile-device-forensic-extraction",
    title="Mobile device forensic extraction",
    department="BPD",
    technology="mobile-device-forensic-extraction",
    status="draft",
    summary=(
        "Forensic tools copy the contents of phones the police have seized, including deleted "
        "messages, photos and location history. This policy requires a warrant or the owner's "
        "written consent, and limits what investigators may see.\n\n"
        "The comment period on version 2 was closed early so the Department could correct it; "
        "version 3 will be opened for comment."
    ),
    versions=(
        VersionSpec(published=-600, period=PeriodSpec(-600, -560)),
        VersionSpec(
            published=-60,
            change_summary=(
                "Limits each extraction to the categories of data and the period named in the "
                "warrant, and requires a plain-language consent form in the City's languages."
            ),
            edits=(
                replace(
                    "authorized_uses",
                    "- under a search warrant that covers the device, or",
                    "- under a search warrant that covers the device, limited to the categories "
                    "of data and the period of time the warrant names, or",
                ),
                replace(
                    "authorized_uses",
                    "- with the written, informed consent of the device's owner, who may",
                    "- with the written, informed consent of the device's owner, given on a "
                    "plain-language form available in each of the City's languages that "
                    "explains what will be copied; the owner may",
                ),
            ),
            period=PeriodSpec(
                -58,
                -16,
                closed_early=-40,
                close_reason=(
                    "The Department withdrew version 2 to correct its data "
                    "retention section, which did not say what happens to data outside the "
                    "scope of the warrant. A corrected version will be opened for a full "
                    "comment period."
                ),
            ),
        ),
        VersionSpec(
            published=-5,
            change_summary=(
                "Adds a retention rule for full device copies and for data outside the scope "
                "of the warrant, and a separate filter team for privileged communications."
            ),
            edits=(
                replace(
                    "data_retention",
                    "Extracted data is kept for as long as the related case is open. Extraction "
                    "files are destroyed when the case closes,",
                    "Data within the scope of the warrant or consent is kept for as long as the "
                    "related case is open. A full copy of the device is kept sealed, only to "
                    "verify the integrity of the evidence. Data outside the scope of the warrant "
                    "is never given to investigators. All extraction files are destroyed **one "
                    "year** after the case closes, including any appeal,",
                ),
                append(
                    "data_access",
                    "When a device may hold communications with a lawyer, doctor or member of "
                    "the clergy, a filter team of examiners not involved in the case removes "
                    "that material before the investigators' report is produced.",
                ),
            ),
        ),
    ),
)

INVESTIGATION_POLICIES = (CELL_SITE_SIMULATOR, DRONES, SOCIAL_MEDIA, FORENSIC_EXTRACTION)
