"""The demo data set: `flask engage demo`.

Builds a realistic catalog from the city's domain data (data/*.csv) and texts written for the
demo (texts/*.md): departments, technologies, policies with versions and comment periods,
two years of annual reports, exigent-use notices, and one confirmed account per role. Every
part looks up what exists before creating, so running it again adds nothing.
"""

from engage.demo.catalog import load_departments, load_technologies
from engage.demo.comments import load_comments
from engage.demo.event_reports import load_event_reports
from engage.demo.events import load_events
from engage.demo.exigent import load_exigent
from engage.demo.orgs import load_orgs
from engage.demo.people import assign_departments, load_accounts
from engage.demo.policies import load_policies
from engage.demo.reports import load_reports


def load_demo() -> list[str]:
    """Load every part of the demo and return a line per step; the caller commits."""
    users, account_lines = load_accounts()
    actor = users["staff"]
    departments, department_line = load_departments(actor)
    assign_departments(users, departments)
    technologies, technology_line = load_technologies(actor, departments)
    return [
        department_line,
        technology_line,
        *load_policies(actor, departments, technologies),
        *load_reports(actor, technologies),
        *load_exigent(actor, technologies),
        *load_orgs(users),
        *load_comments(users),
        *load_events(),
        *load_event_reports(),
        *account_lines,
    ]
