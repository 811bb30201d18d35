"""axe-core (WCAG 2.1 A and AA) on every page, as each kind of visitor sees it, in English,
Spanish and Arabic (right to left).

Add a page with one line in PAGES. A page whose endpoint does not exist yet is xfailed
("page not built yet") and starts being checked as soon as its view lands. GET pages under
/staff and /admin are found from the URL map, so new staff and admin forms are checked too;
their URL arguments are filled from the seeded data (tests/browser/page_seed.py) by
`route_argument`.

Languages: every page is checked in every role it lists in English, Spanish and Arabic.
ENGAGE_AXE_SAMPLE=1 is for a quicker run while working: English in every role, Spanish in the
page's first role and Arabic in its second (a public page by a visitor in Spanish and by a
signed-in resident in Arabic).
"""

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import pytest
from flask import url_for

from engage.accounts.models import User
from engage.comments import services as commenting
from engage.extensions import db
from engage.policies.models import Policy
from tests.browser.helpers import axe_violations, describe_violations, screenshot
from tests.browser.page_seed import Seed
from tests.conftest import make_test_app

ANONYMOUS, RESIDENT, ORG_MEMBER = "anonymous", "resident", "org_member"
MODERATOR, STAFF, BOARD, ADMIN = "moderator", "staff", "board", "admin"
EVERYONE = (ANONYMOUS, RESIDENT, STAFF, ADMIN)
# The main public pages, as every kind of account sees them (each has its own header).
ALL_ROLES = (ANONYMOUS, RESIDENT, ORG_MEMBER, MODERATOR, STAFF, BOARD, ADMIN)
SIGNED_IN = (RESIDENT, STAFF, ADMIN)
LANGUAGES = ("en", "es", "ar")
SAMPLE_LANGUAGES = os.environ.get("ENGAGE_AXE_SAMPLE") == "1"


@dataclass(frozen=True)
class Page:
    name: str
    endpoint: str | None  # None: `path` is used as it is
    arguments: Callable[[Seed], dict] = lambda seed: {}
    roles: tuple[str, ...] = EVERYONE
    status: int = 200
    path: str | None = None


PAGES = [
    Page("home", "core.home", roles=ALL_ROLES),
    Page("policies", "policies.catalog", roles=ALL_ROLES),
    Page("policies-filtered", "policies.catalog", lambda s: {"q": "camera", "period": "open"}),
    Page("policy", "policies.detail", lambda s: {"slug": s.policy}, ALL_ROLES),
    Page("version", "policies.version", lambda s: {"slug": s.policy, "number": 1}),
    Page("diff", "policies.diff", lambda s: {"slug": s.policy, "from": 1, "to": 2}),
    Page("departments", "policies.departments"),
    Page("department", "policies.department", lambda s: {"code": s.department}),
    Page("technologies", "policies.technologies"),
    Page("technology", "policies.technology", lambda s: {"slug": s.technology}),
    Page("reports", "reports.index"),
    Page("report", "reports.detail", lambda s: {"department": s.department, "year": s.report_year}),
    Page("exigent-use", "reports.exigent"),
    Page("exigent-notice", "reports.exigent_detail", lambda s: {"id": s.exigent_id}),
    Page("not-found", None, path="/no-such-page", status=404),
    Page("login", "accounts.login", roles=(ANONYMOUS,)),
    Page("register", "accounts.register", roles=(ANONYMOUS,)),
    Page("forgot", "accounts.forgot_password", roles=(ANONYMOUS,)),
    Page("reset", "accounts.reset_password", lambda s: {"token": "x"}, roles=(ANONYMOUS,)),
    Page("confirm-failed", "accounts.confirm", lambda s: {"token": "x"}, (ANONYMOUS,), 400),
    Page("account", "accounts.account", roles=(*SIGNED_IN, ORG_MEMBER, MODERATOR, BOARD)),
    Page("account-delete", "accounts.delete", roles=SIGNED_IN),
    Page("forbidden", "staff.workspace", roles=(RESIDENT,), status=403),
    Page("staff", "staff.workspace", roles=(STAFF, ADMIN)),
    Page("admin", "admin.index", roles=(ADMIN,)),
    # Comment threads and what people do with a comment.
    Page("policy-thread-filtered", "policies.detail", lambda s: _filtered(s.policy)),
    Page("policy-thread-page-2", "policies.detail", lambda s: {"slug": s.policy, "page": 2}),
    Page("policy-closed", "policies.detail", lambda s: {"slug": s.closed_policy}),
    Page("policy-upcoming", "policies.detail", lambda s: {"slug": s.upcoming_policy}),
    Page("policy-late", "policies.detail", lambda s: {"slug": s.late_policy}),
    Page("comment", "comments.permalink", lambda s: {"comment_id": s.comment_id}),
    Page("comment-reply", "comments.permalink", lambda s: {"comment_id": s.reply_id}),
    Page("comment-withdrawn", "comments.permalink", lambda s: {"comment_id": s.withdrawn_id}),
    Page("comment-on-closed", "comments.permalink", lambda s: {"comment_id": s.closed_comment_id}),
    Page("receipt", "comments.posted", lambda s: {"comment_id": s.own_comment_id}, (RESIDENT,)),
    Page("comment-edit", "comment_actions.edit", lambda s: _fresh_own(), (RESIDENT,)),
    Page(
        "comment-edit-expired",
        "comment_actions.edit",
        lambda s: {"comment_id": s.expired_comment_id},
        (RESIDENT,),
    ),
    Page("comment-withdraw", "comment_actions.withdraw", lambda s: _own(s), (RESIDENT,)),
    Page("comment-flag", "comment_actions.flag", lambda s: {"comment_id": s.comment_id}, SIGNED_IN),
    Page("comment-flag-own", "comment_actions.flag", lambda s: _own(s), (RESIDENT,), 403),
    Page("unsubscribe", "comment_actions.unsubscribe", lambda s: {"token": s.follow_token}),
    Page("unsubscribe-gone", "comment_actions.unsubscribe", lambda s: {"token": "gone"}),
    Page(
        "unsubscribe-replies",
        "comment_actions.unsubscribe_replies",
        lambda s: {"token": s.replies_token},
        (ANONYMOUS, RESIDENT),
    ),
    Page(
        "unsubscribe-replies-forged",
        "comment_actions.unsubscribe_replies",
        lambda s: {"token": "forged"},
        (ANONYMOUS,),
        400,
    ),
    Page("staff-comment-entry", "comments_staff.new_comment", lambda s: _slug(s), (STAFF, ADMIN)),
    Page("staff-comment-import", "comments_staff.import_file", lambda s: _slug(s), (STAFF, ADMIN)),
    # City meetings and session reports.
    Page("meetings", "meetings.index"),
    Page("meetings-past", "meetings.index", lambda s: {"when": "past"}),
    Page("meeting", "meetings.detail", lambda s: {"event_id": s.meeting_id}),
    Page("session-report", "event_reports.detail", lambda s: {"event_id": s.report_event_id}),
    Page("report-form", "event_reports.edit", lambda s: {"event_id": s.report_event_id}, (STAFF,)),
    Page("staff-meetings", "meetings.staff_index", roles=(STAFF, ADMIN)),
    Page("new-meeting", "meetings.new", roles=(STAFF,)),
    Page("edit-meeting", "meetings.edit", lambda s: {"event_id": s.meeting_id}, (STAFF,)),
    Page("cancel-meeting", "meetings.cancel", lambda s: {"event_id": s.meeting_id}, (STAFF,)),
    Page("speaker-list", "meetings.speakers", lambda s: {"event_id": s.meeting_id}, (STAFF,)),
    # Listening sessions and sign-ups.
    Page("events", "events.index", roles=ALL_ROLES),
    Page("events-past", "events.index", lambda s: {"when": "past"}),
    Page(
        "events-filtered", "events.index", lambda s: {"language": "es", "neighborhood": "Roxbury"}
    ),
    Page("event", "events.detail", lambda s: {"event_id": s.session_id}, ALL_ROLES),
    Page("event-full", "events.detail", lambda s: {"event_id": s.full_session_id}),
    Page("event-leave", "events.confirm_cancel", lambda s: {"event_id": s.session_id}, (RESIDENT,)),
    Page("event-new", "event_organizer.new", lambda s: {"slug": s.session_org}, (STAFF,)),
    Page("event-edit", "event_organizer.edit", lambda s: {"event_id": s.session_id}, (STAFF,)),
    Page("event-cancel", "event_organizer.cancel", lambda s: {"event_id": s.session_id}, (STAFF,)),
    Page("attendees", "event_organizer.attendees", lambda s: {"event_id": s.session_id}, (STAFF,)),
    # Partner organizations.
    Page("orgs", "orgs.index"),
    Page("orgs-filtered", "orgs.index", lambda s: {"neighborhood": "Mattapan", "language": "ht"}),
    Page("org", "orgs.detail", lambda s: {"slug": s.org}, ALL_ROLES),
    Page("org-leave-member", "orgs.leave", lambda s: {"slug": s.org}, (ORG_MEMBER,)),
    Page("org-pending", "orgs.detail", lambda s: {"slug": s.org_pending}, (STAFF, ADMIN)),
    Page("org-apply", "orgs.apply", roles=SIGNED_IN),
    Page("org-edit", "orgs.edit", lambda s: {"slug": s.org}, (RESIDENT,)),
    Page("org-members", "orgs.members", lambda s: {"slug": s.org}, (RESIDENT,)),
    Page("org-leave", "orgs.leave", lambda s: {"slug": s.org}, (RESIDENT,)),
    Page(
        "org-remove",
        "orgs.remove_member",
        lambda s: {"slug": s.org, "membership_id": s.org_member_id},
        (RESIDENT,),
    ),
    Page(
        "org-hand-over",
        "orgs.hand_over",
        lambda s: {"slug": s.org, "membership_id": s.org_member_id},
        (RESIDENT,),
    ),
    Page("org-invitation", "orgs.invitation", lambda s: {"token": s.org_invitation}, EVERYONE),
    Page("org-invitation-bad", "orgs.invitation", lambda s: {"token": "forged"}, status=400),
    # Moderation (the queue, a comment's page, appeals) and the public guidelines and report.
    Page("moderation", "moderation.queue", roles=(MODERATOR, ADMIN)),
    Page("moderation-flagged", "moderation.queue", lambda s: {"tab": "flagged"}, (MODERATOR,)),
    Page("moderation-recent", "moderation.queue", lambda s: {"tab": "recent"}, (MODERATOR,)),
    Page("moderation-forbidden", "moderation.queue", roles=(RESIDENT,), status=403),
    Page("moderation-item", "moderation.item", lambda s: _comment(s), (MODERATOR,)),
    Page("moderation-appeals", "moderation.appeals", roles=(MODERATOR,)),
    Page("moderation-suspensions", "moderation.suspensions", roles=(MODERATOR,)),
    Page("moderation-suspend", "moderation.suspend", lambda s: _user(s), (MODERATOR,)),
    Page("moderation-rules", "moderation.rules", roles=(ADMIN,)),
    Page("guidelines-edit", "moderation.edit_guidelines", roles=(ADMIN,)),
    Page("moderation-report", "moderation.report"),
    Page("guidelines", "moderation.guidelines"),
    # The advisory board.
    Page("board", "board.dashboard", roles=(BOARD,)),
    Page("board-about", "board.about", roles=(ANONYMOUS, BOARD)),
]


def _filtered(slug: str) -> dict:
    return {"slug": slug, "section": "data_retention", "sort": "endorsed"}


def _own(seed: Seed) -> dict:
    return {"comment_id": seed.own_comment_id}


# The resident's comments stay editable for 15 minutes, less than this module takes: the edit
# pages get a comment posted just before they are opened.
FRESH_OWN = "a comment the resident posts now"


def _fresh_own() -> dict:
    return {"comment_id": FRESH_OWN}


def fresh_arguments(arguments: dict, seed: Seed, live_data, live_users) -> dict:
    """`arguments` with FRESH_OWN replaced by the id of a comment the resident posts now."""
    if FRESH_OWN not in arguments.values():
        return arguments
    with live_data():
        resident = db.session.scalar(db.select(User).where(User.email == live_users[RESIDENT]))
        policy = db.session.scalar(db.select(Policy).where(Policy.slug == seed.policy))
        data = commenting.CommentData(body="Thirty days, then delete the footage.")
        comment_id = commenting.post_comment(resident, policy, data).id
    return {k: comment_id if v == FRESH_OWN else v for k, v in arguments.items()}


def _comment(seed: Seed) -> dict:
    return {"comment_id": seed.comment_id}


def _user(seed: Seed) -> dict:
    return {"user_id": seed.user_id}


def _slug(seed: Seed) -> dict:
    return {"slug": seed.policy}


# URL argument -> Seed attribute, for the discovered /staff and /admin pages.
ARGUMENTS = {
    "code": "department",
    "department": "department",
    "year": "report_year",
    "user_id": "user_id",
    "exigent_id": "exigent_id",
    "notice_id": "exigent_id",
    **{name: name for name in Seed.__dataclass_fields__ if name.endswith("_id")},
}
# An ambiguous `slug` or `id` belongs to the first noun found in the endpoint's name.
NOUNS = ("technolog", "department", "sharing", "entry", "report", "exigent", "period", "version")
NOUN_SLUG = {"technolog": "technology", "department": "department"}
NOUN_ID = {"technolog": "technology_id", "department": "department_id", "user": "user_id"}
NOUN_ID.update({n: f"{n}_id" for n in ("sharing", "entry", "report", "exigent", "period")})
NOUN_ID["version"] = "version_id"


def _noun(endpoint: str) -> str | None:
    name = endpoint.lower()
    return next((noun for noun in (*NOUNS, "user") if noun in name), None)


def route_argument(seed: Seed, endpoint: str, argument: str):
    """The seeded value for one URL argument of a staff or admin page."""
    if endpoint.startswith("translations.") and argument == "code":
        return "es"  # a language, not a department
    if argument in ARGUMENTS:
        return getattr(seed, ARGUMENTS[argument])
    if argument in ("number", "version_number", "n"):
        return 1
    noun = _noun(endpoint)
    if argument == "slug":
        return getattr(seed, NOUN_SLUG.get(noun, "policy"))
    if argument == "id":
        return getattr(seed, NOUN_ID.get(noun, "policy_id"))
    pytest.fail(f"{endpoint}: teach route_argument() what to put in <{argument}>")
    return None


# Discovered pages ---------------------------------------------------------------------------

DISCOVERED_UNDER = {"/staff": (STAFF, ADMIN), "/admin": (ADMIN,)}
NOT_PAGES = (".csv", ".json", ".ics", ".atom")


def _page_roles(rule, listed: set) -> tuple[str, ...] | None:
    if rule.endpoint in listed or "GET" not in rule.methods or rule.rule.endswith(NOT_PAGES):
        return None
    return next((r for p, r in DISCOVERED_UNDER.items() if rule.rule.startswith(p)), None)


@cache
def _route_table() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(endpoint, roles) of every GET page under /staff and /admin not listed in PAGES."""
    app = make_test_app("sqlite://")
    listed = {page.endpoint for page in PAGES}
    found = ((rule.endpoint, _page_roles(rule, listed)) for rule in app.url_map.iter_rules())
    return tuple(sorted((endpoint, roles) for endpoint, roles in found if roles))


def in_languages(roles: tuple[str, ...]):
    """(role, language) pairs to check: all of them, or the sample (see the docstring)."""
    for role in roles:
        for number, language in enumerate(LANGUAGES):
            sampled = number == 0 or role == roles[(number - 1) % len(roles)]
            if not SAMPLE_LANGUAGES or sampled:
                yield role, language


def pytest_generate_tests(metafunc):
    if "discovered" in metafunc.fixturenames:
        cases = [
            (e, role, language)
            for e, roles in _route_table()
            for role, language in in_languages(roles)
        ]
        metafunc.parametrize(
            ("discovered", "role", "language"),
            cases,
            ids=[f"{language}-{role}-{e}" for e, role, language in cases],
        )


# Checking -----------------------------------------------------------------------------------


@dataclass
class Findings:
    url: str
    problems: list[str] = field(default_factory=list)

    def check(self, condition: bool, message: str) -> None:
        if not condition:
            self.problems.append(message)


def visit_and_check(page, url: str, status: int = 200, language: str = "en") -> None:
    """Open `url`; its status, its language and direction, one h1, no axe violation and no CSP
    error, reported together."""
    page.watch.clear()
    response = page.goto(url)
    found = Findings(page.url)
    found.check(response.status == status, f"status {response.status}, expected {status}")
    html = page.locator("html")
    shown = (html.get_attribute("lang"), html.get_attribute("dir"))
    expected = (language, "rtl" if language == "ar" else "ltr")
    found.check(shown == expected, f"<html lang dir> is {shown}, expected {expected}")
    headings = page.locator("h1").count()
    found.check(headings == 1, f"{headings} h1 elements, expected one")
    violations = axe_violations(page)
    found.check(not violations, describe_violations(page.url, violations))
    found.problems.extend(page.watch.problems())
    if found.problems:
        screenshot(page, f"axe-{url}")
    assert not found.problems, f"{url}:\n" + "\n".join(found.problems)


def build_url(live_app, endpoint: str, arguments: dict, language: str = "en") -> str:
    with live_app.test_request_context():
        return url_for(endpoint, **arguments, lang=language)


def with_language(path: str, language: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={language}"


@pytest.fixture(scope="module", autouse=True)
def _profiles_back_to_no_language(live_data, live_users):
    """?lang= saves a signed-in account's language: leave the accounts as they were found."""
    yield
    with live_data():
        for user in db.session.scalars(db.select(User).where(User.email.in_(live_users.values()))):
            user.preferred_language = None


CASES = [
    pytest.param(page, role, language, id=f"{language}-{role}-{page.name}")
    for page in PAGES
    for role, language in in_languages(page.roles)
]


@pytest.mark.parametrize(("listed", "role", "language"), CASES)
def test_page_has_no_axe_violations(
    listed: Page, role, language, seed, live_app, live_data, live_users, role_page
):
    if listed.endpoint and listed.endpoint not in live_app.view_functions:
        pytest.xfail("page not built yet")
    if listed.path:
        url = with_language(listed.path, language)
    else:
        arguments = fresh_arguments(listed.arguments(seed), seed, live_data, live_users)
        url = build_url(live_app, listed.endpoint, arguments, language)
    visit_and_check(role_page(role), url, listed.status, language)


def test_staff_and_admin_page_has_no_axe_violations(
    discovered, role, language, seed, live_app, role_page
):
    rule = next(r for r in live_app.url_map.iter_rules() if r.endpoint == discovered)
    arguments = {name: route_argument(seed, discovered, name) for name in rule.arguments}
    visit_and_check(
        role_page(role), build_url(live_app, discovered, arguments, language), language=language
    )


# Forms in their error state -------------------------------------------------------------------


@dataclass(frozen=True)
class FormCase:
    name: str
    endpoint: str
    role: str
    arguments: Callable[[Seed], dict] = lambda seed: {}
    fill: dict[str, str] = field(default_factory=dict)  # selector -> value; other text cleared


FORMS = [
    FormCase("register", "accounts.register", ANONYMOUS, fill={"#email": "not-an-email"}),
    FormCase(
        "login",
        "accounts.login",
        ANONYMOUS,
        fill={"#email": "nobody@example.org", "#password": "not-the-password"},
    ),
    FormCase("forgot", "accounts.forgot_password", ANONYMOUS, fill={"#email": "not-an-email"}),
    FormCase("reset", "accounts.reset_password", ANONYMOUS, lambda s: {"token": "x"}),
    FormCase("account", "accounts.account", RESIDENT, fill={"#display_name": "x"}),
    FormCase("account-delete", "accounts.delete", RESIDENT),
    FormCase("new-department", "policies_staff.new_department", STAFF),
    FormCase("new-technology", "policies_staff.new_technology", STAFF),
    FormCase("new-policy", "policies_staff.new_policy", STAFF),
    FormCase("new-report", "reports_staff.new_report", STAFF),
    FormCase("new-exigent", "reports_staff.new_exigent", STAFF),
    FormCase("comment-edit", "comment_actions.edit", RESIDENT, lambda s: _fresh_own()),
    FormCase(
        "comment-flag", "comment_actions.flag", RESIDENT, lambda s: {"comment_id": s.comment_id}
    ),
    FormCase("staff-comment-entry", "comments_staff.new_comment", STAFF, lambda s: _slug(s)),
    FormCase("staff-comment-import", "comments_staff.import_file", STAFF, lambda s: _slug(s)),
    FormCase("org-apply", "orgs.apply", RESIDENT),
    FormCase("org-edit", "orgs.edit", RESIDENT, lambda s: {"slug": s.org}),
    FormCase("org-invite", "orgs.members", RESIDENT, lambda s: {"slug": s.org}, {"#email": "x"}),
    FormCase("org-reject", "orgs_staff.reject", STAFF, lambda s: {"org_id": s.org_id}),
    FormCase("new-meeting", "meetings.new", STAFF),
    FormCase("report", "event_reports.edit", STAFF, lambda s: {"event_id": s.report_event_id}),
    FormCase("event-new", "event_organizer.new", STAFF, lambda s: {"slug": s.session_org}),
    FormCase(
        "event-waitlist", "events.detail", RESIDENT, lambda s: {"event_id": s.full_session_id}
    ),
]


TEXT_BOXES = "input[type=text], input[type=email], input[type=number], input:not([type]), textarea"


def submit_cleared(page, fill: dict[str, str]) -> None:
    """Submit the page's main form with its text emptied (and `fill` typed), skipping the
    browser's own validation so the server's error summary is what shows."""
    form = page.locator("main form[method=post]").first
    form.evaluate("form => { form.noValidate = true; }")
    for box in form.locator(
        "input[type=text], input[type=email], input:not([type]), textarea"
    ).all():
        box.fill("")
    for selector, value in fill.items():
        form.locator(selector).fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").last.click()


FORM_CASES = [
    pytest.param(c, language, id=f"{language}-{c.role}-{c.name}")
    for c in FORMS
    for language in (
        "en",
        "ar",
    )  # the error summary and field errors, left to right and right to left
]


@pytest.mark.parametrize(("case", "language"), FORM_CASES)
def test_form_with_errors_has_no_axe_violations(
    case: FormCase, language, seed, live_app, live_data, live_users, role_page
):
    if case.endpoint not in live_app.view_functions:
        pytest.xfail("page not built yet")
    page = role_page(case.role)
    arguments = fresh_arguments(case.arguments(seed), seed, live_data, live_users)
    page.goto(build_url(live_app, case.endpoint, arguments, language))
    page.watch.clear()
    submit_cleared(page, case.fill)
    assert page.locator("#error-summary").is_visible(), f"no error summary on {page.url}"
    assert page.locator("#error-summary").evaluate("e => e === document.activeElement")
    violations = axe_violations(page)
    assert not violations, describe_violations(page.url, violations)
    assert not page.watch.problems(), page.watch.problems()
