"""Demo partner organizations: four verified (with members), one waiting, one not approved.

Everything goes through the organization services, as on the site: each applicant applies,
staff decide, members join by invitation. Names are invented. A second run finds each
organization by its name and adds nothing.
"""

import io
from dataclasses import dataclass, field

from PIL import Image, ImageDraw
from werkzeug.datastructures import FileStorage

from engage.accounts.models import User
from engage.accounts.services import create_user, find_by_email
from engage.demo.people import DEMO_PASSWORD
from engage.extensions import db
from engage.orgs import services
from engage.orgs.models import Invitation, Membership, Organization

ORG_ADMIN_EMAIL = "orgadmin@demo.engage"
WAITING_INVITATION = "new.neighbor@example.org"


@dataclass(frozen=True)
class DemoOrg:
    name: str
    mission: str
    neighborhoods: list[str]
    languages: list[str]
    website: str
    contact_email: str
    admin: tuple[str, str]  # (email, name)
    members: list[tuple[str, str]] = field(default_factory=list)
    status: str = "verified"
    reason: str = ""
    logo: str | None = None  # which drawing, if any


DEMO_ORGS = (
    DemoOrg(
        name="Dorchester Tenants' Alliance",
        mission=(
            "We are tenants in Dorchester and Mattapan organizing for safe, affordable homes.\n\n"
            "Since the Housing Authority added cameras to its buildings, our members have asked "
            "**who watches the footage and for how long**. We hold kitchen-table conversations in "
            "Haitian Creole, Vietnamese and Cabo Verdean Creole so every tenant can weigh in."
        ),
        neighborhoods=["Dorchester", "Mattapan"],
        languages=["en", "ht", "vi", "kea"],
        website="https://dorchester-tenants.example.org",
        contact_email="organize@dorchester-tenants.example.org",
        admin=(ORG_ADMIN_EMAIL, "Olivia Organizer"),
        members=[("resident@demo.engage", ""), ("jean.baptiste@demo.engage", "Jean Baptiste")],
        logo="house",
    ),
    DemoOrg(
        name="Chinatown Community Land Circle",
        mission=(
            "A community land trust and neighborhood association keeping Chinatown a place where "
            "immigrant families can stay.\n\n"
            "We translate city notices into Chinese, run workshops for seniors, and bring "
            "residents' questions about cameras and data to city hall."
        ),
        neighborhoods=["Chinatown", "Leather District", "South End"],
        languages=["en", "zh-Hans", "zh-Hant"],
        website="https://chinatown-land-circle.example.org",
        contact_email="info@chinatown-land-circle.example.org",
        admin=("mei.chen@demo.engage", "Mei Chen"),
        members=[("tony.wong@demo.engage", "Tony Wong")],
        logo="circles",
    ),
    DemoOrg(
        name="East Boston Vecinos Unidos",
        mission=(
            "Neighbors in East Boston, many of us from Central and South America and Brazil, "
            "working together on housing, immigration and public safety.\n\n"
            "We want every family to understand what data the city collects about them, in "
            "Spanish and Portuguese."
        ),
        neighborhoods=["East Boston"],
        languages=["en", "es", "pt-BR"],
        website="https://vecinos-unidos.example.org",
        contact_email="hola@vecinos-unidos.example.org",
        admin=("lucia.ramos@demo.engage", "Lucía Ramos"),
        members=[("paulo.santos@demo.engage", "Paulo Santos")],
    ),
    DemoOrg(
        name="Roxbury Youth Data Justice Project",
        mission=(
            "Young people from Roxbury, Mission Hill and Jamaica Plain learning how "
            "surveillance technology works and telling the city what we think about it.\n\n"
            "Our sessions are run by youth facilitators, with Somali and Spanish interpretation."
        ),
        neighborhoods=["Roxbury", "Mission Hill", "Jamaica Plain"],
        languages=["en", "so", "es"],
        website="https://roxbury-youth-data.example.org",
        contact_email="youth@roxbury-youth-data.example.org",
        admin=("amina.hassan@demo.engage", "Amina Hassan"),
        members=[("marcus.johnson@demo.engage", "Marcus Johnson")],
    ),
    DemoOrg(
        name="Hyde Park Safe Streets Coalition",
        mission="Neighbors in Hyde Park and Roslindale talking about traffic cameras and safety.",
        neighborhoods=["Hyde Park", "Roslindale"],
        languages=["en", "ht"],
        website="",
        contact_email="hydeparksafestreets@example.org",
        admin=(ORG_ADMIN_EMAIL, "Olivia Organizer"),
        status="pending",
    ),
    DemoOrg(
        name="Boston Camera Enthusiasts",
        mission="A club for people who like cameras.",
        neighborhoods=["Back Bay"],
        languages=["en"],
        website="https://camera-club.example.org",
        contact_email="club@camera-club.example.org",
        admin=("sam.park@demo.engage", "Sam Park"),
        status="rejected",
        reason=(
            "This looks like a hobby club rather than an organization that serves residents. "
            "Tell us about your community work and the residents you reach, then apply again."
        ),
    ),
)


def _account(email: str, name: str) -> tuple[User, bool]:
    user = find_by_email(email)
    if user is not None:
        return user, False
    return create_user(email, "resident", DEMO_PASSWORD, name), True


def _logo(kind: str) -> FileStorage:
    """A simple logo drawn in memory, uploaded as a person would."""
    image = Image.new("RGB", (256, 256), "white")
    draw = ImageDraw.Draw(image)
    if kind == "house":
        draw.rectangle((16, 16, 240, 240), fill="#1a4480")
        draw.polygon([(128, 48), (216, 124), (40, 124)], fill="#ffbe2e")
        draw.rectangle((64, 124, 192, 208), fill="#ffffff")
        draw.rectangle((112, 152, 144, 208), fill="#1a4480")
    else:
        draw.ellipse((16, 16, 240, 240), fill="#b50909")
        draw.ellipse((64, 64, 192, 192), fill="#ffffff")
        draw.ellipse((100, 100, 156, 156), fill="#00a91c")
    output = io.BytesIO()
    image.save(output, format="PNG")
    output.seek(0)
    return FileStorage(output, filename=f"{kind}.png", content_type="image/png")


def _apply(spec: DemoOrg, admin: User) -> Organization:
    data = services.OrgData(
        name=spec.name,
        mission=spec.mission,
        neighborhoods=spec.neighborhoods,
        languages=spec.languages,
        website=spec.website,
        contact_email=spec.contact_email,
        logo=_logo(spec.logo) if spec.logo else None,
    )
    return services.apply(admin, data)


def _decide(spec: DemoOrg, org: Organization, staff: User) -> None:
    if spec.status == "verified":
        services.verify(staff, org)
    elif spec.status == "rejected":
        services.reject(staff, org, spec.reason)


def _join(org: Organization, admin: User, user: User) -> bool:
    """Invite `user` and accept for them, as the emailed link would; False if already in."""
    member = db.session.scalar(
        db.select(Membership.id).where(
            Membership.organization_id == org.id, Membership.user_id == user.id
        )
    )
    if member is not None:
        return False
    _invitation, token = services.invite(admin, org, user.email)
    services.accept_invitation(user, token)
    return True


def _open_invitation(org: Organization, admin: User) -> None:
    """One invitation still waiting, so the members page shows one."""
    waiting = db.session.scalar(
        db.select(Invitation.id).where(
            Invitation.organization_id == org.id, Invitation.email == WAITING_INVITATION
        )
    )
    if waiting is None:
        services.invite(admin, org, WAITING_INVITATION)


def _load_org(spec: DemoOrg, staff: User, people: dict[str, User]) -> str:
    admin = people[spec.admin[0]]
    org = db.session.scalar(db.select(Organization).where(Organization.name == spec.name))
    state = "already present"
    if org is None:
        org = _apply(spec, admin)
        _decide(spec, org, staff)
        state = "created"
    joined = sum(_join(org, admin, people[email]) for email, _name in spec.members)
    if spec.admin[0] == ORG_ADMIN_EMAIL and spec.status == "verified":
        _open_invitation(org, admin)
    extra = f", {joined} member(s) joined" if joined else ""
    return f"  {spec.status:<9} {spec.name} (/organizations/{org.slug}) {state}{extra}"


def load_orgs(users: dict[str, User]) -> list[str]:
    """Create the demo organizations and their people; return report lines."""
    people: dict[str, User] = {"resident@demo.engage": users["resident"]}
    created = []
    for spec in DEMO_ORGS:
        for email, name in [spec.admin, *spec.members]:
            if email not in people:
                people[email], new = _account(email, name)
                if new:
                    created.append(email)
    lines = ["organizations:"]
    lines.extend(_load_org(spec, users["staff"], people) for spec in DEMO_ORGS)
    lines.append(
        f'  organization admin: {ORG_ADMIN_EMAIL} (password "{DEMO_PASSWORD}"), '
        f"admin of Dorchester Tenants' Alliance; resident@demo.engage is one of its members"
    )
    if created:
        lines.append(f"  {len(created)} organizer account(s) created, same password")
    return lines
