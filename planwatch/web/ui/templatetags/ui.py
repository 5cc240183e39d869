"""Template helpers: computed text in the active language, status colours, numbers."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from planwatch import labels
from planwatch.extract.confidence import is_low_confidence
from planwatch.labels import split_bilingual, split_tolerance

register = template.Library()


def is_english() -> bool:
    return (get_language() or "zh-hans").startswith("en")


@register.simple_tag
def pick(zh: str, en: str) -> str:
    """A sentence computed in Python in both editions (a status explanation with its figures): the
    one for the active language. Fixed template text goes through ``{% translate %}`` and the gettext
    catalog in ``planwatch/web/locale`` instead."""
    return en if is_english() else zh


@register.filter
def bi(value: Any) -> str:
    """A stored "中文 English" label or message (choice labels, workflow errors, notifications): the
    half for the active language."""
    zh, en = split_bilingual(str(value or ""))
    return en if is_english() else zh


@register.filter
def label(code: Any, table: str) -> str:
    """A code in words: ``{{ t.kind|label:"kind" }}`` (tables in ``planwatch.labels``)."""
    return labels.label(table, code, english=is_english())


@register.filter
def tolerance(text: Any) -> str:
    """An audit finding's tolerance text in the active language."""
    zh, en = split_tolerance(str(text or ""))
    return en if is_english() else zh


@register.filter
def period_of(obs: Any) -> str:
    """An observation's year and period as it reads: 2023年, 2023年1-9月累计, 2001-2005时期."""
    from planwatch.progress.verdict import period_zh

    return period_zh(obs.year, obs.period or "")


@register.filter
def num(value: Any) -> str:
    """A number without float noise: 12.0 → 12, 3.14159 → 3.14."""
    if value is None or value == "":
        return "—"
    try:
        f = float(value)
    except (TypeError, ValueError):
        return str(value)
    if f == int(f) and abs(f) < 1e15:
        return str(int(f))
    return f"{f:.4g}" if abs(f) < 1e6 else f"{f:,.0f}"


@register.filter
def pct(value: Any) -> str:
    if value is None:
        return "—"
    return f"{float(value) * 100:.1f}%"


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key, 0)
    except AttributeError:
        return 0


@register.filter
def status_label(code: str) -> str:
    """A verdict status code in words (the one verdict's labels, 待核实 included)."""
    from planwatch.progress.verdict import VERDICT_EN, VERDICT_ZH

    return (VERDICT_EN if is_english() else VERDICT_ZH).get(code, code)


@register.filter
def http_url(value: Any) -> str:
    """The value if it is an http(s) URL, else empty: stored links are rendered as links only then
    (a ``javascript:`` link that predates validation is shown as text)."""
    from planwatch.web.safety.validators import is_http_url

    return str(value) if is_http_url(value) else ""


@register.filter
def vlabel(number: Any) -> str:
    """A plan version number: 第2版 / v2."""
    return f"v{number}" if is_english() else f"第{number}版"


def _pick(pair: labels.Pair) -> str:
    return pair[1] if is_english() else pair[0]


@register.filter
def low_confidence(rec: Any) -> bool:
    """An extracted record below the one low-confidence threshold (hand-added records never are)."""
    return getattr(rec, "review_state", "") != "added" and is_low_confidence(getattr(rec, "confidence", None))


@register.filter
def confidence_text(rec: Any) -> str:
    """置信度 0.62 — the extractor's confidence of a record ("" for a record added by hand)."""
    if getattr(rec, "review_state", "") == "added" or getattr(rec, "confidence", None) is None:
        return ""
    return f"{_pick(labels.CONFIDENCE_WORD)} {rec.confidence:.2f}"


@register.filter
def low_confidence_text(rec: Any) -> str:
    """低置信度，待复核 while nobody has reviewed the record; 低置信度 after; "" when not low."""
    if not low_confidence(rec):
        return ""
    words = _pick(labels.LOW_CONFIDENCE_WORD)
    if getattr(rec, "review_state", "") == "pending":
        words += ("，" if not is_english() else ", ") + _pick(labels.TO_RECHECK_WORD)
    return words
