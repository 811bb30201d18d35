"""Errors the comment rules raise; messages are safe to show as they are."""


class CommentError(ValueError):
    """A comment action the rules refuse; `field` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.field = field
        self.code = code
