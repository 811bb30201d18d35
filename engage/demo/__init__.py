"""The demo data set: `flask engage demo`."""


def load_demo() -> list[str]:
    """Load every part of the demo; each part is idempotent."""
    return ["demo: nothing yet"]
