"""Staff pages for departments, technologies and policies: forms, rules, permissions, audit."""

import pytest

from engage.extensions import db
from engage.policies.models import Department, Policy, Technology
from tests import factories
from tests.staff.conftest import count

FORM_PAGES = [
    "/staff/departments",
    "/staff/departments/new",
    "/staff/technologies",
    "/staff/technologies/new",
    "/staff/policies",
    "/staff/policies/new",
]


@pytest.mark.parametrize("path", FORM_PAGES)
def test_staff_pages_render_for_staff(as_staff, path):
    response = as_staff.get(path)
    assert response.status_code == 200
    assert "<h1>" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", FORM_PAGES)
def test_residents_are_refused(client, login, resident, path):
    login(resident)
    assert client.get(path).status_code == 403
    assert client.post_form(path, {}).status_code in (403, 405)


@pytest.mark.parametrize("path", FORM_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_edit_pages_render_with_the_current_values(as_staff, ctx):
    policy = factories.make_policy(title="Body-worn cameras")
    technology, department = policy.technology, policy.department

    department_page = as_staff.get(f"/staff/departments/{department.id}/edit")
    technology_page = as_staff.get(f"/staff/technologies/{technology.id}/edit")
    policy_page = as_staff.get(f"/staff/policies/{policy.slug}/edit")

    assert f'value="{department.code}"' in department_page.get_data(as_text=True)
    assert f'value="{technology.name}"' in technology_page.get_data(as_text=True)
    assert 'value="Body-worn cameras"' in policy_page.get_data(as_text=True)
    assert "What this technology is" in policy_page.get_data(as_text=True)


def _edit_pages() -> list[str]:
    policy = factories.make_policy()
    return [
        f"/staff/departments/{policy.department_id}/edit",
        f"/staff/technologies/{policy.technology_id}/edit",
        f"/staff/policies/{policy.slug}/edit",
        f"/staff/policies/{policy.slug}",
    ]


def test_edit_pages_refuse_residents_and_send_visitors_to_sign_in(client, login, resident, audits):
    pages = _edit_pages()
    for path in pages:
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/auth/login")
    login(resident)
    for path in pages:
        assert client.get(path).status_code == 403
    assert client.post_form(pages[0], {"code": "X", "name": "Y"}).status_code == 403
    assert audits("department.update") == []


@pytest.mark.parametrize(
    "path",
    [
        "/staff/departments/999999/edit",
        "/staff/technologies/999999/edit",
        "/staff/policies/no-such-policy/edit",
        "/staff/policies/no-such-policy",
    ],
)
def test_unknown_ids_are_not_found(as_staff, path):
    assert as_staff.get(path).status_code == 404
    assert as_staff.post_form(path, {"title": "x"}).status_code in (404, 405)


# Departments -------------------------------------------------------------------------------


def test_staff_add_a_department(as_staff, audits, staff):
    response = as_staff.post_form(
        "/staff/departments/new",
        {"code": "bpd", "name": "Boston Police Department", "covered": "y", "note": "Incl. BRIC"},
    )

    assert response.status_code == 302
    department = db.session.scalar(db.select(Department).where(Department.code == "BPD"))
    assert department.name == "Boston Police Department"
    assert department.covered is True
    assert department.note == "Incl. BRIC"
    [entry] = audits("department.create")
    assert entry.actor_id == staff.id
    assert entry.target_id == str(department.id)
    listing = as_staff.get(response.headers["Location"]).get_data(as_text=True)
    assert "Boston Police Department is saved." in listing


def test_staff_edit_a_department(as_staff, audits, ctx):
    department = factories.make_department(code="PARKS", name="Parks")

    response = as_staff.post_form(
        f"/staff/departments/{department.id}/edit", {"code": "PARKS", "name": "Park Rangers"}
    )

    assert response.status_code == 302
    assert db.session.get(Department, department.id).name == "Park Rangers"
    assert db.session.get(Department, department.id).covered is False
    assert len(audits("department.update")) == 1


def test_a_department_code_is_unique(as_staff, audits, ctx):
    factories.make_department(code="BPS", name="Public Schools")
    before = count(Department)

    response = as_staff.post_form("/staff/departments/new", {"code": "bps", "name": "Another"})

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "A department already uses this code." in page
    assert 'value="Another"' in page
    assert count(Department) == before
    assert audits("department.create") == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"code": "", "name": "Housing"}, "This field is required."),
        ({"code": "BHA", "name": "  "}, "This field is required."),
        ({"code": "B H A", "name": "Housing"}, "Use only letters, digits and hyphens."),
        ({"code": "X" * 21, "name": "Housing"}, "Field cannot be longer than 20 characters."),
    ],
)
def test_invalid_departments_are_refused(as_staff, ctx, data, message):
    before = count(Department)
    response = as_staff.post_form("/staff/departments/new", data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(Department) == before


def test_department_form_needs_the_csrf_token(as_staff, ctx):
    before = count(Department)
    response = as_staff.post("/staff/departments/new", data={"code": "BHA", "name": "Housing"})
    assert response.status_code == 400
    assert count(Department) == before


# Technologies ------------------------------------------------------------------------------


def test_staff_add_a_technology(as_staff, audits, ctx):
    department = factories.make_department(code="BPD")
    factories.make_technology(department, category="video")

    form = as_staff.get("/staff/technologies/new").get_data(as_text=True)
    response = as_staff.post_form(
        "/staff/technologies/new",
        {
            "name": "Automated license plate readers",
            "category": "Location",
            "department_id": department.id,
            "summary": "Cameras that read plates.",
        },
    )

    assert "categories already in use if it fits: video" in form
    assert response.status_code == 302
    technology = db.session.scalar(
        db.select(Technology).where(Technology.slug == "automated-license-plate-readers")
    )
    assert technology.category == "location"
    assert technology.department_id == department.id
    [entry] = audits("technology.create")
    assert entry.target_id == str(technology.id)


def test_staff_edit_a_technology(as_staff, audits, ctx):
    technology = factories.make_technology(name="Drones", slug="drones")

    response = as_staff.post_form(
        f"/staff/technologies/{technology.id}/edit",
        {
            "name": "Unmanned aerial systems",
            "slug": "drones",
            "category": "aerial",
            "department_id": technology.department_id,
        },
    )

    assert response.status_code == 302
    assert db.session.get(Technology, technology.id).name == "Unmanned aerial systems"
    assert len(audits("technology.update")) == 1


def test_a_technology_address_is_unique(as_staff, audits, ctx):
    existing = factories.make_technology(name="Drones", slug="drones")
    before = count(Technology)

    response = as_staff.post_form(
        "/staff/technologies/new",
        {"name": "Drones", "category": "aerial", "department_id": existing.department_id},
    )

    assert response.status_code == 400
    assert "Another technology already uses this address." in response.get_data(as_text=True)
    assert count(Technology) == before
    assert audits("technology.create") == []


@pytest.mark.parametrize("department_id", ["0", "999999", "abc"])
def test_a_technology_needs_a_known_department(as_staff, ctx, department_id):
    factories.make_department()
    before = count(Technology)

    response = as_staff.post_form(
        "/staff/technologies/new",
        {"name": "Cell-site simulators", "category": "location", "department_id": department_id},
    )

    assert response.status_code == 400
    assert 'value="Cell-site simulators"' in response.get_data(as_text=True)
    assert count(Technology) == before


# Policies ----------------------------------------------------------------------------------


def _policy_form(technology, **changes):
    data = {
        "title": "Body-worn cameras",
        "department_id": technology.department_id,
        "technology_id": technology.id,
        "summary": "Cameras **worn** by officers.",
        "status": "draft",
    }
    return {**data, **changes}


def test_staff_create_a_policy(as_staff, audits, ctx):
    technology = factories.make_technology()

    response = as_staff.post_form("/staff/policies/new", _policy_form(technology))

    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/policies/body-worn-cameras"
    policy = db.session.scalar(db.select(Policy).where(Policy.slug == "body-worn-cameras"))
    assert policy.summary_html == "<p>Cameras <strong>worn</strong> by officers.</p>"
    assert len(audits("policy.create")) == 1
    page = as_staff.get(response.headers["Location"]).get_data(as_text=True)
    assert "Next, publish its first version." in page


def test_staff_edit_a_policy_and_its_status(as_staff, audits, ctx):
    policy = factories.make_policy(title="Drones")
    form = _policy_form(policy.technology, title="Drones", slug="uas", status="approved")

    response = as_staff.post_form(f"/staff/policies/{policy.slug}/edit", form)

    assert response.headers["Location"] == "/staff/policies/uas"
    stored = db.session.get(Policy, policy.id)
    assert (stored.slug, stored.status) == ("uas", "approved")
    [entry] = audits("policy.update")
    assert entry.detail == {"status": ["draft", "approved"]}


def test_a_policy_address_is_unique(as_staff, audits, ctx):
    existing = factories.make_policy(title="Body-worn cameras")
    before = count(Policy)

    response = as_staff.post_form("/staff/policies/new", _policy_form(existing.technology))

    assert response.status_code == 400
    assert "Another policy already uses this address." in response.get_data(as_text=True)
    assert count(Policy) == before
    assert len(audits("policy.create")) == 1  # the factory's


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"technology_id": "0"}, "Choose a technology."),
        ({"department_id": "0"}, "Choose a department."),
        ({"status": "secret"}, "Not a valid choice."),
        ({"slug": "no spaces"}, "Use only letters, digits and hyphens."),
    ],
)
def test_invalid_policies_are_refused(as_staff, ctx, changes, message):
    technology = factories.make_technology()
    before = count(Policy)

    response = as_staff.post_form("/staff/policies/new", _policy_form(technology, **changes))

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(Policy) == before


def test_policy_list_shows_status_and_period_state(as_staff, ctx):
    factories.make_policy(title="Open one", period="open", status="open_for_comment")
    factories.make_policy(title="Upcoming one", period="upcoming")
    factories.make_policy(title="Empty draft", versions=0)

    page = as_staff.get("/staff/policies").get_data(as_text=True)

    assert "Open for comment" in page
    assert "Open: 10 days left" in page
    assert "Upcoming: opens" in page
    assert "None yet" in page


def test_policy_form_needs_the_csrf_token(as_staff, ctx):
    technology = factories.make_technology()
    response = as_staff.post("/staff/policies/new", data=_policy_form(technology))
    assert response.status_code == 400
    assert count(Policy) == 0
