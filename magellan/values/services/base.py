class ValuesError(Exception):
    """A refused change, with the message (in French) that says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConflictError(ValuesError):
    """Someone else saved the same record meanwhile: nothing was written; `current` is their
    version, so that the page can show it beside what the user is about to lose."""

    def __init__(self, message: str, *, current: object) -> None:
        super().__init__(message)
        self.current = current
