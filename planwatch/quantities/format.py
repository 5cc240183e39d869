"""Writing quantities back as plan text, so parsing can be checked by round trips."""

from __future__ import annotations

from typing import Protocol


class _QuantityLike(Protocol):
    @property
    def value(self) -> float: ...
    @property
    def value_high(self) -> float | None: ...
    @property
    def unit(self) -> str | None: ...


def format_number(x: float) -> str:
    """Shortest plain decimal text for ``x`` that parses back to the same float: 1550.0 -> "1550",
    2.38 -> "2.38", 1e-7 -> "0.0000001" (never exponent notation, never thousands separators)."""
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError(f"cannot format {x!r} as a plan number")
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    text = repr(x)
    if "e" not in text and "E" not in text:
        return text
    # repr chose exponent notation: find the shortest fixed-point form that still round-trips
    for digits in range(1, 400):
        candidate = f"{x:.{digits}f}"
        if float(candidate) == x:
            return candidate.rstrip("0").rstrip(".") if "." in candidate else candidate
    return f"{x:.400f}".rstrip("0").rstrip(".")


def format_quantity(q: _QuantityLike) -> str:
    """Plan-style text for a quantity: "1550亿元", "15-20支", "18%", "128.4"."""
    text = format_number(q.value)
    if q.value_high is not None:
        text += "-" + format_number(q.value_high)
    return text + (q.unit or "")
