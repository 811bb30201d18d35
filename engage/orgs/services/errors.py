"""What the organization services share: their errors and the address rule."""

import re

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class OrgError(ValueError):
    """A change the rules refuse; `field` names the form field at fault (None: the form)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.field = field


class InvitationError(OrgError):
    """An invitation link that can't be used; `reason` says why, for the page to explain."""

    def __init__(self, message, reason: str):
        super().__init__(message)
        self.reason = reason
