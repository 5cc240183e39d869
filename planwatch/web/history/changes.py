"""The audit trail as a readable change list: per entry the step in words and, per changed field, the
field's name, the value before and after, in the user's language (codes, choices, related records and
dates turned into words), so nobody has to read the stored JSON."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from planwatch.labels import ACTION, FIELD, split_bilingual
from planwatch.web.history.models import AuditEntry

# Bookkeeping columns every save touches; they say nothing a reader needs.
QUIET = {"id", "updated", "version", "text_sha256"}
_LONG = re.compile(r"^<(\d+) chars sha256:[0-9a-f]+>$")
_REDACTED = re.compile(r"^<redacted [0-9a-f]+>$")
# Details that workflow steps store next to their name (see ``record_action`` calls).
DETAIL_FIELDS: dict[str, tuple[str, str]] = {
    "lead_unit": ("牵头单位", "lead unit"), "update": ("进展编号", "update"),
    "milestone": ("节点编号", "milestone"), "new_deadline": ("新期限", "new deadline"),
    "title": ("名称", "title"), "due": ("计划完成日期", "due"), "on": ("完成日期", "done on"),
    "done_on": ("完成日期", "done on"),
}


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class Step:
    """One audit entry, ready to show."""

    at: dt.datetime
    who: str
    what: str
    comment: str
    changes: list[Change] = field(default_factory=list)


def _pick(pair: tuple[str, str], english: bool) -> str:
    return pair[1] if english else pair[0]


class _Values:
    """Turns stored values of one model into words; related records are looked up once each."""

    def __init__(self, model: type[models.Model] | None, english: bool) -> None:
        self.model = model
        self.english = english
        self._related: dict[tuple[Any, Any], str] = {}

    def field_name(self, name: str) -> str:
        pair = FIELD.get(name)
        return _pick(pair, self.english) if pair else name

    def show(self, name: str, value: Any, lookup: bool = True) -> str:
        """A stored value in words; ``lookup=False`` for workflow details, which are stored as shown."""
        yes_no = ("是", "yes"), ("否", "no")
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return _pick(yes_no[0] if value else yes_no[1], self.english)
        if isinstance(value, dict | list):
            return "（结构化数据）" if not self.english else "(structured data)"
        text = str(value)
        if m := _LONG.match(text):
            return f"（长文本，{m.group(1)}字）" if not self.english else f"(long text, {m.group(1)} characters)"
        if _REDACTED.match(text):
            return "（已隐藏）" if not self.english else "(hidden)"
        f = self._field(name) if lookup else None
        if f is not None and f.choices:
            for code, shown in f.flatchoices:
                if str(code) == text:
                    zh, en = split_bilingual(str(shown))
                    return en if self.english else zh
        if f is not None and f.is_relation and f.related_model is not None:
            return self._related_name(f.related_model, value)
        if re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d", text):
            return _local_time(text)
        return text

    def _field(self, name: str) -> Any:
        if self.model is None:
            return None
        for f in self.model._meta.concrete_fields:
            if f.attname == name or f.name == name:
                return f
        return None

    def _related_name(self, related: Any, pk: Any) -> str:
        key = (related, pk)
        if key not in self._related:
            obj = related._default_manager.filter(pk=pk).first()
            self._related[key] = display_name(obj, self.english) if obj is not None else f"#{pk}"
        return self._related[key]


def _local_time(text: str) -> str:
    """A stored ISO timestamp in the site's time zone, like the entry's own time column."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text[:19].replace("T", " ")
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _action_name(entry: AuditEntry, english: bool) -> str:
    if entry.action == "action":
        code = str((entry.after or {}).get("action", ""))
        pair = ACTION.get(code)
        return _pick(pair, english) if pair else code
    zh, en = split_bilingual(entry.get_action_display())
    return en if english else zh


def steps(entries: list[AuditEntry], english: bool = False) -> list[Step]:
    """The entries of one record's trail as steps with their field changes."""
    out: list[Step] = []
    values_by_model: dict[str, _Values] = {}
    for e in entries:
        if e.model not in values_by_model:
            try:
                model: type[models.Model] | None = apps.get_model(e.model)
            except (LookupError, ValueError):
                model = None
            values_by_model[e.model] = _Values(model, english)
        vals = values_by_model[e.model]
        before, after = e.before or {}, e.after or {}
        changes: list[Change] = []
        if e.action == "action":
            for k, v in after.items():
                if k == "action":
                    continue
                pair = DETAIL_FIELDS.get(k) or FIELD.get(k)
                changes.append(Change(_pick(pair, english) if pair else k, "", vals.show(k, v, lookup=False)))
        else:
            for k in list(dict.fromkeys([*before, *after])):
                if k in QUIET or before.get(k) == after.get(k):
                    continue
                if e.action == "create" and after.get(k) in (None, "", False, [], {}):
                    continue
                changes.append(Change(vals.field_name(k), vals.show(k, before.get(k)) if e.before else "",
                                      vals.show(k, after.get(k)) if e.after else ""))
        who = e.actor_name if e.actor_name != "system" else ("系统" if not english else "system")
        out.append(Step(at=e.at, who=who, what=_action_name(e, english), comment=e.comment, changes=changes))
    return out


def display_name(obj: Any, english: bool = False) -> str:
    """A record as its history page names it: users by login name, plan versions and targets in words
    rather than their ``__str__`` (which carries codes such as ">=" and "v2")."""
    from planwatch.labels import label

    if callable(getattr(obj, "get_username", None)):
        return str(obj.get_username())
    meta = getattr(obj, "_meta", None)
    name = meta.label_lower if meta is not None else ""
    if name == "plans.planversion":
        return f"{obj.plan.title} " + (f"v{obj.number}" if english else f"第{obj.number}版")
    if name == "plans.target":
        value = f"{obj.value:g}" if obj.value is not None else ""
        year = f"（{obj.target_year}）" if obj.target_year else ""
        return f"{obj.indicator_text} {label('comparator', obj.comparator, english)}{value}{obj.unit}{year}"
    return str(obj)


def model_name(model: type[models.Model], english: bool = False) -> str:
    zh, en = split_bilingual(str(model._meta.verbose_name))
    return en if english else zh
