"""Who may do what: every role against every permission, and every route guarded or public."""

import pytest
from flask_login import AnonymousUserMixin

from engage.permissions import PERMISSIONS, ROLES, can
from tests import factories

STAFF_ACTIONS = [
    "staff:access",
    "department:edit",
    "technology:edit",
    "policy:edit",
    "version:publish",
    "period:manage",
    "report:edit",
    "exigent:edit",
]
ADMIN_ACTIONS = ["admin:access", "user:manage", "audit:read"]
STAFF_ACTIONS += ["comment:respond", "comment:enter", "org:verify", "meeting:create"]
STAFF_ACTIONS += ["policy:moderation_mode", "policy:translate"]
MODERATOR_ACTIONS = ["moderation:access", "comment:moderate", "campaign:moderate"]
MODERATOR_ACTIONS += ["account:suspend"]
ADMIN_ACTIONS += ["guidelines:edit", "moderation:rules"]
STAFF_ACTIONS += ["summary:edit", "summary:publish", "board:manage", "theme:tag"]
MODERATOR_ACTIONS += ["theme:tag", "comments:export_hidden"]
BOARD_ACTIONS = ["board:access", "board:note"]
SIGNED_IN_ACTIONS = ["comment:post", "policy:follow", "org:apply", "event:rsvp", "meeting:testify"]

# The expected answer, written out by hand: role -> permissions granted (no object).
EXPECTED = {
    "anonymous": set(),
    "resident": set(SIGNED_IN_ACTIONS),
    "moderator": set(MODERATOR_ACTIONS + SIGNED_IN_ACTIONS),
    "board": set(BOARD_ACTIONS + SIGNED_IN_ACTIONS),
    "staff": set(STAFF_ACTIONS + SIGNED_IN_ACTIONS),
    "admin": set(STAFF_ACTIONS + MODERATOR_ACTIONS + BOARD_ACTIONS + ADMIN_ACTIONS)
    | set(SIGNED_IN_ACTIONS),
}
OBJECT_PERMISSIONS = {"account:view", "account:edit", "account:delete"}
AUTHOR_PERMISSIONS = {"comment:edit", "comment:withdraw"}
OTHERS_PERMISSIONS = {"comment:endorse", "comment:flag"}
ORG_PERMISSIONS = {"org:manage", "org:member", "event:create"}
EVENT_PERMISSIONS = {"event:manage", "event:attendees", "event:report"}
APPEAL_PERMISSIONS = {"appeal:decide", "decision:appeal"}
ROLE_ACTIONS = sorted(
    set(STAFF_ACTIONS + MODERATOR_ACTIONS + BOARD_ACTIONS + ADMIN_ACTIONS + SIGNED_IN_ACTIONS)
)


def _user(role):
    if role == "anonymous":
        return AnonymousUserMixin()
    return factories.make_user(role=role)


def test_matrix_covers_every_role_and_permission():
    assert set(EXPECTED) == {"anonymous", *ROLES}
    assert set(ROLE_ACTIONS) | OBJECT_PERMISSIONS | AUTHOR_PERMISSIONS | OTHERS_PERMISSIONS | (
        ORG_PERMISSIONS | EVENT_PERMISSIONS | APPEAL_PERMISSIONS
    ) == set(PERMISSIONS)


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("permission", ROLE_ACTIONS)
def test_role_permission_matrix(ctx, role, permission):
    assert can(_user(role), permission) is (permission in EXPECTED[role])


@pytest.mark.parametrize("permission", sorted(OBJECT_PERMISSIONS))
def test_account_permissions_only_on_ones_own_account(ctx, permission):
    owner, other, admin = (factories.make_user(), factories.make_user(), _user("admin"))
    assert can(owner, permission, owner)
    assert not can(other, permission, owner)
    assert not can(admin, permission, owner)
    assert not can(AnonymousUserMixin(), permission, owner)


class _Comment:
    def __init__(self, author_id):
        self.author_id = author_id


@pytest.mark.parametrize("role", ROLES)
def test_authors_edit_and_withdraw_others_endorse_and_flag(ctx, role):
    author, other = _user(role), _user(role)
    comment = _Comment(author.id)
    for permission in AUTHOR_PERMISSIONS:
        assert can(author, permission, comment)
        assert not can(other, permission, comment)
    for permission in OTHERS_PERMISSIONS:
        assert not can(author, permission, comment)
        assert can(other, permission, comment)
        assert not can(AnonymousUserMixin(), permission, comment)


# Organization roles: who may do what to an organization and to its events.
ORG_EXPECTED = {
    "outsider": set(),
    "member": {"org:member", "event:create", "event:manage", "event:attendees", "event:report"},
    "org_admin": ORG_PERMISSIONS | EVENT_PERMISSIONS,
    "staff": EVENT_PERMISSIONS,  # staff may step in on any session, not run the organization
}


def _org_world(verified=True):
    from engage.events.models import Event
    from engage.extensions import db
    from engage.orgs.models import Membership, Organization
    from engage.types import utcnow

    org = Organization(
        slug=f"org-{id(object())}", name="Org", status="verified" if verified else "pending"
    )
    db.session.add(org)
    db.session.flush()
    people = {name: factories.make_user() for name in ("outsider", "member", "org_admin")}
    people["staff"] = factories.make_user(role="staff")
    db.session.add_all(
        [
            Membership(organization_id=org.id, user_id=people["member"].id, role="member"),
            Membership(organization_id=org.id, user_id=people["org_admin"].id, role="admin"),
        ]
    )
    event = Event(organization=org, title="Session", starts_at=utcnow(), ends_at=utcnow())
    db.session.add(event)
    db.session.flush()
    return org, event, people


@pytest.mark.parametrize("person", list(ORG_EXPECTED))
def test_organization_role_matrix(ctx, person):
    org, event, people = _org_world()
    user = people[person]
    for permission in sorted(ORG_PERMISSIONS):
        assert can(user, permission, org) is (permission in ORG_EXPECTED[person]), permission
    for permission in sorted(EVENT_PERMISSIONS):
        assert can(user, permission, event) is (permission in ORG_EXPECTED[person]), permission


def test_members_of_unverified_organizations_cannot_publish(ctx):
    org, event, people = _org_world(verified=False)
    assert not can(people["org_admin"], "event:create", org)
    assert not can(people["member"], "event:manage", event)
    assert can(people["org_admin"], "org:manage", org)


def test_city_meetings_are_run_by_staff(ctx):
    from engage.events.models import Event
    from engage.types import utcnow

    meeting = Event(kind="hearing", title="Hearing", starts_at=utcnow(), ends_at=utcnow())
    assert can(factories.make_user(role="staff"), "event:manage", meeting)
    assert not can(factories.make_user(), "event:manage", meeting)


def test_disabled_staff_lose_their_powers(ctx):
    from engage.types import utcnow

    user = factories.make_user(role="admin", disabled_at=utcnow())
    assert not any(can(user, p) for p in STAFF_ACTIONS + ADMIN_ACTIONS)


def test_unknown_permission_is_a_programming_error(ctx):
    with pytest.raises(LookupError):
        can(AnonymousUserMixin(), "nothing:here")


def _view(app, endpoint):
    view = app.view_functions[endpoint]
    while hasattr(view, "__wrapped__") and not _marked(view):
        view = view.__wrapped__
    return view


def _marked(view) -> bool:
    return any(hasattr(view, a) for a in ("is_public", "required_permission", "checks_inside"))


def test_every_route_is_public_or_guarded(app):
    unmarked = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        and not _marked(_view(app, rule.endpoint))
        and not _login_required(app, rule.endpoint)
    ]
    assert unmarked == []


def _login_required(app, endpoint) -> bool:
    # Flask-Login's decorator plus an ensure() inside: the account pages.
    view = app.view_functions[endpoint]
    return endpoint.startswith("accounts.") and view.__code__.co_name == "decorated_view"


def _guarded_get_routes(app):
    for rule in app.url_map.iter_rules():
        view = _view(app, rule.endpoint)
        if "GET" in rule.methods and not rule.arguments and hasattr(view, "required_permission"):
            yield rule.rule


def test_guarded_pages_refuse_anonymous_and_residents(app, client, resident, login):
    routes = list(_guarded_get_routes(app))
    assert "/staff" in routes and "/admin" in routes
    for route in routes:
        response = client.get(route)
        assert response.status_code in (302, 401), route
    login(resident)
    for route in routes:
        assert client.get(route).status_code == 403, route


class _Policy:
    moderation_mode = "post"

    def __init__(self, department_id):
        self.department_id = department_id


class _Moderated:
    def __init__(self, policy, author_id=None):
        self.policy, self.author_id = policy, author_id


@pytest.mark.parametrize("permission", ["comment:moderate", "campaign:moderate"])
def test_moderators_cannot_moderate_their_own_departments_policies(ctx, permission):
    from engage.extensions import db
    from engage.policies.models import Department

    own, other = Department(code="OWN", name="Own"), Department(code="OTH", name="Other")
    db.session.add_all([own, other])
    db.session.flush()
    official = factories.make_user(role="moderator")
    official.department_id = own.id
    assert not can(official, permission, _Moderated(_Policy(own.id)))
    assert can(official, permission, _Moderated(_Policy(other.id)))
    assert can(factories.make_user(role="moderator"), permission, _Moderated(_Policy(own.id)))
    assert not can(factories.make_user(role="staff"), permission, _Moderated(_Policy(other.id)))
