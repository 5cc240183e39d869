"""Display labels: every code a user may see (target kinds, comparators, assessment methods, lights,
audit rules, workflow steps, record fields) in Chinese, with the English of the other edition.

Plain Python so the web pages, the Excel exports and the reports name things the same way. Codes stay
codes in the data and the API; only what is shown goes through :func:`label`.
"""

from __future__ import annotations

import re

from planwatch.progress.model import STATUS_EN, STATUS_ZH

Pair = tuple[str, str]  # (中文, English)

KIND: dict[str, Pair] = {
    "level": ("总量", "level"),
    "growth": ("增速", "growth rate"),
    "share": ("比重", "share"),
    "change": ("增减变化", "change"),
    "count": ("数量", "count"),
    "cumulative": ("累计", "cumulative"),
}

COMPARATOR: dict[str, Pair] = {
    "=": ("达到", "reach"),
    ">=": ("不低于", "at least"),
    ">": ("高于", "above"),
    "<=": ("不高于", "at most"),
    "<": ("低于", "below"),
    "range": ("区间", "within"),
}

METHOD: dict[str, Pair] = {
    "cn": ("时间过半、任务过半法", "time elapsed vs. task done (Chinese practice)"),
    "statcan": ("复合增长率比值法（加拿大统计局法）", "compound growth ratio (Statistics Canada)"),
}

STATUS: dict[str, Pair] = {code: (STATUS_ZH[code], STATUS_EN[code]) for code in STATUS_ZH}

LIGHT: dict[str, Pair] = {
    "green": ("绿灯：正常", "green: on schedule"),
    "yellow": ("黄灯：临近期限或略有滞后", "yellow: deadline near or slightly behind"),
    "red": ("红灯：逾期或滞后", "red: overdue or lagging"),
    "grey": ("灰色：已办结或无法评估", "grey: finished or not assessable"),
    "info": ("提示：待处理事项", "info: an item to deal with"),
}

SEVERITY: dict[str, Pair] = {
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
}

RULE: dict[str, Pair] = {
    "growth_triangle": ("基期、增速与目标值勾稽", "base, growth rate and target"),
    "share_total": ("比重与总量勾稽", "share and totals"),
    "parts_whole": ("分项与合计勾稽", "parts and whole"),
    "cumulative_path": ("累计值与年度路径", "cumulative path"),
    "cross_document": ("跨文件数字一致性", "figures across documents"),
    "definitions": ("统计口径差异", "differing definitions"),
    "repeated_figure": ("同一数字多处表述", "repeated figure"),
}

TASK_STATE: dict[str, Pair] = {
    "assigned": ("交办", "assigned"),
    "accepted": ("承办", "accepted"),
    "reported": ("反馈", "reported"),
    "done": ("办结", "done"),
    "closed": ("销号", "closed"),
}

TASK_PROGRESS: dict[str, Pair] = {
    "not_started": ("未启动", "not started"),
    "in_progress": ("推进中", "in progress"),
    "completed": ("已完成", "completed"),
    "behind": ("滞后", "behind"),
    "blocked": ("受阻", "blocked"),
}

# The workflow steps written to the audit trail by ``record_action``.
ACTION: dict[str, Pair] = {
    "assign": ("交办", "assigned"),
    "accept": ("承办", "accepted"),
    "approve_update": ("批准进展", "update approved"),
    "return_update": ("退回进展", "update returned"),
    "finish": ("办结", "declared done"),
    "close": ("销号", "closed"),
    "return": ("退办", "returned"),
    "request_extension": ("申请延期", "extension requested"),
    "grant_extension": ("同意延期", "extension granted"),
    "refuse_extension": ("不同意延期", "extension refused"),
    "add_milestone": ("新增节点", "milestone added"),
    "complete_milestone": ("节点完成", "milestone done"),
    "delete": ("删除", "deleted"),
    "approve_version": ("审核通过版本", "version approved"),
    "discard_version": ("废弃版本", "version discarded"),
}

ROLE: dict[str, Pair] = {
    "office_admin": ("规划处", "Planning office"),
    "unit_reporter": ("单位联络员", "Unit reporter"),
    "unit_leader": ("单位负责人", "Unit leader"),
    "leadership_viewer": ("领导查看", "Leadership"),
    "public": ("公众", "Public"),
}

OBSERVATION_STATUS: dict[str, Pair] = {"preliminary": ("初步", "preliminary"), "final": ("最终", "final")}

# Confidence of extracted records (the threshold is planwatch.extract.confidence.LOW_CONFIDENCE).
CONFIDENCE_WORD: Pair = ("置信度", "confidence")
LOW_CONFIDENCE_WORD: Pair = ("低置信度", "low confidence")
TO_RECHECK_WORD: Pair = ("待复核", "to be checked")
LOW_CONFIDENCE_MARK = "※"
LOW_CONFIDENCE_NOTE = "※ 为自动抽取置信度较低、尚未经人工复核的数据"

# The counts a table import reports.
IMPORT_COUNT: dict[str, Pair] = {
    "created": ("新增", "created"), "revised": ("修订", "revised"), "unchanged": ("未变", "unchanged"),
    "new_indicators": ("新建指标", "new indicators"), "tasks": ("导入任务", "tasks"),
}

# Field names of the audited records, for the history pages.
FIELD: dict[str, Pair] = {
    "id": ("编号", "id"), "title": ("名称", "title"), "name": ("名称", "name"), "short_name": ("简称", "short name"),
    "description": ("说明", "description"), "number": ("序号", "number"), "type": ("类型", "type"),
    "kind": ("类型", "kind"), "state": ("督办状态", "state"), "status": ("状态", "status"),
    "progress_status": ("进展状态", "progress"), "percent": ("完成百分比", "percent"),
    "deadline": ("完成期限", "deadline"), "internal_note": ("内部备注", "internal note"),
    "version": ("版本号", "version"), "created": ("创建时间", "created"), "updated": ("更新时间", "updated"),
    "region_id": ("所属地区", "region"), "issuing_body": ("发文机关", "issuing body"),
    "document_number": ("文号", "document number"), "confidence": ("置信度", "confidence"),
    "region": ("地区", "region"), "caliber": ("口径", "scope"), "caliber_text": ("口径", "scope"),
    "measure": ("统计对象", "measure"), "dimension": ("计量维度", "dimension"), "file_name": ("文件名", "file name"),
    "plan_id": ("规划", "plan"), "plan_task_id": ("规划任务", "plan task"), "task_id": ("任务", "task"),
    "source_removed": ("原文已删除", "source removed"), "lead_unit_id": ("牵头单位", "lead unit"),
    "unit_id": ("单位", "unit"), "target_id": ("目标", "target"), "value": ("数值", "value"),
    "value_high": ("数值上限", "upper value"), "note": ("备注", "note"), "due": ("计划完成日期", "due"),
    "done_on": ("实际完成日期", "done on"), "text": ("内容", "text"), "review": ("审批", "review"),
    "review_comment": ("审批意见", "review comment"), "submitted_by_id": ("填报人", "submitted by"),
    "submitted_at": ("填报时间", "submitted at"), "reviewed_by_id": ("审批人", "reviewed by"),
    "reviewed_at": ("审批时间", "reviewed at"), "file": ("文件", "file"), "size": ("大小", "size"),
    "sha256": ("校验值", "checksum"), "uploaded_at": ("上传时间", "uploaded at"),
    "update_id": ("进展", "update"), "requested_by_id": ("申请人", "requested by"),
    "requested_at": ("申请时间", "requested at"), "old_deadline": ("原期限", "old deadline"),
    "new_deadline": ("新期限", "new deadline"), "reason": ("理由", "reason"), "decision": ("审批结果", "decision"),
    "decided_by_id": ("审批人", "decided by"), "decided_at": ("审批时间", "decided at"),
    "decision_comment": ("审批意见", "decision comment"), "parent_id": ("上级", "parent"),
    "active": ("启用", "active"), "user_id": ("用户", "user"), "role": ("角色", "role"),
    "period_start": ("起始年份", "period start"), "period_end": ("终止年份", "period end"),
    "level": ("层级", "level"), "published": ("已公开", "published"),
    "current_version_id": ("当前版本", "current version"), "doc_name": ("文件名", "document"),
    "text_sha256": ("正文校验值", "text checksum"), "extraction": ("提取结果", "extraction"),
    "diff": ("版本差异", "diff"), "created_by_id": ("创建人", "created by"), "approved_at": ("审核时间", "approved at"),
    "version_id": ("规划版本", "plan version"), "section_id": ("章节", "section"), "quote": ("原文", "quote"),
    "start": ("原文起点", "start"), "end": ("原文终点", "end"), "review_state": ("审核状态", "review state"),
    "key": ("标识", "key"), "indicator_id": ("指标", "indicator"), "indicator_text": ("指标名称", "indicator text"),
    "unit": ("计量单位", "unit"), "comparator": ("比较方式", "comparator"), "target_year": ("目标年份", "target year"),
    "annual": ("年度目标", "annual"), "baseline_value": ("基期值", "baseline"), "baseline_year": ("基期年份", "base year"),
    "binding": ("约束性", "binding"), "parent_target_id": ("上级目标", "parent target"), "year": ("年份", "year"),
    "parent_title": ("上级标题", "parent heading"), "deadline_year": ("完成年份", "deadline year"),
    "responsible": ("责任单位", "responsible"), "group": ("分组", "group"),
    "planned_investment": ("计划投资", "planned investment"),
    "completed_investment": ("完成投资", "completed investment"), "direction": ("方向", "direction"),
    "definition": ("口径说明", "definition"), "responsible_unit_id": ("责任单位", "responsible unit"),
    "public": ("公开", "public"), "period": ("时期", "period"), "scope": ("范围", "scope"),
    "source": ("来源", "source"), "source_url": ("来源链接", "source link"),
    "reporting_unit_id": ("报送单位", "reporting unit"), "revision": ("修订次数", "revision"),
    "action": ("操作", "action"), "new_deadline_requested": ("申请新期限", "requested deadline"),
    "prefix": ("前缀", "prefix"), "last_used": ("最近使用", "last used"), "revoked": ("已撤销", "revoked"),
    "key_hash": ("密钥", "key"),
}

TABLES: dict[str, dict[str, Pair]] = {
    "kind": KIND, "comparator": COMPARATOR, "method": METHOD, "status": STATUS, "light": LIGHT,
    "severity": SEVERITY, "rule": RULE, "task_state": TASK_STATE, "task_progress": TASK_PROGRESS,
    "action": ACTION, "role": ROLE, "import_count": IMPORT_COUNT, "observation_status": OBSERVATION_STATUS, "field": FIELD,
}


def label(table: str, code: object, english: bool = False) -> str:
    """The words for ``code`` in one of :data:`TABLES`; an unknown code is shown as it is."""
    pair = TABLES[table].get(str(code)) if code is not None else None
    if pair is None:
        return "" if code is None else str(code)
    return pair[1] if english else pair[0]


_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_PLAIN_ENGLISH = re.compile(r"[A-Za-z ,;.\-]+")
_BOUNDARY = re.compile(rf"(?<=[{_CJK}）」】])\s+(?=[A-Za-z])")


def split_bilingual(text: str) -> Pair:
    """A stored "中文 English" message or choice label ("交办 assigned", "数值无效 value is not a number:
    'x'") as (中文, English). A detail after the English colon ("…: 'x'") belongs to both halves; text
    without an English half is returned as both."""
    text = str(text or "")
    m = _BOUNDARY.search(text)
    if m is None:
        return text, text
    zh, en = text[: m.start()].rstrip(), text[m.end():]
    detail = en.split(": ", 1)[1] if ": " in en else ""
    if detail and not _PLAIN_ENGLISH.fullmatch(detail) and not zh.endswith(("：", ":")):
        zh = f"{zh}：{detail}"
    return zh, en


def split_tolerance(text: str) -> Pair:
    """An audit finding's tolerance text ("中文 | English") as (中文, English)."""
    zh, sep, en = str(text or "").partition(" | ")
    return (zh, en) if sep else (zh, zh)
