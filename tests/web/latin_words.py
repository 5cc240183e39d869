"""The "no English in the Chinese UI" check shared by the test-client and the browser variants: the
pages every role can reach from the navigation and the demo objects, and the Latin words a page may
show (units, formats, file names and codes the user typed)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from django.urls import reverse

# Words the Chinese edition may show: the product name, the other edition's button, units and
# statistical abbreviations used in Chinese plans, file formats named as nouns.
ALLOWED = {
    "PlanWatch", "English", "GDP", "PM2.5", "PM10", "CO2", "km", "kWh", "kW", "MW", "GW", "t", "m", "Mbps",
    "Gbps", "G", "5G", "4G", "R&D", "Excel", "CSV", "PDF", "Word", "HTML", "API", "JSON", "TXT", "DOCX",
    "XLSX", "ICT", "AAAA", "AAAAA", "A", "AA", "AAA", "IPv6", "IT",
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:[.&+][A-Za-z0-9_]+)*")
FILENAME = re.compile(r"[\w\-]*\.(?:txt|md|docx|pdf|html?|xlsx|csv)\b", re.IGNORECASE)
HIDDEN = {"script", "style", "template"}
SHOWN_ATTRIBUTES = ("title", "placeholder", "alt", "aria-label")


class _Text(HTMLParser):
    """Visible text of a page plus the attributes a user reads (tooltips, placeholders, button values)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self._hidden += 1
        a = dict(attrs)
        for name in SHOWN_ATTRIBUTES:
            if a.get(name):
                self.parts.append(a[name] or "")
        if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
            self.parts.append(a["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


def latin_words(text: str, typed: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Latin words outside the allow-list; ``typed``: codes and names the users entered."""
    text = FILENAME.sub(" ", text)
    found = []
    for w in WORD.findall(text):
        if w in ALLOWED or w in typed or w.upper() in ALLOWED:
            continue
        found.append(w)
    return found


def typed_words(world: dict[str, Any]) -> set[str]:
    """What the test users typed themselves: user names, indicator keys, document names."""
    from planwatch.web.data.models import Indicator
    from tests.web.ui_world import INTERNAL_PLAN_NOTE, INTERNAL_TASK_NOTE

    words = {u.username for u in world["users"].values()}
    words |= set(WORD.findall(f"{INTERNAL_PLAN_NOTE} {INTERNAL_TASK_NOTE}"))
    words |= {w for ind in Indicator.objects.all() for w in WORD.findall(ind.key)}
    for plan in (world["plan"], world["draft"].plan):
        for v in plan.versions.all():  # the documents' own words (company names, codes)
            words |= set(WORD.findall(f"{v.doc_name} {v.text}"))
    return words


def page_urls(world: dict[str, Any]) -> list[str]:
    """Every page of the navigation and of the world's objects (the list both variants visit)."""
    plan, live, draft = world["plan"], world["live"], world["draft"]
    task, other_task, ind = world["t_ind"], world["t_zone"], world["indicator"]
    obs = ind.observations.first()
    urls = [
        reverse("ui:dashboard"), reverse("plans:plans"), reverse("plans:plan", args=[plan.pk]),
        reverse("plans:plan", args=[plan.pk]) + f"?v={live.number}",
        reverse("plans:reader", args=[plan.pk]), reverse("data:indicators"), reverse("data:indicator", args=[ind.pk]),
        reverse("data:indicator", args=[world["other_indicator"].pk]), reverse("data:observe", args=[ind.pk]),
        reverse("ledger:ledger"), reverse("ledger:task", args=[task.pk]), reverse("ledger:task", args=[other_task.pk]),
        reverse("ledger:approvals"), reverse("plans:upload"), reverse("plans:review", args=[draft.pk]),
        reverse("data:import"), reverse("ui:audit"),
        reverse("ui:history", args=["plans.plan", plan.pk]),
        reverse("ui:history", args=["ledger.ledgertask", task.pk]),
        reverse("ui:history", args=["data.indicator", ind.pk]),
        reverse("ui:portal"), reverse("ui:portal_plan", args=[plan.pk]),
        reverse("registers:index"), reverse("registers:portal"),
        reverse("plans:plan", args=[draft.plan.pk]), "/no-such-page/",
        reverse("ui:dashboard") + f"?plan={plan.pk}&phase=ended", reverse("ui:dashboard") + "?plan=x",
        reverse("search:results"), reverse("search:results") + "?q=工业", reverse("search:results") + "?q=",
        reverse("reports:plan_report", args=[plan.pk]) + "?kind=progress&format=html",
        reverse("reports:plan_report", args=[plan.pk]) + "?kind=midterm&format=html",
    ]
    if obs is not None:
        urls.append(reverse("ui:history", args=["data.observation", obs.pk]))
    return urls


def add_progress(world: dict[str, Any]) -> None:
    """Give the pages more to show: a submitted and a returned update, an extension request, a
    milestone, a 退办ed task, so every state label is rendered somewhere."""
    import datetime as dt

    from planwatch.web.history.context import acting_as
    from planwatch.web.ledger import workflow as W

    us, task = world["users"], world["t_ind"]
    with acting_as(us["reporter"]):
        up = W.submit_update(us["reporter"], task, "已完成技术改造项目10个", "in_progress", 40)
        W.request_extension(us["reporter"], task, dt.date(2001, 6, 30), "设备到货延迟")
    with acting_as(us["leader"]):
        W.review_update(us["leader"], up, approve=False, comment="请补充证明材料")
    with acting_as(us["reporter"]):
        W.submit_update(us["reporter"], task, "已补充材料", "in_progress", 50)
    with acting_as(us["admin"]):
        W.add_milestone(us["admin"], task, "完成设备安装", dt.date(2000, 6, 1))
