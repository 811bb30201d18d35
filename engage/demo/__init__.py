"""The demo data set: `flask engage demo`.

Builds a realistic catalog from the city's domain data (data/*.csv) and texts written for the
demo (texts/*.md): departments, technologies, policies with versions and comment periods,
two years of annual reports, exigent-use notices, and one confirmed account per role. Every
part looks up what exists before creating, so running it again adds nothing.
"""

from engage.demo.board import load_board
from engage.demo.campaigns import load_campaigns
from engage.demo.catalog import load_departments, load_technologies
from engage.demo.comments import load_comments
from engage.demo.event_reports import load_event_reports
from engage.demo.events import load_events
from engage.demo.exigent import load_exigent
from engage.demo.moderation_appeals import load_moderation_appeals
from engage.demo.moderation_decisions import load_moderation_decisions
from engage.demo.moderation_rules import load_moderation_rules
from engage.demo.orgs import load_orgs
from engage.demo.people import assign_departments, load_accounts
from engage.demo.policies import load_policies
from engage.demo.reports import load_reports
from engage.demo.summaries import load_summaries
from engage.demo.summaries_sent import load_sent_summaries
from engage.demo.translations import load_translations


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
        *load_translations(users),
        *load_reports(actor, technologies),
        *load_exigent(actor, technologies),
        *load_orgs(users),
        *load_comments(users),
        *load_moderation_rules(users),  # after the threads: its rules screen new comments
        *load_moderation_decisions(users),  # after the guidelines and held comments
        *load_moderation_appeals(users),  # after the guidelines and decisions
        *load_events(),
        *load_event_reports(),
        *load_summaries(users),  # after comments, tags' campaigns and session reports
        *load_sent_summaries(users),  # after the drafts: sends one to the board, twice
        *load_board(users),  # after the summaries: its notes go on one sent to the board
        *load_campaigns(),  # last: groups any comment not grouped as it arrived
        *account_lines,
    ]
