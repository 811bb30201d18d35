"""The refusal every moderation service raises; messages are safe to show as they are."""


class ModerationError(ValueError):
    """A moderation step the rules refuse; nothing was changed. `field` names the form field."""

    def __init__(self, message: str, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.field = field
        self.code = code
