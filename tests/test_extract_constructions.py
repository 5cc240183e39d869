"""One test per construction of Chinese plan language the extractor reads (sentences written here)."""

from __future__ import annotations

from planwatch.documents import document_from_text
from planwatch.extract import extract_plan
from planwatch.extract.model import PlanExtraction
from planwatch.extract.projects import extract_projects
from planwatch.outline import build_outline


def _extract(text: str) -> PlanExtraction:
    return extract_plan(document_from_text(text, name="t.txt"))


def _project_names(text: str) -> list[str]:
    doc = document_from_text(text)
    projects = extract_projects(doc, build_outline(doc))
    for p in projects:
        assert text[p.start : p.end] == p.quote
    return [p.name for p in projects]


# ---- projects named in prose -----------------------------------------------------------------


def test_prose_list_ending_in_etc_projects() -> None:
    text = "二、产业发展\n今后五年，重点扶持甲城光伏组件、乙镇冷链物流中心、丙河大桥等重点项目，带动产业升级。\n"
    assert _project_names(text) == ["甲城光伏组件", "乙镇冷链物流中心", "丙河大桥"]


def test_prose_list_strips_location_prefix_and_reads_qualified_group() -> None:
    text = "二、工业\n重点推动区内轻型货车等汽车项目，扩大生产规模。\n"
    assert _project_names(text) == ["轻型货车"]


def test_prose_list_without_etc_keeps_the_last_items_suffix() -> None:
    text = "三、项目建设\n加快推进东湖水厂、西山风电项目落地见效。\n"
    assert _project_names(text) == ["东湖水厂", "西山风电项目"]


def test_prose_list_brought_into_operation_without_the_word_project() -> None:
    text = "三、项目建设\n加快推动北区焦化、南港码头二期达产。\n"
    assert _project_names(text) == ["北区焦化", "南港码头二期"]


def test_prose_subject_list_without_verb() -> None:
    text = "一、工作回顾\n全年工作有序推进，东江引水、北山隧道等重大项目前期工作顺利。\n"
    assert _project_names(text) == ["东江引水", "北山隧道"]


def test_prose_description_is_not_a_project_list() -> None:
    text = "二、改革\n鼓励民间资本参与污水处理、垃圾焚烧等项目，完善定价机制。重点引进一批产业化项目。\n"
    assert _project_names(text) == []
