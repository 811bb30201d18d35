"""Demo accounts, one per role, all confirmed and sharing one documented password."""

from dataclasses import dataclass

from engage.accounts.models import User
from engage.accounts.services import create_user, find_by_email

DEMO_PASSWORD = "demo-password-1"  # noqa: S105 - documented demo credential, printed by the CLI


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    name: str
    department: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount("resident@demo.engage", "resident", "Rosa Resident"),
    DemoAccount("moderator@demo.engage", "moderator", "Marcus Moderator"),
    DemoAccount("staff@demo.engage", "staff", "Sam Staff (BPD)", "BPD"),
    DemoAccount("board@demo.engage", "board", "Beatriz Board"),
    DemoAccount("admin@demo.engage", "admin", "Ada Admin"),
)


def load_accounts() -> tuple[dict[str, User], list[str]]:
    """Create the demo accounts that don't exist yet; return them by role."""
    users: dict[str, User] = {}
    lines = [f'accounts (password for all: "{DEMO_PASSWORD}"):']
    for account in DEMO_ACCOUNTS:
        user = find_by_email(account.email)
        state = "already present"
        if user is None:
            user = create_user(account.email, account.role, DEMO_PASSWORD, account.name)
            state = "created"
        users[account.role] = user
        lines.append(f"  {account.role:<10} {account.email:<24} {state}")
    return users, lines


def assign_departments(users: dict[str, User], departments: dict) -> None:
    """Attach officials to the department they work for (left alone once set)."""
    for account in DEMO_ACCOUNTS:
        user = users[account.role]
        if account.department and user.department_id is None:
            user.department_id = departments[account.department].id
