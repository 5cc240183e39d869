"""HTML loading: charset, dropped chrome, block boundaries, headings, bold leads, tables."""

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.documents import document_from_text, load_document
from planwatch.documents.htmlfile import collapse_whitespace

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>页面标题</title><style>p {color: red}</style><script>var x = "脚本";</script></head>
<body>
<nav><a href="/">首页</a> <a href="/a">机构设置</a></nav>
<h1>哈尔滨市“十三五”规划</h1>
<h3>第一节 发展目标</h3>
<p>　　<strong>加快政府职能转变。</strong>到2020年，
城镇化率达到70%。</p>
<div>第一行<br>第二行</div>
<ul><li><b>一是</b>加强组织领导</li><li>二是 明确 责任</li></ul>
<table>
<tr><th>指标</th><th colspan="2">目标值</th></tr>
<tr><td>城镇化率</td><td><p>70%</p></td><td>预期性</td></tr>
</table>
<!-- 注释不是正文 -->
<p>English  text
 with   spaces</p>
</body></html>
"""


def test_gb2312_page_with_declared_charset(tmp_path):
    f = tmp_path / "plan.html"
    f.write_bytes(PAGE.encode("gb2312"))
    doc = load_document(f)
    assert doc.format == "html" and doc.encoding == "gb18030"
    assert doc.paragraph_texts() == [
        "哈尔滨市“十三五”规划",
        "第一节 发展目标",
        "加快政府职能转变。到2020年，城镇化率达到70%。",
        "第一行",
        "第二行",
        "一是加强组织领导",
        "二是 明确 责任",
        "指标",
        "目标值",
        "城镇化率",
        "70%",
        "预期性",
        "English text with spaces",
    ]
    assert doc.text == "\n".join(doc.paragraph_texts())
    p = doc.paragraphs
    assert [(x.kind, x.heading_level) for x in p[:2]] == [("heading", 1), ("heading", 3)]
    assert doc.text[p[2].start : p[2].bold_end] == "加快政府职能转变。"
    assert p[3].bold_end is None
    assert p[5].kind == "list_item" and doc.text[p[5].start : p[5].bold_end] == "一是"
    assert p[6].bold_end is None
    assert [x.table for x in p[7:12]] == [(0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1), (0, 1, 2)]
    assert all(x.kind == "table_cell" for x in p[7:12])


def test_undeclared_utf8_and_gbk_pages_are_detected(tmp_path):
    html = "<html><body><p>规划纲要正文，到2025年达到目标。</p></body></html>"
    for codec in ("utf-8", "gbk"):
        f = tmp_path / f"page-{codec}.htm"
        f.write_bytes(html.encode(codec))
        assert load_document(f).paragraph_texts() == ["规划纲要正文，到2025年达到目标。"]


def test_wrong_declared_charset_falls_back_to_detection(tmp_path):
    f = tmp_path / "lie.html"
    f.write_bytes('<meta charset="utf-8"><p>声明是UTF-8但实际是GBK编码的规划文本</p>'.encode("gbk"))
    assert load_document(f).paragraph_texts() == ["声明是UTF-8但实际是GBK编码的规划文本"]


def test_inline_style_bold_leads():
    doc = document_from_text(
        '<p class=MsoNormal><span style="font-family:黑体;font-weight: 700">一是</span>加强领导。</p>'
        '<p><span style="font-weight:normal">二是</span>明确责任。</p>',
        format="html",
    )
    first, second = doc.paragraphs
    assert doc.text[first.start : first.bold_end] == "一是"
    assert second.bold_end is None


def test_bold_that_does_not_lead_is_not_a_lead_phrase():
    doc = document_from_text("<p>正文开头<b>中间加粗</b>结尾</p>", format="html")
    assert doc.paragraphs[0].bold_end is None


def test_pre_keeps_lines_and_deep_nesting_does_not_crash():
    doc = document_from_text(
        "<pre>第一行\n  第二行</pre>" + "<div>" * 3000 + "深处" + "</div>" * 3000, format="html"
    )
    assert doc.paragraph_texts() == ["第一行", "第二行", "深处"]


def test_collapse_whitespace_joins_chinese_source_line_breaks():
    assert collapse_whitespace("城镇化率\n  达到70%") == "城镇化率达到70%"
    assert collapse_whitespace("growth\n rate") == "growth rate"


HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<td>",
        "<tr>",
        "<table>",
        "</table>",
        "<br>",
        "<h2>",
        "</h2>",
        "<li>",
        "<pre>",
        "</pre>",
        "<script>",
        "</script>",
        "规划",
        "目标 ",
        "\n",
        "　",
        "&nbsp;",
        "<",
        ">",
        "&",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(HTML_PIECES, max_size=40).map("".join))
def test_html_paragraphs_are_consistent_for_any_markup(markup):
    doc = document_from_text(markup, format="html")
    assert doc.text == "\n".join(doc.paragraph_texts())
    for p in doc.paragraphs:
        chunk = doc.text[p.start : p.end]
        assert chunk and chunk == chunk.strip() and "\n" not in chunk
        if p.bold_end is not None:
            assert p.start < p.bold_end <= p.end
