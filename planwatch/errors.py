"""User-facing errors: every layer raises these for bad input so the CLI and the web app can
show one clear line (naming the file and the problem) instead of a traceback."""


class PlanWatchError(Exception):
    """Base class for errors caused by the user's input, with a message fit to show them."""


class DocumentError(PlanWatchError):
    """A document cannot be read: missing, empty, binary, too large, undecodable, scanned, ..."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")
