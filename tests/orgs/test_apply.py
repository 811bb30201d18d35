"""Applying to register an organization: the form, its checks, the logo, where it shows."""

import io
import re

import pytest
from PIL import Image

from engage import uploads
from engage.extensions import db
from engage.orgs.models import Membership, Organization
from tests import factories
from tests.orgs.helpers_orgs import (
    audited,
    bomb_png,
    form_data,
    image_bytes,
    make_org,
    upload,
)

APPLY = "/organizations/apply"


def organizations() -> list[Organization]:
    return list(db.session.scalars(db.select(Organization).order_by(Organization.id)))


def test_signed_out_visitors_are_asked_to_sign_in(client):
    response = client.get(APPLY)
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_the_form_offers_the_citys_neighborhoods_and_languages_in_their_own_names(
    client, login, resident
):
    login(resident)
    page = client.get(APPLY).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page
    assert 'value="Dorchester"' in page and 'value="West Roxbury"' in page
    assert '<span lang="ht" dir="ltr">Kreyòl ayisyen</span>' in page
    assert '<span lang="ar" dir="rtl">العربية</span>' in page
    assert "choose the file again" in page
    # One box is enough: no checkbox says it is required on its own.
    assert not re.search(r'<input[^>]*required[^>]*type="checkbox"', page)


def test_applying_makes_a_pending_organization_with_the_applicant_as_admin(client, login, resident):
    login(resident)
    response = client.post_form(APPLY, form_data())
    (org,) = organizations()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/organizations/{org.slug}")
    assert org.slug == "dorchester-tenants-alliance"
    assert org.status == "pending"
    assert org.applied_by_id == resident.id
    assert (
        org.mission_html
        == "<p>We organize tenants in <strong>Dorchester</strong> and Mattapan.</p>"
    )
    assert org.neighborhoods == ["Dorchester", "Mattapan"]
    assert org.languages == ["en", "ht", "vi"]
    assert org.website == "https://dorchestertenants.example.org"
    assert org.contact_email == "hello@dorchestertenants.example.org"
    (membership,) = db.session.scalars(db.select(Membership)).all()
    assert (membership.user_id, membership.role) == (resident.id, "admin")
    (entry,) = audited("org.apply")
    assert (entry.actor_id, entry.target_id) == (resident.id, str(org.id))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your application is sent" in page or "application is sent" in page
    assert "Waiting for review" in page


def test_the_application_shows_on_the_account_page(client, login, resident):
    login(resident)
    client.post_form(APPLY, form_data())
    page = client.get("/account").get_data(as_text=True)
    assert "Your organizations" in page
    assert "Dorchester Tenants&#39; Alliance" in page
    assert "Staff have not reviewed the application yet" in page


def test_a_rejected_application_shows_its_reason_on_the_account_page(client, login, resident):
    make_org("rejected", admin=resident, name="Eastie Neighbors")
    login(resident)
    page = client.get("/account").get_data(as_text=True)
    assert "Eastie Neighbors" in page
    assert "Not approved" in page
    assert "Please add a website." in page
    assert "send it again" in page


def test_a_logo_is_checked_resized_and_stored_as_png(client, login, resident, app):
    login(resident)
    big = image_bytes("JPEG", size=(1600, 800))
    data = form_data(logo=upload(big, "logo.jpg", "image/jpeg"))
    response = client.post_form(APPLY, data, content_type="multipart/form-data")
    assert response.status_code == 302
    (org,) = organizations()
    with Image.open(uploads.stored_path(org.logo_filename)) as image:
        assert (image.format, image.size) == ("PNG", (512, 256))
    served = client.get(f"/uploads/{org.logo_filename}")
    assert served.status_code == 200 and served.mimetype == "image/png"
    served.close()


def test_a_jpeg_named_png_is_judged_by_its_content(client, login, resident):
    login(resident)
    data = form_data(logo=upload(image_bytes("JPEG"), "logo.png", "image/png"))
    assert client.post_form(APPLY, data, content_type="multipart/form-data").status_code == 302
    assert organizations()[0].logo_filename.endswith(".png")


BAD_LOGOS = {
    "text named png": (b"this is not an image at all", "logo.png", "not a PNG, JPEG or WebP"),
    "html named png": (b"<svg onload=alert(1)></svg>", "logo.png", "not a PNG, JPEG or WebP"),
    "gif": (image_bytes("GIF"), "logo.gif", "Upload a PNG, JPEG or WebP image."),
    "pdf named jpg": (b"%PDF-1.4\n%%EOF", "logo.jpg", "not a PNG, JPEG or WebP"),
    "empty": (b"", "logo.png", "The file is empty."),
}


@pytest.mark.parametrize("case", list(BAD_LOGOS), ids=list(BAD_LOGOS))
def test_uploads_whose_content_is_not_an_image_are_refused(client, login, resident, case):
    content, name, message = BAD_LOGOS[case]
    login(resident)
    data = form_data(logo=upload(content, name))
    response = client.post_form(APPLY, data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    assert 'id="logo-error"' in page
    assert organizations() == []
    assert 'value="Dorchester Tenants&#39; Alliance"' in page  # the rest is kept


def test_an_oversized_logo_is_refused(client, login, resident):
    login(resident)
    noise = Image.frombytes("RGB", (1100, 1000), bytes(range(256)) * 12890 + b"\x00" * 1760)
    output = io.BytesIO()
    noise.save(output, format="PNG", compress_level=0)
    assert output.tell() > 2 * 1024 * 1024
    data = form_data(logo=upload(output.getvalue()))
    response = client.post_form(APPLY, data, content_type="multipart/form-data")
    # Werkzeug's test client spools a body over 500 KB to a temporary file and leaves it open.
    response.request.environ["wsgi.input"].close()
    assert response.status_code == 400
    assert "larger than 2 MB" in response.get_data(as_text=True)
    assert organizations() == []


@pytest.mark.parametrize("size", [(20_000, 20_000), (8_000, 8_000)], ids=["huge", "large"])
def test_decompression_bombs_are_refused(client, login, resident, size):
    login(resident)
    bomb = bomb_png(*size)
    assert len(bomb) < 2 * 1024 * 1024
    response = client.post_form(
        APPLY, form_data(logo=upload(bomb)), content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "too many pixels" in response.get_data(as_text=True)
    assert organizations() == []


BAD_FIELDS = [
    ({"name": ""}, "name", "Enter the organization"),
    ({"mission": "   "}, "mission", "Say what the organization does"),
    ({"neighborhoods": None}, "neighborhoods", "Choose at least one neighborhood."),
    ({"languages": None}, "languages", "Choose at least one language."),
    ({"neighborhoods": ["Atlantis"]}, "neighborhoods", "Choose from the list."),
    ({"languages": ["xx"]}, "languages", "Choose from the list."),
    ({"website": "javascript:alert(1)"}, "website", "starts with https://"),
    ({"website": "ftp://files.example.org"}, "website", "starts with https://"),
    ({"website": "dorchestertenants.org"}, "website", "starts with https://"),
    ({"website": "https://"}, "website", "starts with https://"),
    ({"contact_email": ""}, "contact_email", "Enter the email address"),
    ({"contact_email": "not-an-address"}, "contact_email", "like name@example.com"),
    ({"name": "x" * 201}, "name", "200"),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD_FIELDS)
def test_bad_input_gives_a_clear_error_and_changes_nothing(
    client, login, resident, change, field, message
):
    login(resident)
    response = client.post_form(APPLY, form_data(**change))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'id="{field}-error"' in page or f'href="#{field}"' in page
    assert message in page
    assert organizations() == []
    assert audited("org.apply") == []


def test_the_name_of_a_registered_organization_is_taken(client, login, resident):
    make_org("verified", name="Dorchester Tenants' Alliance")
    login(resident)
    response = client.post_form(APPLY, form_data(name="dorchester tenants' alliance"))
    assert response.status_code == 400
    assert "already registered" in response.get_data(as_text=True)


def test_a_rejected_name_can_apply_again_under_a_new_address(client, login, resident):
    old = make_org("rejected", name="Dorchester Tenants' Alliance")
    login(resident)
    assert client.post_form(APPLY, form_data()).status_code == 302
    new = organizations()[-1]
    assert new.slug == f"{old.slug}-2"


def test_page_names_are_never_an_organizations_address(client, login, resident):
    login(resident)
    client.post_form(APPLY, form_data(name="Apply"))
    assert organizations()[0].slug == "apply-2"


def test_a_name_without_latin_letters_still_gets_an_address(client, login, resident):
    login(resident)
    assert client.post_form(APPLY, form_data(name="華人社區聯盟")).status_code == 302
    org = organizations()[0]
    assert (org.name, org.slug) == ("華人社區聯盟", "organization")
    assert client.get("/organizations/organization").status_code == 200


def test_mission_markup_is_sanitized(client, login, resident):
    login(resident)
    mission = "Hi <script>alert(1)</script> [x](javascript:alert(2))"
    client.post_form(APPLY, form_data(mission=mission))
    html = organizations()[0].mission_html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_an_unconfirmed_account_must_confirm_first(client, login, ctx):
    user = factories.make_user(confirmed=False)
    login(user)
    response = client.post_form(APPLY, form_data())
    assert response.status_code == 400
    assert "Confirm your email address" in response.get_data(as_text=True)
    assert organizations() == []


def test_a_post_without_its_csrf_token_is_refused(client, login, resident):
    login(resident)
    assert client.post(APPLY, data=form_data()).status_code == 400
    assert organizations() == []


def test_a_pending_organization_is_seen_only_by_its_members_and_staff(
    client, login, resident, staff
):
    org = make_org("pending")
    url = f"/organizations/{org.slug}"
    assert client.get(url).status_code == 404
    login(resident)
    assert client.get(url).status_code == 404
    login(staff)
    assert client.get(url).status_code == 200
    admin = db.session.get(factories.User, org.applied_by_id)
    login(admin)
    page = client.get(url).get_data(as_text=True)
    assert "Waiting for review" in page
    assert "only the organization's members and staff" in page
