"""Property tests: extraction never crashes and its quotes are always exact substrings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.documents import document_from_text
from planwatch.extract import extract_plan

# Plan vocabulary, numbers, units, punctuation and some noise, so that generated text reaches the
# interesting code paths (not only "no number found").
_PIECES = st.sampled_from(
    [
        "到2025年", "2020年", "“十四五”期间", "全市", "规模以上工业", "增加值", "达到", "年均增长", "分别",
        "占", "的", "比重", "以上", "左右", "累计", "新增", "培育", "家", "个", "亿元", "万亩", "%", "倍",
        "个百分点", "，", "。", "；", "、", "\n", "一、", "（二）", "第三章", "专栏1", "其中", "力争", "全年",
        "已", "比上年", "億元", "達到", "增長", "1550", "12.5", "3—5年内", "15-20", "百分之二十", "两成",
        "“", "”", "（", "）", "——", "#", "**", " ", "目录", "……3",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=60).map("".join)


@settings(max_examples=50, deadline=None)
@given(_TEXT)
def test_extract_never_crashes_and_quotes_are_exact(text: str) -> None:
    if not text.strip():
        return
    result = extract_plan(document_from_text(text))
    for rec in [*result.targets, *result.facts]:
        assert 0 <= rec.start < rec.end <= len(text)
        assert text[rec.start : rec.end] == rec.quote
        assert rec.kind in ("level", "growth", "share", "change", "count", "cumulative")
    for t in result.targets:
        assert not (t.annual and t.target_year is not None)
