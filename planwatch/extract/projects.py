"""Key projects (重点项目): the named projects a plan lists, usually in 专栏 boxes.

A box (专栏N 标题) holds lines like "▲电站成套设备：大型燃气轮机技术改造、大型循环流化床锅炉…",
one category per bullet, the projects separated by 、，；. A bullet without a colon still starts
with its category when that category is one of the headings of the surrounding section (the box
lists the projects of the industries just described). Lines broken inside a name by the
conversion are joined. Sections titled 重点项目/重大项目/重点工程 or …工程包/项目包 (also in traditional
script) are read the same way; a sub-heading alone on its line inside such a section (（一）高速铁路)
names the category of the entries below it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

from planwatch.extract.fold import fold_traditional
from planwatch.extract.model import Project
from planwatch.extract.prose_projects import find_prose_projects
from planwatch.outline import DocumentLike, Outline, Section, normalized_text, paragraph_spans
from planwatch.textnorm import normalize_for_parsing

__all__ = ["extract_projects"]

_BULLETS = "▲△■□●○◆◇•·★☆►▶➢✓√-*"
_RE_BULLET = re.compile(
    rf"[{re.escape(_BULLETS)}]|\d{{1,3}}(?:[.、)]|[ \t\u3000]+)|[(（]\d{{1,3}}[)）]|[一二三四五六七八九十]{{1,3}}、|[\u2460-\u2473]"
)
# Sections that list projects: 重点项目, 重大工程安排, 综合运输通道工程包 (a package of projects).
_RE_LIST_SECTION = re.compile(r"(?:(重点|重大|建设)(项目|工程)(表|清单|安排)?|工程包|项目包)$")
_SEPARATORS = "、，,；;。"
# The line announcing a numbered list of projects: 这十大工程分别是：, 今年的重点项目如下：.
_RE_ANNOUNCE = re.compile(r"(?:项目|工程)(?:分别是|分别为|如下|主要有|主要包括)[:：]\s*$")
# An entry of such a list is numbered (1. / 1、 / （1） / 一、), not merely bulleted.
_RE_NUMBERED = re.compile(r"\d{1,3}[.、)]|[(（]\d|[一二三四五六七八九十]{1,3}、")
# A demonstrative before the announced group (这十大工程 → 十大工程).
_RE_DEMONSTRATIVE = re.compile(r"^(?:这些|这|其中|上述)")
_STRIP = " \t\u3000\r\n" + "。，、；：,.;:！？!?"
# A table row number and an organisation name leaked into a list by conversion: "…变速器22哈尔滨某某公司".
_RE_LEAKED_ROW = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])\d{1,3}[\u4e00-\u9fff]{2,20}(?:有限公司|公司|集团|厂)$")
_RE_SPACE_BEFORE_QUOTE = re.compile(r"(?<=\S)[ \t\u3000]+(?=[“《])")
_RE_BREAK = re.compile(r"[ \t\u3000]*\r?\n[ \t\u3000]*")
_RE_TRAILING_ETC = re.compile(r"(?:等(?:项目|工程)?)$")


def extract_projects(doc: DocumentLike, outline: Outline) -> list[Project]:
    """All named projects of the document, in reading order."""
    text = doc.text
    norm = normalized_text(doc)
    fold = fold_traditional(norm)  # the announced lists and the prose read the same folded text
    paragraphs = paragraph_spans(doc)
    para_starts = [p[0] for p in paragraphs]
    out: list[Project] = []
    seen: set[tuple[str | None, str]] = set()

    def add(proj: Project) -> None:
        """Keep a list entry once per (group, name without spaces)."""
        key = (proj.group, re.sub(r"\s+", "", proj.name))
        if key not in seen:
            seen.add(key)
            out.append(proj)

    for sec in outline.walk():
        if sec.kind == "box":
            box_label = f"{sec.marker} {sec.title}".strip()
            box_prefix = sec.marker
        elif _is_list_section(sec) and not any(c.kind == "box" for c in sec.children):
            box_label = sec.title
            box_prefix = sec.title
        else:
            continue
        categories = _category_names(outline, sec)
        headings = _bare_headings(norm, sec) if sec.kind != "box" else {}
        for start, end, heading in _bullet_items(norm, paragraphs, para_starts, sec.heading_end, sec.end, headings):
            label, prefix = (f"{box_prefix} {heading}", f"{box_prefix} {heading}") if heading else (box_label, box_prefix)
            for proj in _split_line(text, norm, start, end, label, prefix, categories):
                add(proj)
    # A numbered list announced by the line before it (这十大工程分别是：/ 重点项目如下：).
    for label, start, end in _announced_lists(fold, paragraphs):
        for proj in _split_line(text, norm, start, end, label, label, []):
            add(proj)
    # Projects named in running text, outside the boxes and lists read above.
    boxes = sorted((s.start, s.end) for s in outline.walk() if s.kind == "box" or _is_list_section(s))
    toc = outline.toc_span
    box_starts = [b[0] for b in boxes]
    box_reach = list(itertools.accumulate((b[1] for b in boxes), max))  # furthest end so far

    def in_box(pos: int) -> bool:
        i = bisect.bisect_right(box_starts, pos) - 1
        return i >= 0 and pos < box_reach[i]

    prose_spans = [
        (ps, pe) for ps, pe in paragraphs if not in_box(ps) and not (toc and toc[0] <= ps < toc[1])
    ]
    names = {re.sub(r"\s+", "", p.name) for p in out}
    for proj in find_prose_projects(text, fold, prose_spans):
        key_name = re.sub(r"\s+", "", proj.name)
        if key_name not in names:
            names.add(key_name)
            out.append(proj)
    out.sort(key=lambda p: p.start)
    return out


def _announced_lists(fold: str, paragraphs: list[tuple[int, int]]) -> Iterator[tuple[str, int, int]]:
    """(label, start, end) of each entry of a numbered list whose announcing line ends in
    …项目/工程 分别是/如下/主要有/包括： (the entries are the bullet lines right after it)."""
    for i, (ps, pe) in enumerate(paragraphs):
        m = _RE_ANNOUNCE.search(fold, ps, pe)
        if m is None:
            continue
        k = m.start() + 2  # the end of 项目/工程
        b = max([ps, k - 12] + [fold.rfind(c, ps, k) + 1 for c in "，,。；;：: "])
        label = _RE_DEMONSTRATIVE.sub("", fold[b:k]) or "项目"
        for s, e in itertools.islice(paragraphs, i + 1, None):
            if _RE_BULLET.match(fold, s) is None or _RE_NUMBERED.match(fold, s, e) is None:
                break
            yield label, s, e


def _is_list_section(sec: Section) -> bool:
    """A section whose title says it lists projects (traditional script read as simplified)."""
    return _RE_LIST_SECTION.search(fold_traditional(sec.title)) is not None


def _category_names(outline: Outline, box: Section) -> list[str]:
    """Headings around the box (under its nearest numbered or structural ancestor): a bullet may
    start with one of them without a colon."""
    scope = box.parent
    while scope is not None and scope.kind in ("dash", "bold_lead", "box"):
        scope = scope.parent
    pool = scope.children if scope is not None else outline.roots
    names: set[str] = set()
    stack = list(pool)
    while stack:
        s = stack.pop()
        if s is box:
            continue  # the list's own entries, parsed as numbered headings, are not its categories
        if s.kind != "box" and 2 <= len(s.title) <= 12:
            names.add(s.title)
        stack.extend(s.children)
    return sorted(names, key=len, reverse=True)


def _bare_headings(norm: str, sec: Section) -> dict[int, str]:
    """Sub-headings of a project list that stand alone on their line (（一）高速铁路): the categories
    of the entries below them, by the offset of their line."""
    out: dict[int, str] = {}
    stack = list(sec.children)
    while stack:
        s = stack.pop()
        stack.extend(s.children)
        line_end = norm.find("\n", s.start)
        line_end = len(norm) if line_end < 0 else line_end
        while line_end > 0 and norm[line_end - 1].isspace():  # the line without its trailing space
            line_end -= 1
        alone = s.heading_end >= line_end and not (line_end > 0 and norm[line_end - 1] == "。")
        has_body = bool(norm[s.heading_end : s.end].strip())  # 2、戊己水库。 alone is an entry, not a heading
        if alone and has_body and not re.search(r"[、，,；;]", s.title) and len(s.title) <= 15:
            out[s.start] = s.title
    return out


def _bullet_items(
    norm: str, paragraphs: list[tuple[int, int]], para_starts: list[int], start: int, end: int,
    headings: dict[int, str] | None = None,
) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, sub-heading) of each list entry in [start, end): a bullet line plus its
    continuation lines (a line that neither starts with a bullet or a "category：" label nor follows
    a finished sentence is the same entry broken by conversion). A line in ``headings`` ends the
    entry before it and names the entries after it."""
    headings = headings or {}
    heading: str | None = None
    cur: list[int] | None = None
    i = max(0, bisect.bisect_right(para_starts, start) - 1)
    while i < len(paragraphs) and paragraphs[i][0] < end:
        ps, pe = paragraphs[i]
        i += 1
        if pe <= start:
            continue
        ps = max(ps, start)
        if ps in headings:
            if cur is not None:
                yield cur[0], cur[1], heading
            cur = None
            heading = headings[ps]
            continue
        starts_entry = (
            cur is None
            or _RE_BULLET.match(norm, ps) is not None
            or norm[cur[1] - 1] in "。;!?"
            or _first_colon(norm, ps, pe) is not None
        )
        if cur is not None and not starts_entry:
            cur[1] = pe
            continue
        if cur is not None:
            yield cur[0], cur[1], heading
        cur = [ps, pe]
    if cur is not None:
        yield cur[0], cur[1], heading


def _split_line(
    text: str, norm: str, start: int, end: int, box_label: str, box_prefix: str, categories: list[str]
) -> Iterator[Project]:
    m = _RE_BULLET.match(norm, start)
    pos = m.end() if m else start
    while pos < end and norm[pos].isspace():
        pos += 1
    group = box_label
    colon = _first_colon(norm, pos, end)
    if colon is not None:
        category = text[pos:colon].strip(_STRIP)
        group = f"{box_prefix} {category}" if category else box_label
        pos = colon + 1
    else:
        for cat in categories:
            if norm.startswith(normalize_for_parsing(cat), pos):
                group = f"{box_prefix} {cat}"
                pos += len(cat)
                break
    # Separators: list punctuation, and a space before an opening quote (a new quoted brand name).
    cuts = [(i, i + 1) for i in range(pos, end) if norm[i] in _SEPARATORS]
    cuts += [(m.start(), m.end()) for m in _RE_SPACE_BEFORE_QUOTE.finditer(text, pos, end)]
    item_start = pos
    for cut_start, cut_end in [*sorted(cuts), (end, end)]:
        if cut_start < item_start:
            continue
        proj = _project(text, item_start, cut_start, group)
        if proj is not None:
            yield proj
        item_start = cut_end


def _first_colon(norm: str, pos: int, end: int) -> int | None:
    """The colon ending a short category label (not one inside a project name further on)."""
    for i in range(pos, min(end, pos + 20)):
        if norm[i] == ":":
            return i
        if norm[i] in _SEPARATORS:
            return None
    return None


def _project(text: str, s: int, e: int, group: str) -> Project | None:
    while s < e and text[s] in _STRIP:
        s += 1
    while e > s and text[e - 1] in _STRIP:
        e -= 1
    # The name is the raw span with line breaks (and the indentation around them) removed;
    # ``kept`` maps each name character back to its offset so the quote can be cut to match.
    dropped: set[int] = set()
    for m in _RE_BREAK.finditer(text, s, e):
        dropped.update(range(m.start(), m.end()))
    kept = [i for i in range(s, e) if i not in dropped]
    name = "".join(text[i] for i in kept)
    leaked = _RE_LEAKED_ROW.search(name)
    etc = _RE_TRAILING_ETC.search(name)
    cut = leaked.start() if leaked else (etc.start() if etc and etc.start() >= 2 else len(name))
    name = name[:cut].rstrip(_STRIP)
    if len(name) < 2 or not re.search(r"[\u4e00-\u9fffA-Za-z]", name):
        return None
    e = kept[len(name) - 1] + 1
    return Project(name=name, group=group, quote=text[s:e], start=s, end=e, evidence="project|list")
