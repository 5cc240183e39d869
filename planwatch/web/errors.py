"""Errors of the store and the workflow; the API maps them to HTTP statuses."""

from __future__ import annotations

from planwatch.errors import PlanWatchError


class InvalidInput(PlanWatchError):
    """Bad data from the user (→ 400)."""


class WorkflowError(PlanWatchError):
    """The action is not allowed in the object's current state (→ 400)."""


class ConflictError(PlanWatchError):
    """Someone else changed the object since it was read (→ 409)."""


class ImportRejected(PlanWatchError):
    """A table import failed validation; nothing was written. ``errors``: (row, column, message)."""

    def __init__(self, source: str, errors: list[tuple[int, str, str]]) -> None:
        self.source = source
        self.errors = errors
        lines = "; ".join(f"第{r}行 row {r} [{c}]: {m}" if r else f"[{c}]: {m}" for r, c, m in errors[:20])
        more = f" (+{len(errors) - 20})" if len(errors) > 20 else ""
        super().__init__(f"{source}: 导入失败，未写入任何数据 import rejected, nothing written: {lines}{more}")


class NeedsConfirmation(WorkflowError):
    """The step is allowed but unusual (办结 below 100%, a deadline past the plan period): it goes
    through only when repeated with ``confirm=True`` (→ 400 with the question in words)."""
