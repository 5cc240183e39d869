"""Uploaded files shared by the writing pages (a plan, a data table, a register table): the types
accepted and the checks every uploaded file passes (type, size, zip bombs)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from planwatch.errors import PlanWatchError
from planwatch.web.data.uploads import check_upload

PLAN_TYPES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
TABLE_TYPES = (".xlsx", ".csv")


def _checked_file(f: Any, allowed: tuple[str, ...]) -> bytes:
    """The bytes of an uploaded file after the type and size checks (zip bombs included)."""
    name = f.name or ""
    if not name.lower().endswith(allowed):
        raise forms.ValidationError(f"不支持的文件类型 file type not allowed (允许 allowed: {' '.join(allowed)})")
    if f.size > settings.PLANWATCH_MAX_UPLOAD_BYTES:
        raise forms.ValidationError(f"文件过大 file too large (> {settings.PLANWATCH_MAX_UPLOAD_BYTES // 1_000_000} MB)")
    data = f.read()
    try:
        check_upload(name, data)
    except PlanWatchError as exc:
        raise forms.ValidationError(str(exc)) from exc
    return bytes(data)


class TableForm(forms.Form):
    """An uploaded data table (.xlsx/.csv), checked as every upload."""

    table = forms.FileField()

    def clean_table(self) -> Any:
        f = self.cleaned_data["table"]
        f.checked = _checked_file(f, TABLE_TYPES)
        return f
