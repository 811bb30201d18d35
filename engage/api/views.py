"""The public read-only JSON API, /api/v1: policies, their published comments, annual reports."""

from flask import Blueprint, current_app, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from engage.api import events as api_events
from engage.api import openapi, serializers, services
from engage.api import summaries as api_summaries
from engage.api.pagination import page_of
from engage.api.params import (
    ApiError,
    choice_param,
    comment_filters,
    page_request,
    policy_filters,
    report_filters,
)
from engage.campaigns.queries import public_campaigns_statement
from engage.errors import render_error
from engage.extensions import csrf, db
from engage.orgs import queries as org_queries
from engage.orgs.models import Organization, OrgStatus
from engage.permissions import public
from engage.policies.sections import configured_sections
from engage.reference import languages, neighborhoods

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.route("/policies")
@public
def policies():
    filters, page = policy_filters(request.args), page_request(request.args)
    return page_of(services.policies_statement(filters), page, serializers.policy_items)


def _no_policy(slug: str) -> ApiError:
    return ApiError(404, _l("Not found"), gettext("No policy has the slug “%(slug)s”.", slug=slug))


@bp.route("/policies/<slug>")
@public
def policy(slug: str):
    found = db.session.scalar(services.policy_statement(slug)) if "\x00" not in slug else None
    if found is None:
        raise _no_policy(slug)
    return serializers.policy_detail(found)


@bp.route("/policies/<slug>/comments")
@public
def policy_comments(slug: str):
    found = services.policy_by_slug(slug)
    if found is None:
        raise _no_policy(slug)
    filters = comment_filters(request.args, configured_sections())
    page = page_request(request.args)
    statement = services.comments_statement(found, filters)
    return page_of(statement, page, serializers.comment_items)


@bp.route("/policies/<slug>/campaigns")
@public
def policy_campaigns(slug: str):
    found = services.policy_by_slug(slug)
    if found is None:
        raise _no_policy(slug)
    statement = public_campaigns_statement(found)
    return page_of(statement, page_request(request.args), serializers.campaign_items)


@bp.route("/reports")
@public
def reports():
    filters, page = report_filters(request.args), page_request(request.args)
    return page_of(services.reports_statement(filters), page, serializers.report_items)


def organization_filters(args) -> tuple[str | None, str | None]:
    """`neighborhood` (a name) and `language` (a code), checked against the city's lists."""
    neighborhood = choice_param(args, "neighborhood", neighborhoods())
    language = choice_param(args, "language", tuple(lang.code for lang in languages()))
    return neighborhood or None, language or None


@bp.route("/organizations")
@public
def organizations():
    neighborhood, language = organization_filters(request.args)
    page = page_request(request.args)
    statement = org_queries.directory_statement(neighborhood, language)
    return page_of(statement, page, serializers.organization_items)


@bp.route("/organizations/<slug>")
@public
def organization(slug: str):
    found = None
    if "\x00" not in slug:
        found = db.session.scalar(
            org_queries.by_slug(slug).where(Organization.status == OrgStatus.VERIFIED.value)
        )
    if found is None:
        raise ApiError(
            404,
            _l("Not found"),
            gettext("No organization has the slug “%(slug)s”.", slug=slug),
        )
    return serializers.organization_item(found)


@bp.route("/events")
@public
def events():
    filters, page = api_events.event_filters(request.args), page_request(request.args)
    return page_of(api_events.events_statement(filters), page, api_events.event_items)


@bp.route("/events/<int:event_id>")
@public
def event(event_id: int):
    found = db.session.scalar(api_events.event_statement(event_id))
    if found is None:
        raise api_events.not_found(event_id)
    return api_events.event_items([found])[0]


@bp.route("/summaries")
@public
def summaries():
    filters, page = api_summaries.summary_filters(request.args), page_request(request.args)
    return page_of(api_summaries.summaries_statement(filters), page, api_summaries.summary_items)


@bp.route("/summaries/<int:summary_id>")
@public
def summary(summary_id: int):
    found = api_summaries.summary_version(summary_id, api_summaries.version_param(request.args))
    if found is None:
        raise api_summaries.not_found(summary_id)
    return api_summaries.summary_item(found)


@bp.route("/openapi.json")
@public
def openapi_document():
    return openapi.document(current_app.config["ENGAGE_BASE_URL"])


@bp.errorhandler(ApiError)
def api_error(error: ApiError):
    body, status = render_error(error.status, error.title, error.detail)
    if error.parameter:
        body["error"]["parameter"] = error.parameter
    return body, status


@bp.after_app_request
def public_read_only(response):
    """Let any site read the API (it is public), and answer unchanged GETs with a 304."""
    if not request.path.startswith(bp.url_prefix + "/"):
        return response
    response.headers["Access-Control-Allow-Origin"] = "*"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, If-None-Match"
        response.headers["Access-Control-Max-Age"] = "86400"
    elif request.method in ("GET", "HEAD") and response.status_code == 200:
        response.headers["Access-Control-Expose-Headers"] = "ETag"
        response.cache_control.no_cache = True
        response.add_etag()
        response = response.make_conditional(request)
    return response
