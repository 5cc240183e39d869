"""The report as one standalone HTML file: no external files, no CDN (intranet use), charts inline
as data: URIs, and print CSS with the same A4 page and margins as the .docx.

Every text from the inputs (plan titles, indicator names, source notes) is HTML-escaped.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from html import escape
from pathlib import Path

from planwatch.reports.charts import render_chart
from planwatch.reports.content import ChartSeries, ReportContent
from planwatch.reports.layout import Chart, Heading, Para, Table, report_blocks

ChartRenderer = Callable[[ChartSeries], bytes]

CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "仿宋_GB2312", "FangSong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28pt;
       max-width: 156mm; margin: 2em auto; color: #000; }
h1.title { font-family: "方正小标宋简体", "Noto Serif CJK SC", serif; font-size: 22pt; line-height: 36pt;
           text-align: center; font-weight: bold; margin: 0; text-indent: 0; }
p.subtitle, p.issuer { font-family: "楷体_GB2312", "KaiTi", serif; text-align: center; margin: 0; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal;
     margin: 0; text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "KaiTi", serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.note { font-size: 12pt; line-height: 20pt; text-align: left; overflow-wrap: anywhere; }
p.placeholder { font-family: "楷体_GB2312", "KaiTi", serif; background: #fff8e1; }
p.signature { text-align: right; padding-right: 2em; }
p.recipient { text-indent: 0; margin-top: 28pt; }
h2.attachment { text-indent: 0; break-before: page; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10.5pt; line-height: 1.4;
        margin: 4pt 0; overflow-wrap: anywhere; }
th, td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: middle; text-align: center; }
td.text { text-align: left; }
th { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
caption { break-after: avoid; font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 12pt; }
figure { margin: 6pt 0; text-align: center; page-break-inside: avoid; }
figure img { max-width: 100%; }
figcaption { break-after: avoid; font-family: "黑体", "SimHei", sans-serif; font-size: 12pt; }
.status { font-weight: bold; }
@media print { body { margin: 0; max-width: none; } p.placeholder { background: none; } }
"""


def _cell_text(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


def _table(block: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
    rows = []
    for cells in block.rows:
        tds = []
        for index, cell in enumerate(cells):
            if index in block.text_columns:
                tds.append(f'<td class="text">{_cell_text(cell.text)}</td>')
            elif cell.colour:
                tds.append(f'<td class="status" style="color:{escape(cell.colour)}">{_cell_text(cell.text)}</td>')
            else:
                tds.append(f"<td>{_cell_text(cell.text)}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in block.notes)
    total = sum(block.widths_mm) or 1.0
    cols = "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in block.widths_mm)
    return (f'<table class="{escape(block.kind)}"><caption>{escape(block.caption)}</caption>'
            f"<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{notes}")


def render_html(content: ReportContent, chart_renderer: ChartRenderer = render_chart) -> str:
    """The whole report as an HTML document string."""
    parts = [f'<h1 class="title">{escape(content.title)}</h1>']
    if content.recipient:
        parts.append(f'<p class="recipient">{escape(content.recipient.rstrip("：:"))}：</p>')
    signature = [f'<p class="signature">{escape(content.issuer)}</p>',
                 f'<p class="signature">{escape(content.issued_text)}</p>']
    for block in report_blocks(content):
        if isinstance(block, Heading) and block.level == 0:
            parts.extend(signature)
            signature = []
            parts.append(f'<h2 class="attachment">{escape(block.text)}</h2>')
        elif isinstance(block, Heading):
            tag = "h2" if block.level == 1 else "h3" if block.level == 2 else "h4"
            parts.append(f"<{tag}>{escape(block.text)}</{tag}>")
        elif isinstance(block, Para):
            parts.append(f'<p class="{escape(block.style)}">{escape(block.text)}</p>')
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Chart):
            data = base64.b64encode(chart_renderer(block.series)).decode("ascii")
            parts.append(f'<figure><img src="data:image/png;base64,{data}" alt="{escape(block.caption)}">'
                         f"<figcaption>{escape(block.caption)}</figcaption></figure>")
    parts.extend(signature)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(content.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body>\n</html>\n"
    )


def write_html(content: ReportContent, out: str | Path, chart_renderer: ChartRenderer = render_chart) -> Path:
    """Write the report to ``out`` (.html) and return the path."""
    path = Path(out)
    path.write_text(render_html(content, chart_renderer), encoding="utf-8")
    return path
