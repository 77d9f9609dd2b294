"""What every part of the program's services shares: the refusal error and the program's time zone."""

import zoneinfo

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


class ProgramError(Exception):
    """A rule of the program refused the action; the message is shown to the user."""
