"""What the organization tests share: organizations in each state, images, invitations."""

import io
import itertools
import struct
import zlib
from datetime import timedelta

from PIL import Image
from werkzeug.datastructures import FileStorage

from engage import uploads
from engage.audit import AuditEntry
from engage.extensions import db
from engage.orgs import services
from engage.orgs.models import Membership, Organization
from engage.types import utcnow
from tests import factories

_seq = itertools.count(1)

APPLICATION = {
    "name": "Dorchester Tenants' Alliance",
    "mission": "We organize tenants in **Dorchester** and Mattapan.",
    "neighborhoods": ["Dorchester", "Mattapan"],
    "languages": ["en", "ht", "vi"],
    "website": "https://dorchestertenants.example.org",
    "contact_email": "hello@dorchestertenants.example.org",
}


def make_org(
    status: str = "verified",
    admin=None,
    members: int = 0,
    **fields,
) -> Organization:
    """An organization in `status` with an admin (made if not given) and `members` members."""
    n = next(_seq)
    admin = admin or factories.make_user(display_name=f"Admin {n}")
    data = services.OrgData(
        name=fields.pop("name", f"Neighborhood Group {n}"),
        mission=fields.pop("mission", "We listen to our neighbors."),
        neighborhoods=fields.pop("neighborhoods", ["Roxbury"]),
        languages=fields.pop("languages", ["en", "es"]),
        website=fields.pop("website", ""),
        contact_email=fields.pop("contact_email", f"group{n}@example.org"),
    )
    org = services.apply(admin, data)
    if status == "verified":
        services.verify(factories.make_user(role="staff"), org)
    elif status == "rejected":
        services.reject(factories.make_user(role="staff"), org, "Please add a website.")
    for _ in range(members):
        add_member(org)
    for name, value in fields.items():
        setattr(org, name, value)
    db.session.flush()
    return org


def add_member(org: Organization, user=None, role: str = "member"):
    user = user or factories.make_user()
    db.session.add(Membership(organization_id=org.id, user_id=user.id, role=role))
    db.session.flush()
    return user


def membership(org: Organization, user) -> Membership | None:
    return db.session.scalar(
        db.select(Membership).where(
            Membership.organization_id == org.id, Membership.user_id == user.id
        )
    )


def roles(org: Organization) -> dict[int, str]:
    rows = db.session.execute(
        db.select(Membership.user_id, Membership.role).where(Membership.organization_id == org.id)
    )
    return dict(rows.all())


def audited(action: str) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        )
    )


def image_bytes(fmt: str = "PNG", size=(64, 32), color=(200, 40, 40)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, format=fmt)
    return output.getvalue()


def upload(data: bytes, filename: str = "logo.png", content_type: str = "image/png"):
    """What a browser sends for a chosen file (for the test client's form data)."""
    return (io.BytesIO(data), filename, content_type)


def file_storage(data: bytes, filename: str = "logo.png") -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=filename, content_type="image/png")


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A tiny PNG that claims 400 million pixels: decoding it would take gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def expire(invitation) -> None:
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.flush()


def form_data(**overrides) -> dict:
    """The application form as a browser posts it (lists become repeated fields)."""
    data = {**APPLICATION, **overrides}
    return {key: value for key, value in data.items() if value is not None}


def orgs_browser_seed(resident) -> dict:
    """Organizations for the axe pages: `resident` is the admin of a verified one with a
    member and an open invitation (whose token is kept for its page); one application waits."""
    org = make_org(
        "verified",
        admin=resident,
        name="Mattapan Neighbors for Privacy",
        neighborhoods=["Mattapan", "Hyde Park"],
        languages=["en", "ht", "ar"],
        website="https://mattapan-privacy.example.org",
    )
    org.logo_filename = uploads.store_logo(file_storage(image_bytes(size=(300, 120))))
    member = add_member(org, factories.make_user(display_name="Marie Member"))
    _invitation, token = services.invite(resident, org, "invited@example.org")
    pending = make_org("pending", name="Roslindale Camera Watch")
    return {
        "org": org.slug,
        "org_member_id": membership(org, member).id,
        "org_invitation": token,
        "org_pending": pending.slug,
        "org_id": pending.id,
    }
