"""Models into the API's JSON shapes (described in engage/api/openapi.py).

Only public fields: never an email, an IP address, or who on staff made a change.
"""

from datetime import UTC, datetime
from decimal import Decimal

from flask import url_for

from engage.api.pagination import absolute_url
from engage.api.services import comment_count_for
from engage.campaigns.queries import public_facts
from engage.comments.models import Comment
from engage.orgs.models import Organization
from engage.policies.models import CommentPeriod, PeriodExtension, Policy, PolicyVersion
from engage.policies.sections import section_title
from engage.policies.services import current_period
from engage.reports.models import AnnualReport, DataSharingEntry, ReportEntry

CENT = Decimal("0.01")


def timestamp(value: datetime | None) -> str | None:
    """RFC 3339 in UTC to the second: '2026-03-01T17:00:00Z'."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def money(value: Decimal | None) -> str | None:
    """A decimal string with two places ('125000.00'), exact where a float would not be."""
    return None if value is None else str(Decimal(value).quantize(CENT))


# Policies ----------------------------------------------------------------------------------


def version_summary(version: PolicyVersion | None) -> dict | None:
    if version is None:
        return None
    return {
        "number": version.number,
        "published_at": timestamp(version.published_at),
        "change_summary": version.change_summary,
    }


def extension_item(extension: PeriodExtension) -> dict:
    return {
        "previous_closes_at": timestamp(extension.previous_closes_at),
        "new_closes_at": timestamp(extension.new_closes_at),
        "reason": extension.reason,
        "created_at": timestamp(extension.created_at),
    }


def period_item(period: CommentPeriod | None) -> dict | None:
    if period is None:
        return None
    return {
        "opens_at": timestamp(period.opens_at),
        "closes_at": timestamp(period.closes_at),
        "is_open": bool(period.is_open),
        "state": period.state.value,
        "version": period.version.number,
        "original_closes_at": timestamp(period.original_closes_at),
        "closed_early_at": timestamp(period.closed_early_at),
        "close_reason": period.close_reason,
        "accepts_late_comments": period.accepts_late_comments,
        "extensions": [extension_item(extension) for extension in period.extensions],
    }


def policy_item(policy: Policy, comment_count: int) -> dict:
    """A policy as it appears in the list."""
    return {
        "slug": policy.slug,
        "title": policy.title,
        "summary_html": policy.summary_html,
        "department": policy.department.code,
        "department_name": policy.department.name,
        "technology": policy.technology.slug,
        "technology_name": policy.technology.name,
        "category": policy.technology.category,
        "status": policy.status,
        "current_version": version_summary(policy.current_version),
        "comment_period": period_item(current_period(policy)),
        "comment_count": comment_count,
        "updated_at": timestamp(policy.updated_at),
        "url": absolute_url(url_for("policies.detail", slug=policy.slug)),
    }


def policy_items(policies: list[Policy]) -> list[dict]:
    counts = comment_count_for(policy.id for policy in policies)
    return [policy_item(policy, counts.get(policy.id, 0)) for policy in policies]


def policy_detail(policy: Policy) -> dict:
    """A policy with its current text and its version history."""
    item = policy_item(policy, comment_count_for([policy.id]).get(policy.id, 0))
    version = policy.current_version
    item["sections"] = [
        {"key": section.key, "title": section_title(section.key), "html": section.body_html}
        for section in (version.sections if version else [])
    ]
    item["versions"] = [version_summary(v) for v in policy.versions]
    return item


# Annual reports ----------------------------------------------------------------------------


def sharing_item(sharing: DataSharingEntry) -> dict:
    return {
        "recipient": sharing.recipient,
        "data_type": sharing.data_type,
        "legal_standard": sharing.legal_standard,
        "justification": sharing.justification,
        "count": sharing.count,
    }


def entry_item(entry: ReportEntry) -> dict:
    return {
        "technology": entry.technology.slug,
        "technology_name": entry.technology.name,
        "category": entry.technology.category,
        "usage_html": entry.usage_html,
        "captured_non_suspects": entry.captured_non_suspects,
        "non_suspect_notes": entry.non_suspect_notes,
        "complaint_count": entry.complaint_count,
        "complaints_html": entry.complaints_html,
        "audits_html": entry.audits_html,
        "violation_count": entry.violation_count,
        "violations_html": entry.violations_html,
        "cost": money(entry.cost),
        "funding_source": entry.funding_source,
        "data_sharing": [sharing_item(sharing) for sharing in entry.sharing],
    }


def report_item(report: AnnualReport) -> dict:
    return {
        "department": report.department.code,
        "department_name": report.department.name,
        "year": report.year,
        "published_at": timestamp(report.published_at),
        "updated_at": timestamp(report.updated_at),
        "summary_html": report.summary_html,
        "url": absolute_url(
            url_for("reports.detail", department=report.department.code, year=report.year)
        ),
        "entries": [entry_item(entry) for entry in report.entries],
    }


def report_items(reports: list[AnnualReport]) -> list[dict]:
    return [report_item(report) for report in reports]


# Comments ----------------------------------------------------------------------------------


def comment_item(comment: Comment) -> dict:
    """A published comment: the public name only (or null), never an email or who typed it."""
    return {
        "id": comment.id,
        "parent_id": comment.parent_id,
        "version": comment.version.number,
        "author": comment.public_author,
        "neighborhood": comment.neighborhood,
        "stance": comment.stance,
        "section": comment.section_key,
        "channel": comment.channel,
        "language": comment.language,
        "body_html": comment.body_html,
        "created_at": timestamp(comment.created_at),
        "received_at": timestamp(comment.received_at),
        "edited_at": timestamp(comment.edited_at),
        "endorsements": comment.endorsement_count,
        "is_official_response": comment.is_official_response,
        "is_late": comment.is_late,
    }


def comment_items(comments: list[Comment]) -> list[dict]:
    return [comment_item(comment) for comment in comments]


def campaign_items(campaigns: list) -> list[dict]:
    """Campaigns as the public sees them: published copies only, shown by a published one."""
    facts = public_facts(campaigns)
    return [
        {"id": c.id, "size": facts[c.id][0], "representative_comment_id": facts[c.id][1]}
        for c in campaigns
    ]


# Organizations -----------------------------------------------------------------------------


def organization_item(org: Organization) -> dict:
    """A verified partner organization's public profile (never its contact address)."""
    logo = org.logo_filename
    return {
        "slug": org.slug,
        "name": org.name,
        "mission": org.mission_html,
        "neighborhoods": list(org.neighborhoods or []),
        "languages": list(org.languages or []),
        "website": org.website or None,
        "logo_url": absolute_url(url_for("core.upload", name=logo)) if logo else None,
        "url": absolute_url(url_for("orgs.detail", slug=org.slug)),
    }


def organization_items(orgs: list[Organization]) -> list[dict]:
    return [organization_item(org) for org in orgs]
