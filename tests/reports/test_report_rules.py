"""The report rules called directly: each refusal names the form field at fault."""

from datetime import timedelta
from decimal import Decimal

import pytest

from engage.reports import services
from engage.types import utcnow
from tests.reports.conftest import days_ago, evaluated, last_year


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"complaint_count": -1}, "complaint_count"),
        ({"violation_count": -1}, "violation_count"),
        ({"violation_count": 2**40}, "violation_count"),
        ({"cost": Decimal(-1)}, "cost"),
        ({"cost": Decimal("NaN")}, "cost"),
        ({"cost": Decimal("1e15")}, "cost"),
        ({"captured_non_suspects": "maybe"}, "captured_non_suspects"),
        ({"technology_id": 999999}, "technology_id"),
        ({"funding_source": "x" * 301}, "funding_source"),
    ],
)
def test_entry_rules_name_the_field(ctx, staff, full_report, technology, changes, field):
    data = services.EntryData(technology_id=technology.id)
    for name, value in changes.items():
        setattr(data, name, value)
    with pytest.raises(services.ReportError) as raised:
        services.save_entry(staff, full_report, data, full_report.entries[0])
    assert raised.value.field == field


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (services.SharingData("", "x", "y"), "recipient"),
        (services.SharingData("x", "", "y"), "data_type"),
        (services.SharingData("x", "y", ""), "legal_standard"),
        (services.SharingData("x", "y", "z", count=-1), "count"),
    ],
)
def test_sharing_rules_name_the_field(ctx, staff, full_report, data, field):
    with pytest.raises(services.ReportError) as raised:
        services.add_sharing(staff, full_report.entries[0], data)
    assert raised.value.field == field


def test_report_rules_name_the_field(ctx, staff, department):
    cases = [
        (services.ReportData(department.id, services.current_year() + 1), "year"),
        (services.ReportData(department.id, 1900), "year"),
        (services.ReportData(999999, last_year()), "department_id"),
    ]
    for data, field in cases:
        with pytest.raises(services.ReportError) as raised:
            services.save_report(staff, data)
        assert raised.value.field == field


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"started_at": lambda: utcnow() + timedelta(hours=1)}, "started_at"),
        ({"ended_at": lambda: days_ago(30)}, "ended_at"),
        ({"department_id": 999999}, "department_id"),
        ({"technology_id": 999999}, "technology_id"),
    ],
)
def test_notice_rules_name_the_field(ctx, staff, department, technology, changes, field):
    data = services.ExigentData(department.id, technology.id, "Use", days_ago(5), days_ago(4))
    for name, value in evaluated(changes).items():
        setattr(data, name, value)
    with pytest.raises(services.ReportError) as raised:
        services.save_exigent(staff, data)
    assert raised.value.field == field
