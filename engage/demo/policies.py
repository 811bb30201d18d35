"""Policies, their versions and their comment periods, built from the specs."""

from engage import audit
from engage.demo.policies_bpd import BPD_POLICIES
from engage.demo.policies_city import CITY_POLICIES
from engage.demo.policy_texts import version_texts
from engage.demo.specs import PeriodSpec, PolicySpec, VersionSpec
from engage.demo.when import deadline, local_day
from engage.extensions import db
from engage.policies import services as catalog
from engage.policies.models import CommentPeriod, Policy, PolicyVersion
from engage.policies.sections import configured_sections
from engage.types import utcnow


def all_specs() -> tuple[PolicySpec, ...]:
    """Every demo policy, the police department's first."""
    return BPD_POLICIES + CITY_POLICIES


def load_policies(actor, departments: dict, technologies: dict) -> list[str]:
    """Create the policies missing from the database, then any missing versions and periods."""
    counts = {"created": 0, "present": 0, "versions": 0, "periods": 0}
    for spec in all_specs():
        policy = db.session.scalar(db.select(Policy).where(Policy.slug == spec.slug))
        if policy is None:
            policy = _create_policy(actor, spec, departments, technologies)
            counts["created"] += 1
        else:
            counts["present"] += 1
        added_versions, added_periods = _complete_policy(actor, policy, spec)
        counts["versions"] += added_versions
        counts["periods"] += added_periods
    return [
        f"policies: {counts['created']} created, {counts['present']} already present",
        f"policy versions: {counts['versions']} created; comment periods: {counts['periods']} "
        "created",
    ]


def _create_policy(actor, spec: PolicySpec, departments: dict, technologies: dict) -> Policy:
    technology = technologies[spec.technology]
    data = catalog.PolicyData(
        title=spec.title,
        department_id=departments[spec.department].id,
        technology_id=technology.id,
        summary=spec.summary,
        slug=spec.slug,
        status=spec.status,
    )
    policy = catalog.save_policy(actor, data)
    policy.created_at = local_day(spec.versions[0].published, 10)
    return policy


def _complete_policy(actor, policy: Policy, spec: PolicySpec) -> tuple[int, int]:
    texts = version_texts(spec.slug, [v.edits for v in spec.versions])
    added_versions = added_periods = 0
    for number, (version_spec, sections) in enumerate(zip(spec.versions, texts, strict=True), 1):
        version = policy.version(number)
        if version is None:
            version = _publish(actor, policy, number, version_spec, sections)
            added_versions += 1
        if version_spec.period and not version.periods:
            _add_period(actor, version, version_spec.period)
            added_periods += 1
    if added_versions or added_periods:
        _touch(policy)
    return added_versions, added_periods


def _publish(actor, policy, number: int, spec: VersionSpec, sections: dict) -> PolicyVersion:
    data = catalog.VersionData(number, spec.change_summary, sections)
    version = catalog.publish_version(actor, policy, data, configured_sections())
    version.published_at = local_day(spec.published, 10)
    return version


def _add_period(actor, version: PolicyVersion, spec: PeriodSpec) -> CommentPeriod:
    """Schedule a live period through the service; record a past one as it happened."""
    if spec.closes <= 0 or spec.closed_early is not None:
        return _past_period(actor, version, spec)
    period = catalog.open_period(actor, version, local_day(spec.opens, 9), deadline(spec.closes))
    if spec.extended_to is not None:
        extension = catalog.extend_period(
            actor, period, deadline(spec.extended_to), spec.extension_reason
        )
        extension.created_at = local_day(spec.extended_on, 11)
    return period


def _past_period(actor, version: PolicyVersion, spec: PeriodSpec) -> CommentPeriod:
    planned = deadline(spec.closes)
    period = CommentPeriod(
        version=version,
        opens_at=local_day(spec.opens, 9),
        closes_at=planned,
        original_closes_at=planned,
        created_at=local_day(spec.opens - 7, 10),
    )
    if spec.closed_early is not None:
        period.closed_early_at = period.closes_at = local_day(spec.closed_early, 12)
        period.close_reason = spec.close_reason
    db.session.add(period)
    db.session.flush()
    label = f"{version.policy.title} v{version.number}"
    audit.record(
        actor,
        "period.open",
        period,
        summary=label,
        detail={"opens_at": period.opens_at.isoformat(), "closes_at": planned.isoformat()},
    )
    if period.closed_early_at is not None:
        audit.record(actor, "period.close", period, summary=label, reason=spec.close_reason)
    return period


def _touch(policy: Policy) -> None:
    """Date the policy by its latest published step, so the catalog lists recent work first."""
    now = utcnow()
    moments = [v.published_at for v in policy.versions]
    moments += [p.opens_at for v in policy.versions for p in v.periods if p.opens_at <= now]
    db.session.flush()
    policy.updated_at = max(moments)
    db.session.flush()
