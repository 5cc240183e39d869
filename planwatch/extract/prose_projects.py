"""Projects named in running text: 「重点扶持A、B、C等重点项目」, 「推动A、B项目落地投产」.

Plans, work reports and execution reports name most of their projects in prose rather than in
专栏 boxes. A list is read when it ends in (等…)项目/工程 and starts after an action verb
(扶持/推动/推进/实施/建设/发展…) or at the start of a clause. The items are split on 、 and ，;
without 等 the last item keeps its 项目/工程 (it is the project's name as written: 4G1发动机项目).
Descriptions are rejected (一批…的大项目, 孵化项目): an item is a short name without 的 or verbs.
Without the word 项目, named facilities and works whose construction is pushed are read too:
抓好甲乙隧道建设, 加快推进甲高铁、乙大桥建设, 开工建设甲至乙段 (the name ends in a word for a
facility or a work and is more than its class: 城际铁路 alone is no name).
A list announced by its group (今年开工的20项工程分别是A、B和C等), a work named as the subject of
what happened to it (甲乙铁路提前一年建成通车) and a project named before its investment
(甲乙城际，总投资约198亿元), lines named by their ends (建设甲至乙、丙至丁等铁路) and things listed
as key projects (甲区、乙园被列入省重点项目) are read as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from planwatch.extract.model import Project

__all__ = ["find_prose_projects"]

# An action that a list of projects is the object of (the last one before the list opens it).
_TRIGGER_RE = re.compile(
    r"(?:重点|加快|大力|积极|全力|着力|加速|全面|继续|力争|确保)?"
    r"(?:扶持|推动|推进|实施|建设|发展|抓好|引进|落实|谋划|启动|开工|新建|续建|实现|完成|打造|支持|争取|建成|培育|安排)"
    r"|力争|确保|涉及|包括"
)
# The end of a list: (等)(a short qualifier)项目/工程 — 等重点项目, 等航空项目, 等省重点、省优选新旧动能转换项目.
_ETC_RE = re.compile(
    r"等([^等，,。；;：:\n]{0,24}?)(项目|(?<=[重点大骨干民生])工程|(?<=路段)(?:扩容|升级)?(?:改造|建设))"
)
# Without 等: A、B项目 (two or more items), after a strong trigger (重点推动, 加快推进).
_PROJECT_WORD_RE = re.compile(r"项目")
_STRONG_TRIGGER_RE = re.compile(r"(?:重点|加快|全力|着力)")
# A qualifier between 等 and 项目 that describes rather than names the group.
_GROUP_BAD_RE = re.compile(r"领域$|一批|一些|满足|完全|的|各类|这些|其他|相关|有关|行业|信息化|基础设施|政府投资")
# 领域项目共有9个大项，涉及A、B、C: the parts a named group of projects consists of.
_PARTS_RE = re.compile(r"(?:涉及|包括)([^，,。；;：:\n]{2,200})")
# 包括A项目和B项目: two parts, each itself a group of projects.
_TWO_GROUPS_RE = re.compile(r"[^和、]{2,30}?(?:项目|工程)和[^和、]{2,30}?(?:项目|工程)")
_GROUP_BEFORE_RE = re.compile(r"(?:项目|工程包)[^。；;]{0,12}[，,]?$")
# Without 项目: 加快推动A、B新厂达产 — named things an action brings into operation.
_DONE_WORD_RE = re.compile(r"达产|投产|竣工|开工|落地投产|建成投用|建成投产")
_DELIMITERS = "，,。；;：:\n"
# A single named project after a trigger, then what happens to it: 重点推动X项目竣工投产.
_SINGLE_AFTER_RE = re.compile(r"(?:竣工|投产|开工|建成|落地|达产|签约|开建)")
_CLAUSE_STOPS = "。；;：:\n"
# A character of one name in a list: no clause delimiter, list join (、和及与), 等 or 的.
_NAME_CHAR = r"[^，,。；;：:、\n等的和及与]"
# The adverb that may open a verb pushing construction (加快推进, 全力抓好).
_PUSH_ADVERB = r"(?:重点|加快|全力|着力|突出|全面|大力|积极)?"
# One named facility whose construction the text pushes: 抓好甲乙隧道建设, 推动丙丁产业园落地建设,
# 加快推动戊己设计中心揭牌运营. The name ends in a facility noun; the word after it says what
# happens to it. Several things (和/及/与), a class (省级…中心) or a description (的) are not one name.
_FACILITY_RE = re.compile(
    rf"{_PUSH_ADVERB}(?:抓好|推进|推动|建设|打造|实施)"
    rf"({_NAME_CHAR}{{2,20}}?"
    r"(?:隧道|大桥|水库|电站|机场|码头|港区|枢纽|产业园区?|工业园区?|集中区|综合体|中心|物流园区?))"
    r"((?:落地)?(?:建设|开工|竣工|投产|揭牌运营|建成))"
)
_FACILITY_BAD_RE = re.compile(r"级|各|一批|多个|若干|这些|相关|重点|重大|特色|示范")
# Several named works of infrastructure in a row: 加快推进甲乙高铁、丙丁水库和戊己大桥建设,
# 开工建设甲乙铁路、丙丁高速公路, 建成甲至乙段、丙丁机场. Each item ends in a word for a physical
# work (an institution's 中心 is not one) or is a road section (甲至乙段), and says which one it is:
# a bare class (城际铁路, 农村公路, 病险水库) is no name.
_WORK_NOUN = (
    r"(?:隧道|大桥|桥|水库|电站|电厂|风电场|变电站|水厂|污水处理厂|机场|码头|港区|港|枢纽|铁路|高铁|高速公路|高速|"
    r"航道|灌区|大道|医院|体育馆|博物馆|图书馆|会展中心|旅游区|度假区|景区|"
    r"产业园区?|工业园区?|物流园区?|改扩建工程|至"
    rf"{_NAME_CHAR}{{1,12}}段)"
)
_WORK_ITEM = rf"{_NAME_CHAR}{{2,25}}?{_WORK_NOUN}"
# An item that ends in a word for a work (the start of the match: where its name's own part ends).
_WORK_END_RE = re.compile(rf"{_WORK_NOUN}$")
# The left side of 甲高速铁路和乙炼油厂: a work, or a plant, a station, a base or a centre.
_WORK_OR_PLANT_END_RE = re.compile(rf"{_WORK_NOUN}$|(?:厂|站|基地|中心)$")
# The subject of what happened to it: a work or any 工程.
_SUBJECT_NOUN = rf"(?:{_WORK_NOUN}|工程)"
_SUBJECT_NOUN_END_RE = re.compile(rf"{_SUBJECT_NOUN}$")
_WORKS_RE = re.compile(
    rf"{_PUSH_ADVERB}"
    r"(?:(抓好|推进|推动|实施)|(开工建设|建成|新建|续建|开工))"
    rf"((?:{_WORK_ITEM}[、和])+{_WORK_ITEM})"
    r"(建设|开工|竣工|建成|投产|通车|(?=[，,。；;]))"
)
_WORK_CLASS_RE = re.compile(
    r"(?:城际|城市|市域|农村|干线|国省|国道|省道|普通|综合|现代|新型|大型|中型|小型|中小型|病险|骨干|高速|轨道|"
    r"通用|民用|支线|货运|客运|水利|交通|能源|物流|旅游|产业|工业|文化|体育|重点|重大|一批|各类|沿江|沿海)+"
)
# What follows the last word of a list item: a trigger word right before one of these ends an item.
_ITEM_ENDS = "、和"
_ITEM_BAD_RE = re.compile(
    r"的|一批|一些|若干|各类|各种|多个|一大批|系列项目|[及和]其|进行|提高|加强|促进|形成|通过|围绕|推动|推进"
    # 以…为 / 作为 / 成为: a description (以龙头企业为核心); a 为 inside a place name (无为) is not.
    r"|以.{0,12}为|^以|作为|成为|为(?:主|重点|核心|龙头|依托|抓手|载体|目标)"
    r"|鼓励|参与|实行|吸引|开展|注重|完善|加快|满足|摆满|基本|进一步|其中|计划|方面|战略(?!性)|标准|能力|领域|产业化"
    r"|经济|集团|行业|布局|科学|合理(?!开发|利用)|社会事业|^项目|^了|^与|^和|^及"
)
_LEAD_STRIP_RE = re.compile(r"(?:区内|县内|市内|省内|境内|全市|全县|全区|全省|我市|我县|我区|我省|一批|了)")
_MAX_ITEM = 30
_GROUP_NOUN_RE = re.compile(r"(?:公路|铁路|项目|工程|设施|路段|园区|基地)$")
# A list announced by its group: 今年开工的20项工程分别是A、B和C等, 包括的项目有A、B.
_ANNOUNCED_RE = re.compile(r"(?:项目|工程)(?:分别是|分别为|分别有|主要有|主要是)[:：]?")
# What happened to something in the list before: 甲铁路建成通车，乙、丙全面投产，丁工程进展顺利，
# 戊、己等重大项目开工 — an item holding one of these is a clause of its own, the list starts after it.
_PREDICATE_RE = re.compile(r"通车|投产|竣工|顺利|发挥|效益|完成|建成|开工|进展|提前")
# A work as the subject of what happened to it: 甲乙铁路提前一年建成通车, 丙丁工程进展顺利.
_SUBJECT_EVENTS = r"(?:建成通车|建成投产|全面投产|建成投用|进展顺利|竣工投产|开工建设)"
_SUBJECT_WORK_RE = re.compile(
    rf"({_NAME_CHAR}{{2,20}}?{_SUBJECT_NOUN})"
    rf"(?:提前[^，,。；;]{{1,4}})?{_SUBJECT_EVENTS}"
)
_SUBJECT_EVENT_RE = re.compile(_SUBJECT_EVENTS)
_SUBJECT_REACH = 48  # the longest subject (20) + work noun + 提前… before the event word
# A project named before its investment: 甲乙城际，总投资约198亿元 / 丙丁片区旧改，投资约240亿元、….
_INVESTED_RE = re.compile(r"[，,](?:计划)?总?投资(?:约|近|超|达)?\d")
# A name followed by what the project does (丙丁酒店项目，拟对…进行升级改造; 戊己公园项目，占地面积…; 庚辛工程，包括…).
_DESCRIBED_RE = re.compile(r"(?<=项目|工程)[，,](?:拟|占地|位于|规划|包括)")
# Lines to build, named by their ends: 建设甲至乙、丙至丁等铁路 / 建设甲至乙段和丙经丁至戊、己至庚铁路 /
# 推进甲至乙、丙至丁等与周边互联互通铁路建设 (without 等 or 建设 after the list, a verb of building
# before it). The list ends in the class of the lines (after 等, or
# written on the last item); every item is a route (甲至乙) or ends in a word for a work.
_LINE_NOUN = r"(?:高速铁路|城际铁路|铁路|高铁|高速公路|公路|航道|运河|输电通道|通道)"
_LINE_LIST_RE = re.compile(
    rf"(?:等([^，,。；;：:\n等]{{0,12}}?))?({_LINE_NOUN})(建设|前期工作|扩能改造|改造|项目|工程)?(?=[，,。；;])"
)
# Projects as the subject of their listing: 甲旅游区、乙文化园被列入省“十五”计划重点项目.
_LISTED_RE = re.compile(r"(?:被|已)?(?:列入|纳入|列为|确定为)[^，,。；;]{0,20}?(?:重点|重大)(?:建设)?(?:项目|工程)")
_INVESTED_BAD_RE = re.compile(r"的|进行|提高|加强|促进|形成|通过|围绕|推动|推进|鼓励|参与|实行|吸引|开展|完善|加快|满足|方面")
_NOT_NAME_RE = re.compile(r"\d|共|高达|达到|其中|今年|全年|本年|累计|完成|投资|计划|文件|还有")


def find_prose_projects(text: str, fold: str, spans: list[tuple[int, int]]) -> Iterator[Project]:
    """Projects listed in the paragraphs ``spans`` of ``text`` (``fold``: its same-length folded copy)."""
    for ps, pe in spans:
        for m in _ETC_RE.finditer(fold, ps, pe):
            if _GROUP_BAD_RE.search(m.group(1)):
                continue
            group = fold_group(text, m.start(1), m.end(2))
            start, triggered = _list_start(fold, ps, m.start())
            if triggered and fold.startswith("一批", start):
                continue  # 推进一批生态文明建设、文化体育等项目: fields, not names
            yield from _items(text, fold, start, m.start(), group, restart=True)
        for body_start, word_start, word_end in _bodies(fold, ps, pe, _PROJECT_WORD_RE, 80):
            if "等" in fold[body_start:word_start]:
                continue  # the 等 form, read above
            yield from _plain_list(text, fold, ps, body_start, word_start, word_end)
        for m in _PARTS_RE.finditer(fold, ps, pe):
            if not _GROUP_BEFORE_RE.search(fold, max(ps, m.start() - 20), m.start()):
                continue
            if "、" not in m.group(1) and not _TWO_GROUPS_RE.fullmatch(m.group(1)):
                continue
            etc = m.group(1).rfind("等")
            if etc >= 0 and _GROUP_BAD_RE.search(m.group(1), etc):
                continue  # 涉及机械制造、医药等行业和企业信息化项目: sectors, not names
            group_start = _clause_start(fold, ps, m.start())
            joins = "和" if "、" not in m.group(1) else ""  # 包括A项目和B项目: two groups; A、B和C: _split_last_and
            yield from _items(text, fold, m.start(1), m.end(1), text[group_start : m.start()].strip("，, "), joins=joins)
        for m in _ANNOUNCED_RE.finditer(fold, ps, pe):
            end = m.end()
            while end < pe and fold[end] not in _CLAUSE_STOPS:
                end += 1
            if "、" in fold[m.end() : end]:
                group_start = _clause_start(fold, ps, m.start())
                yield from _items(text, fold, m.end(), end, text[group_start : m.end()].rstrip("：: "))
        yield from _subject_works(text, fold, ps, pe)
        yield from _line_lists(text, fold, ps, pe)
        yield from _listed(text, fold, ps, pe)
        yield from _invested(text, fold, ps, pe)
        for m in _FACILITY_RE.finditer(fold, ps, pe):
            if not _FACILITY_BAD_RE.search(m.group(1)):
                p = _project(text, fold, m.start(1), m.end(1), text[m.start(2) : m.end(2)])
                if p is not None:
                    yield p
        yield from _works(text, fold, ps, pe)
        for body_start, word_start, _ in _bodies(fold, ps, pe, _DONE_WORD_RE, 60):
            if "项目" in fold[body_start:word_start] or "等" in fold[body_start:word_start]:
                continue
            start, triggered = _list_start(fold, ps, word_start)
            items = list(_spans(fold, start, word_start))
            if triggered and len(items) >= 2 and _STRONG_TRIGGER_RE.search(fold, max(ps, start - 6), start):
                for s, e in items:
                    p = _project(text, fold, s, e, "项目")
                    if p is not None:
                        yield p


def _works(text: str, fold: str, ps: int, pe: int) -> Iterator[Project]:
    """Named works of infrastructure listed after a verb (``_WORKS_RE``); a list with a bare class
    or a description among its items is left alone."""
    for m in _WORKS_RE.finditer(fold, ps, pe):
        if m.group(1) and not m.group(4):
            continue  # 推进甲、乙 without 建设/开工…: what is pushed may be anything
        group = text[m.start(2) : m.end(2)] if m.group(2) else text[m.start(4) : m.end(4)]
        yield from _all_or_none(_work(text, fold, s, e, group) for s, e in _spans(fold, m.start(3), m.end(3), joins="和"))


def _work(text: str, fold: str, s: int, e: int, group: str) -> Project | None:
    """The work named by fold[s:e] (a work noun after more than a bare class); None otherwise."""
    noun = _WORK_END_RE.search(fold[s:e])
    if noun is None or _WORK_CLASS_RE.fullmatch(fold[s : s + noun.start()]) or _FACILITY_BAD_RE.search(fold[s:e]):
        return None
    return _project(text, fold, s, e, group)


def _all_or_none(found: Iterable[Project | None]) -> list[Project]:
    """The projects of a list whose every item names one; none as soon as one item does not."""
    out: list[Project] = []
    for p in found:
        if p is None:
            return []
        out.append(p)
    return out


def _bodies(fold: str, ps: int, pe: int, word: re.Pattern[str], max_len: int) -> Iterator[tuple[int, int, int]]:
    """(body start, word start, word end) for each ``word`` in [ps, pe) preceded by 2 to ``max_len``
    characters without a clause delimiter, none of them used by the previous body (the spans a
    lazy "([^delimiters]{2,max_len}?)word" scan would give, found from the words, in linear time)."""
    last_end = ps
    for m in word.finditer(fold, ps, pe):
        k = m.start()
        b = k
        while b > max(last_end, k - max_len) and fold[b - 1] not in _DELIMITERS:
            b -= 1
        if k - b >= 2:
            yield b, k, m.end()
            last_end = m.end()


def fold_group(text: str, s: int, e: int) -> str:
    """The group a list names itself (重点项目, 新材料项目, 航空项目)."""
    return text[s:e].strip() or "项目"


def _clause_start(fold: str, ps: int, pos: int) -> int:
    return max([ps] + [fold.rfind(c, ps, pos) + 1 for c in _CLAUSE_STOPS])


def _list_start(fold: str, ps: int, pos: int) -> tuple[int, bool]:
    """(where the list opens, whether a trigger verb opens it) for a list ending at ``pos``."""
    cs = _clause_start(fold, ps, pos)
    last = None
    for t in _TRIGGER_RE.finditer(fold, cs, pos):
        if t.end() < pos and fold[t.end()] in _ITEM_ENDS:
            continue  # the last word of an item (新型城镇化与区域融合发展、…), not the verb opening the list
        last = t
    if last is not None:
        return last.end(), True
    # No verb: the list is the subject of its clause (浙赣粤运河等重大项目前期工作取得进展).
    return max(cs, fold.rfind("，", cs, pos) + 1, fold.rfind(",", cs, pos) + 1), False


def _plain_list(text: str, fold: str, ps: int, body_start: int, suffix_start: int, suffix_end: int) -> Iterator[Project]:
    start, triggered = _list_start(fold, ps, suffix_start)
    if not triggered or start < body_start - 40 or not _STRONG_TRIGGER_RE.search(fold, max(ps, start - 6), start):
        return
    items = list(_spans(fold, start, suffix_start))
    if len(items) >= 2 and all(e - s <= 15 for s, e in items):
        *first, (ls, _) = items
        group = text[suffix_start:suffix_end]
        found = [_project(text, fold, s, e, group) for s, e in first]
        found.append(_project(text, fold, ls, suffix_end, group))
        # A description among the items (城市建设、三产服务、基础设施和社会事业项目) makes the
        # list one of sectors, not of named projects.
        if any(p is None and _ITEM_BAD_RE.search(fold[s:e]) for p, (s, e) in zip(found, items, strict=True)):
            return
        yield from (p for p in found if p is not None)
    elif len(items) == 1 and _SINGLE_AFTER_RE.match(fold, suffix_end):
        s, _ = items[0]
        p = _project(text, fold, s, suffix_end, text[suffix_start:suffix_end])
        if p is not None and len(p.name) >= 5:
            yield p


def _spans(fold: str, start: int, end: int, joins: str = "") -> Iterator[tuple[int, int]]:
    """Items between 、 ， (and 以及, and the characters ``joins``); an item cut at its own 等
    (京雄等雄安新区对外高速公路以及…: 京雄)."""
    s = start
    i = start
    while i <= end:
        if i == end or fold[i] in "、，," or fold[i] in joins or fold.startswith("以及", i):
            if i > s:
                etc = fold.find("等", s, i)
                named_group = etc > s and _GROUP_NOUN_RE.search(fold, etc, i) is not None
                yield s, etc if named_group else i
            step = 2 if fold.startswith("以及", i) and i < end else 1
            s = i + step
            i += step
            continue
        i += 1


def _items(
    text: str, fold: str, start: int, end: int, group: str, joins: str = "", restart: bool = False
) -> Iterator[Project]:
    """The items of a list; none when one of them is a description (鼓励社会资本参与…、…等项目) or
    when three or more items are all bare words of two characters (板栗、核桃、茶叶等农业产业基地:
    the products a group of projects is about, not the names of projects; two short names stay,
    聚霆、一重等新能源项目 names the companies' projects)."""
    found = []
    spans = list(_spans(fold, start, end, joins))
    if spans and fold[spans[-1][1] - 1] == "等" and spans[-1][1] == end:
        spans[-1] = (spans[-1][0], spans[-1][1] - 1)  # the list's own 等 (…和C等。)
    if restart:
        # 甲铁路建成通车，乙工程进展顺利，丙、丁等项目开工: the list starts after the last clause
        # that says what happened to something.
        done = [i for i, (s, e) in enumerate(spans) if _PREDICATE_RE.search(fold, s, e)]
        if done:
            spans = spans[done[-1] + 1 :]
    spans = _split_last_and(fold, spans)
    spans = [part for s, e in spans for part in _split_works_and(fold, s, e)]
    if len(spans) >= 3 and all(e - s <= 2 for s, e in spans):
        return
    for s, e in spans:
        p = _project(text, fold, s, e, group)
        if p is None:
            if _ITEM_BAD_RE.search(fold[s:e]):
                return
            continue
        found.append(p)
    yield from found


def _split_works_and(fold: str, s: int, e: int) -> list[tuple[int, int]]:
    """甲高速铁路和乙炼油厂: an item holding two works joined by 和, each a name of four characters or
    more and the first ending in a word for a work (a name's own coordination, 重卡零部件和工程机械
    扩产项目, has no work before its 和)."""
    k = _two_names_and(fold, s, e)
    if k is None or _WORK_OR_PLANT_END_RE.search(fold[s:k]) is None:
        return [(s, e)]
    return [(s, k), (k + 1, e)]


def _listed(text: str, fold: str, ps: int, pe: int) -> Iterator[Project]:
    """Two or more named things, the subject of their listing as key projects (``_LISTED_RE``);
    a count (30个项目), a description or a class among them leaves the list alone."""
    for m in _LISTED_RE.finditer(fold, ps, pe):
        start = max(ps, fold.rfind("，", ps, m.start()) + 1, fold.rfind(",", ps, m.start()) + 1, _clause_start(fold, ps, m.start()))
        spans = list(_spans(fold, start, m.start()))
        if len(spans) < 2 or re.search(r"\d", fold[start : m.start()]):
            continue
        group = text[m.start() : m.end()].lstrip("被已")
        yield from _all_or_none(_project(text, fold, s, e, group) for s, e in spans)


def _line_lists(text: str, fold: str, ps: int, pe: int) -> Iterator[Project]:
    """Lines named by their ends after a verb (``_LINE_LIST_RE``); a list holding anything but
    routes and named works is left alone."""
    for m in _LINE_LIST_RE.finditer(fold, ps, pe):
        end = m.start() if m.group(1) is not None else m.end(2)
        start, triggered = _list_start(fold, ps, end)
        if not triggered or start >= end or re.search(r"[，,]", fold[start:end]):
            continue
        spans = []
        for s, e in _spans(fold, start, end):
            spans.extend(_split_line_and(fold, s, e))
        if len(spans) < 2 and m.group(1) is None:
            continue  # one item with its class word: the work readers above decide
        if m.group(1) is None and m.group(3) is None and fold[start - 2 : start] not in ("建设", "新建", "续建", "开工"):
            continue  # 推进甲、乙铁路 without 建设: what is pushed may be anything
        yield from _all_or_none(_line(text, fold, s, e, text[m.start(2) : m.end(2)]) for s, e in spans)


def _line(text: str, fold: str, s: int, e: int, group: str) -> Project | None:
    """The line named by fold[s:e] when it is a route (甲至乙) or a named work; None otherwise."""
    item = fold[s:e]
    noun = _WORK_END_RE.search(item)
    route = "至" in item[1:-1] and len(item) >= 4
    if not route and (noun is None or not noun.start() or _WORK_CLASS_RE.fullmatch(item[: noun.start()])):
        return None
    # Routes and named works only (checked above): 和田至日喀则 may start with 和.
    return _project(text, fold, s, e, group, loose=True) if "的" not in item else None


def _split_line_and(fold: str, s: int, e: int) -> list[tuple[int, int]]:
    """甲至乙段和丙至丁: two lines joined by 和 (the left one a route or a named work, the right
    one four characters or more); 和田至日喀则 starts with a place name, not a join."""
    k = fold.find("和", s + 1, e)
    if k < 0 or e - k - 1 < 4 or k - s < 4:
        return [(s, e)]
    left = fold[s:k]
    if "至" not in left and _WORK_END_RE.search(left) is None:
        return [(s, e)]
    return [(s, k), *_split_line_and(fold, k + 1, e)]


def _subject_works(text: str, fold: str, ps: int, pe: int) -> Iterator[Project]:
    """A named work at the start of a clause, then what happened to it (``_SUBJECT_WORK_RE``).
    The pattern is tried only just before an event word (it is slow to scan a whole paragraph)."""
    seen: set[int] = set()
    for m in (w for ev in _SUBJECT_EVENT_RE.finditer(fold, ps, pe)
              for w in _SUBJECT_WORK_RE.finditer(fold, max(ps, ev.start() - _SUBJECT_REACH), ev.end())):
        if m.start(1) in seen:
            continue
        seen.add(m.start(1))
        s = m.start(1)
        if s > ps and fold[s - 1] not in "，,。；;：:\n":
            continue
        noun = _SUBJECT_NOUN_END_RE.search(fold[s : m.end(1)])
        assert noun is not None
        prefix = fold[s : s + noun.start()]
        if not prefix or _WORK_CLASS_RE.fullmatch(prefix) or _FACILITY_BAD_RE.search(fold, s, m.end(1)):
            continue
        p = _project(text, fold, s, m.end(1), "项目")
        if p is not None:
            yield p


def _invested(text: str, fold: str, ps: int, pe: int) -> Iterator[Project]:
    """A project named at the start of a sentence (or after the previous project's investment), then
    its investment or what it does (``_INVESTED_RE``, ``_DESCRIBED_RE``); items joined by 、 before it
    are projects of the same investment (甲工程、乙工程，投资10亿元)."""
    for m in [*_INVESTED_RE.finditer(fold, ps, pe), *_DESCRIBED_RE.finditer(fold, ps, pe)]:
        k = m.start()
        b = k
        while b > ps and fold[b - 1] not in "。；;：:\n，," and not fold.startswith("元、", b - 2):
            b -= 1
        if b > ps and fold[b - 1] in "，,":
            continue  # inside a sentence: a clause, not a name
        if b == k or _NOT_NAME_RE.search(fold, b, k):
            continue
        spans = list(_spans(fold, b, k)) if "、" in fold[b:k] else [(b, k)]
        if any(_INVESTED_BAD_RE.search(fold, s, e) for s, e in spans):
            continue
        # A company's name is part of its project's (甲集团双碳经济产业园); an item run together
        # with the next by the copying site (too long for a name) is left out, the others stay.
        found = [_project(text, fold, s, e, "项目", loose=True) for s, e in spans]
        yield from (p for p in found if p is not None)


def _split_last_and(fold: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A、B和C: the last item of a list of two or more items holds two names joined by 和 when both
    sides are names of four characters or more (尾矿综合利用和尧柏水泥技改); a short side is one
    name's own coordination (处理技术和设备)."""
    if len(spans) < 2:
        return spans
    s, e = spans[-1]
    k = _two_names_and(fold, s, e)
    if k is None:
        return spans
    return [*spans[:-1], (s, k), (k + 1, e)]


def _two_names_and(fold: str, s: int, e: int) -> int | None:
    """The position of the one 和 in fold[s:e] when both sides have four characters or more
    (two names joined); None otherwise (a short side is one name's own coordination)."""
    k = fold.find("和", s, e)
    if k < 0 or k - s < 4 or e - k - 1 < 4 or fold.find("和", k + 1, e) >= 0:
        return None
    return k


def _project(text: str, fold: str, s: int, e: int, group: str, loose: bool = False) -> Project | None:
    """The project named by text[s:e], or None for a description; ``loose``: the caller has
    already ruled out descriptions (words such as 集团 or 经济 may be part of the name)."""
    while s < e and fold[s] in " \t“\"":
        s += 1
    m = _LEAD_STRIP_RE.match(fold, s, e)
    if m:
        s = m.end()
    while e > s and fold[e - 1] in " \t":
        e -= 1
    name = text[s:e]
    item = fold[s:e]
    bad = not loose and _ITEM_BAD_RE.search(item) is not None
    if not 2 <= len(name) <= _MAX_ITEM or bad or not re.search(r"[\u4e00-\u9fffA-Za-z]", name):
        return None
    if re.fullmatch(r"[\d.]+", item) or item.endswith(("等", "个", "项", "批")):
        return None
    return Project(name=name, group=group, quote=text[s:e], start=s, end=e, evidence="project|prose")
