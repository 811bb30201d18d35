"""The public summary of a policy's comment period, its versions and their diff."""

from datetime import date, datetime

from flask import abort, render_template, request, url_for
from flask_babel import format_date

from engage.board import summaries, summary_labels
from engage.board.blueprint import bp
from engage.board.models import Summary, SummaryVersion
from engage.board.summary_diff import diff_versions
from engage.board.summary_queries import version_of
from engage.extensions import db
from engage.permissions import public
from engage.policies.models import Policy

MAX_NUMBER = 100_000


def _number(name: str) -> int | None:
    """A positive integer argument; None when absent; 404 when forged."""
    value = request.args.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or not value.isascii() or not 0 < int(value) < MAX_NUMBER:
        abort(404)
    return int(value)


def _policy(slug: str) -> Policy:
    return db.first_or_404(db.select(Policy).where(Policy.slug == slug))


def _shown_summary(policy: Policy) -> tuple[Summary, list[Summary]]:
    """The summary asked for (`?summary=<id>`), else the one sent most recently; and all sent."""
    sent = summaries.sent_summaries_of(policy.id)
    wanted = _number("summary")
    if not sent:
        abort(404)
    if wanted is None:
        return sent[0], sent
    found = next((summary for summary in sent if summary.id == wanted), None)
    return found or abort(404), sent


def _version(summary: Summary, number: int | None) -> SummaryVersion:
    if number is None:
        return summary.latest_version
    return version_of(summary, number) or abort(404)


@bp.route("/policies/<slug>/summary")
@public
def summary(slug: str):
    """The latest version sent to the board (or `?version=N`), with the date it was sent."""
    policy = _policy(slug)
    shown, sent = _shown_summary(policy)
    version = _version(shown, _number("version"))
    return render_template(
        "board/summary.html",
        policy=policy,
        summary=shown,
        version=version,
        data=version.data or {},
        narrative_html=version.narrative_html,
        other_summaries=[s for s in sent if s.id != shown.id],
        drilldown_ready=True,
    )


@bp.route("/policies/<slug>/summary/diff")
@public
def summary_diff(slug: str):
    """What changed between two versions (`?from=1&to=2`; by default the last two)."""
    policy = _policy(slug)
    shown, _sent = _shown_summary(policy)
    versions = shown.versions
    newer = _version(shown, _number("to"))
    older_number = _number("from")
    if older_number is None:
        older_number = newer.number - 1
    older = version_of(shown, older_number)
    if len(versions) > 1 and (older is None or older.number == newer.number):
        abort(404)
    return render_template(
        "board/summary_diff.html",
        policy=policy,
        summary=shown,
        old=older,
        new=newer,
        changes=diff_versions(older, newer) if older is not None else None,
    )


@bp.app_template_global("sent_summary_of")
def sent_summary_of(policy: Policy) -> SummaryVersion | None:
    """The latest version sent to the board of the policy's summaries (for its page's link)."""
    statement = (
        db.select(SummaryVersion)
        .join(Summary, Summary.id == SummaryVersion.summary_id)
        .where(Summary.policy_id == policy.id)
        .order_by(SummaryVersion.sent_at.desc(), SummaryVersion.id.desc())
        .limit(1)
    )
    return db.session.scalar(statement)


@bp.app_template_global("summary_drill_url")
def summary_drill_url(policy: Policy, summary: Summary, facet: str, value="", stance="") -> str:
    """The drill-down listing the comments behind one number of `summary`."""
    args = {"facet": facet, "summary": summary.id}
    if value != "":
        args["value"] = value
    if stance:
        args["stance"] = stance
    return url_for("board.drilldown", slug=policy.slug, **args)


@bp.app_template_filter("isoday")
def isoday(value: str, style: str = "medium") -> str:
    """A stored day (YYYY-MM-DD) in the reader's language."""
    try:
        return format_date(date.fromisoformat(value), style)
    except (TypeError, ValueError):
        return str(value)


@bp.app_template_filter("isomoment")
def isomoment(value: str, style: str = "long") -> str:
    """A stored moment (ISO 8601) as a date in the city's time zone."""
    try:
        return format_date(datetime.fromisoformat(value), style)
    except (TypeError, ValueError):
        return str(value)


bp.add_app_template_global(summary_labels.key_label, "summary_key_label")
bp.add_app_template_global(summary_labels.reason_label, "summary_reason_label")
bp.add_app_template_global(summary_labels.total_label, "summary_total_label")
bp.add_app_template_global(summary_labels.group_label, "summary_group_label")
bp.add_app_template_global(summary_labels.column_label, "summary_column_label")
bp.add_app_template_global(summary_labels.FACETS, "summary_facets")
