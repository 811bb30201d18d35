"""Public catalog pages: policies, versions, diffs, departments and technologies."""

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext

from engage import cache as page_cache
from engage.comments.views import comment_thread
from engage.extensions import db
from engage.i18n import select_language
from engage.permissions import public
from engage.policies import queries, translations
from engage.policies.diff import diff_sections
from engage.policies.sections import configured_sections
from engage.policies.services import current_period
from engage.web import page_number

bp = Blueprint("policies", __name__)

PER_PAGE = 20


@bp.route("/policies")
@public
def catalog():
    filters = queries.parse_filters(request.args)
    pager = db.paginate(
        queries.catalog_page_statement(filters),
        page=page_number(),
        per_page=PER_PAGE,
        error_out=False,
    )
    return render_template(
        "policies/catalog.html",
        pager=pager,
        filters=filters,
        choices=queries.filter_choices(),
        current_period=current_period,
    )


def _load_policy(slug: str):
    return db.first_or_404(queries.policy_page_statement(slug))


def policy_page(policy, **thread) -> str:
    """The policy's page; the comment form's view shows it again with the form's state."""
    version = policy.current_version
    showing_original = request.args.get("text") == "original"
    translation = translations.translation_for(version, select_language())
    return render_template(
        "policies/detail.html",
        policy=policy,
        version=version,
        sections=queries.ordered_sections(version),
        translation=translation,
        showing_original=showing_original and translation is not None,
        period=current_period(policy),
        **comment_thread(policy, **thread),
    )


@bp.route("/policies/<slug>")
@public
def detail(slug: str):
    def render():
        policy = _load_policy(slug)
        return policy_page(policy), policy

    return page_cache.serve(slug, render)  # anonymous pages come from the page cache


@bp.route("/policies/<slug>/versions/<int:number>")
@public
def version(slug: str, number: int):
    policy = _load_policy(slug)
    shown = policy.version(number) or abort(404)
    return render_template(
        "policies/version.html",
        policy=policy,
        version=shown,
        sections=queries.ordered_sections(shown),
        previous=queries.previous_version(policy, shown),
    )


def _version_number(name: str) -> int | None:
    value = request.args.get(name, "").strip().lstrip("vV")
    return int(value) if value.isdigit() and len(value) < 9 else None


def _diff_versions(policy) -> tuple:
    """(from, to, problem, status): the versions asked for, or why they can't be compared."""
    current = policy.current_version
    if "from" not in request.args and "to" not in request.args:
        if current is None or current.number == 1:
            return None, None, gettext("This policy has only one version so far."), 200
        return queries.previous_version(policy, current), current, None, 200
    old = policy.version(_version_number("from") or 0)
    new = policy.version(_version_number("to") or 0)
    if old is None or new is None:
        return old, new, gettext("Choose two versions of this policy to compare."), 400
    if old is new:
        return old, new, gettext("Choose two different versions to compare."), 400
    return old, new, None, 200


@bp.route("/policies/<slug>/diff")
@public
def diff(slug: str):
    policy = _load_policy(slug)
    old, new, problem, status = _diff_versions(policy)
    changes = None
    if problem is None:
        changes = diff_sections(
            queries.section_texts(old), queries.section_texts(new), configured_sections()
        )
    page = render_template(
        "policies/diff.html", policy=policy, old=old, new=new, problem=problem, changes=changes
    )
    return page, status


@bp.route("/departments")
@public
def departments():
    return render_template("policies/departments.html", rows=queries.department_rows())


@bp.route("/departments/<code>")
@public
def department(code: str):
    shown = db.first_or_404(queries.department_statement(code))
    return render_template(
        "policies/department.html",
        department=shown,
        current_period=current_period,
        **queries.department_page(shown),
    )


@bp.route("/technologies")
@public
def technologies():
    return render_template("policies/technologies.html", groups=queries.technologies_by_category())


@bp.route("/technologies/<slug>")
@public
def technology(slug: str):
    shown = db.first_or_404(queries.technology_statement(slug))
    return render_template(
        "policies/technology.html",
        technology=shown,
        current_period=current_period,
        **queries.technology_page(shown),
    )
