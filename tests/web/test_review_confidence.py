"""The extraction review page puts the extractor's low-confidence records first and says so in
Chinese (置信度 0.42, 低置信度，待复核); the threshold is planwatch.extract.confidence.LOW_CONFIDENCE."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from planwatch.extract.confidence import LOW_CONFIDENCE
from planwatch.web.plans import review as R
from planwatch.web.plans.ingest import ingest_extraction

TEXT = "某县交通规划（2021—2025年）\n到2025年，公路里程达到3000公里。到2025年，客运量达到500万人次。\n"


def _target(quote: str, indicator: str, value: float, unit: str, confidence: float) -> dict[str, Any]:
    return {"quote": quote, "start": -1, "end": -1, "indicator": indicator, "kind": "level", "value": value,
            "value_high": None, "unit": unit, "comparator": "=", "target_year": 2025, "confidence": confidence}


def _draft() -> Any:
    return ingest_extraction({
        "doc": "traffic.txt", "title": "某县交通规划", "period": [2021, 2025],
        "targets": [_target("公路里程达到3000公里", "公路里程", 3000, "公里", 0.91),
                    _target("客运量达到500万人次", "客运量", 500, "万人次", 0.23)],
        "facts": [], "tasks": [], "projects": []}, TEXT, doc_name="traffic.txt")


def _office(org: dict[str, Any]) -> Client:
    c = Client()
    c.force_login(org["users"]["admin"])
    return c


def test_review_page_lists_low_confidence_first_and_marks_it(org: dict[str, Any]) -> None:
    assert 0.23 < LOW_CONFIDENCE <= 0.91
    version = _draft()
    body = _office(org).get(reverse("plans:review", args=[version.pk])).content.decode()
    low, high = body.index("客运量达到500万人次"), body.index("公路里程达到3000公里")
    assert low < high  # the doubtful record first although it comes later in the text
    card = body[low:high]
    assert "置信度 0.23" in card and "低置信度，待复核" in card
    assert "置信度 0.91" in body[high:] and "低置信度" not in body[high:body.index("统计事实")]
    assert re.search(r"自动抽取置信度较低的记录共\s*1\s*条", body)


def test_low_confidence_mark_drops_to_recheck_once_reviewed(org: dict[str, Any]) -> None:
    version = _draft()
    low = version.targets.get(indicator_text="客运量")
    R.set_review_state(org["users"]["admin"], low, "accepted")
    body = _office(org).get(reverse("plans:review", args=[version.pk])).content.decode()
    card = body[body.index("客运量达到500万人次"):body.index("公路里程达到3000公里")]
    assert "低置信度" in card and "待复核" not in card


def test_review_page_is_refused_to_a_unit_reporter(org: dict[str, Any]) -> None:
    version = _draft()
    c = Client()
    c.force_login(org["users"]["reporter"])
    assert c.get(reverse("plans:review", args=[version.pk])).status_code == 403
