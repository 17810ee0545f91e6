"""The one exception type for user mistakes: the CLI prints it as a single line."""


class FogofwarError(Exception):
    """A problem the user can fix (a missing model, a bad option, an unreadable input)."""
