"""Plans, versions, extracted records, review and diff."""


from typing import Any

from django.db.models import F, Q
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from planwatch.web.accounts.permissions import (
    can_edit_plans,
    is_internal,
    require,
    visible_plans,
    visible_records,
    visible_versions,
)
from planwatch.web.api.common import RowPage, field_of, get_visible, user_of
from planwatch.web.plans import review
from planwatch.web.plans.ingest import check_parent, ingest_extraction
from planwatch.web.plans.models import Fact, Plan, PlanTask, PlanVersion, Project, Target

router = Router()


class PlanOut(Schema):
    id: int
    title: str
    period_start: int | None
    period_end: int | None
    parent_id: int | None
    level: str
    published: bool
    annual: bool = False
    current_version_id: int | None
    region_id: int | None = None
    issuing_body: str = ""
    document_number: str = ""
    internal_note: str | None = None

    @staticmethod
    def resolve_internal_note(obj: Plan | dict[str, Any], context: Any) -> str | None:
        return field_of(obj, "internal_note") if is_internal(context["request"].auth) else None


class VersionOut(Schema):
    id: int
    plan_id: int
    number: int
    status: str
    doc_name: str
    created: Any
    approved_at: Any = None
    counts: dict[str, int] = Field(default_factory=dict)

    @staticmethod
    def resolve_counts(obj: PlanVersion) -> dict[str, int]:
        return {"targets": obj.targets.exclude(review_state="rejected").count(),
                "facts": obj.facts.exclude(review_state="rejected").count(),
                "tasks": obj.plantasks.exclude(review_state="rejected").count(),
                "projects": obj.projects.exclude(review_state="rejected").count()}


class PlanDetail(PlanOut):
    versions: list[VersionOut] = Field(default_factory=list)

    @staticmethod
    def resolve_versions(obj: Plan, context: Any) -> list[PlanVersion]:
        return list(visible_versions(context["request"].auth, obj.versions.all()))


class RecordOut(Schema):
    id: int
    version_id: int
    section: str | None = None
    quote: str
    start: int
    end: int
    review_state: str
    key: str

    # Resolvers see a model instance (detail) or a list row from _record_rows (a dict).
    @staticmethod
    def resolve_section(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj["section_path"]  # type: ignore[no-any-return]
        return obj.section.path if obj.section_id else None


class TargetOut(RecordOut):
    indicator_id: int
    indicator_text: str
    kind: str
    value: float
    value_high: float | None
    unit: str
    comparator: str
    target_year: int | None
    annual: bool
    baseline_value: float | None
    baseline_year: int | None
    binding: bool
    parent_target_id: int | None


class FactOut(RecordOut):
    indicator_id: int
    indicator_text: str
    kind: str
    value: float
    value_high: float | None
    unit: str
    year: int | None
    period_start: int | None
    period_end: int | None


class PlanTaskOut(RecordOut):
    title: str
    parent_title: str
    deadline_year: int | None
    responsible: list[str]


class ProjectOut(RecordOut):
    name: str
    group: str


@router.get("/plans", response=list[PlanOut])
@paginate
def list_plans(request: Any, q: str = "", published: bool | None = None, parent: int | None = None,
               year: int | None = None) -> Any:
    """Filters: q (title contains), published, parent (id), year (plan period covers it)."""
    qs = visible_plans(user_of(request), Plan.objects.all())
    if q:
        qs = qs.filter(title__icontains=q)
    if published is not None:
        qs = qs.filter(published=published)
    if parent is not None:
        qs = qs.filter(parent_id=parent)
    if year is not None:
        qs = qs.filter(period_start__lte=year, period_end__gte=year)
    qs = qs.order_by("id")
    return RowPage(qs, qs.values(*PlanOut.model_fields))


@router.get("/plans/{int:plan_id}", response=PlanDetail)
def get_plan(request: Any, plan_id: int) -> Plan:
    return get_visible(visible_plans(user_of(request), Plan.objects.all()), plan_id)


@router.get("/plans/{int:plan_id}/status")
def plan_status(request: Any, plan_id: int, as_of: str = "") -> list[dict[str, Any]]:
    """The verdict on each reviewed target of the live version as of ``as_of`` (default today): the
    same objects as ``planwatch status --json``."""
    import datetime as dt

    from planwatch.web.data.verdicts import verdicts_for
    from planwatch.web.errors import InvalidInput

    user = user_of(request)
    plan = get_visible(visible_plans(user, Plan.objects.select_related("region")), plan_id)
    try:
        when = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError as exc:
        raise InvalidInput(f"as_of 应为 YYYY-MM-DD: {as_of!r}") from exc
    if plan.current_version_id is None:
        return []
    targets = (visible_records(user, Target.objects.filter(version_id=plan.current_version_id))
               .exclude(review_state="rejected").order_by("start", "id"))
    return [v.as_dict() for v in verdicts_for(targets, {plan.current_version_id: plan}, when)]


class PlanPatch(Schema):
    published: bool | None = None
    parent_id: int | None = None
    level: str | None = None
    internal_note: str | None = None
    title: str | None = None
    issuing_body: str | None = None
    document_number: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    region: str | None = None


@router.patch("/plans/{int:plan_id}", response=PlanOut)
def patch_plan(request: Any, plan_id: int, body: PlanPatch) -> Plan:
    user = user_of(request)
    plan = get_visible(visible_plans(user, Plan.objects.all()), plan_id)
    require(can_edit_plans(user))
    changes = body.dict(exclude_unset=True)
    if changes.get("parent_id") is not None:
        check_parent(plan, get_visible(Plan.objects.all(), changes["parent_id"]))
    details = {k: changes.pop(k) for k in list(changes) if k in review.PLAN_DETAILS}
    for k, v in changes.items():
        setattr(plan, k, v)
    plan.save()
    if details:
        review.set_plan_details(user, plan, details)
    return plan


class IngestIn(Schema):
    extraction: dict[str, Any]
    text: str
    doc_name: str = ""
    parent_id: int | None = None
    region: str | None = None
    year: int | None = None  # the year of an annual plan / work report whose text does not state it


@router.post("/plans/ingest", response={201: VersionOut})
def ingest(request: Any, body: IngestIn) -> Status:
    """Store an extracted plan (contract object + document text); a known title makes a new version."""
    user = user_of(request)
    require(can_edit_plans(user))
    parent = get_visible(Plan.objects.all(), body.parent_id) if body.parent_id else None
    v = ingest_extraction(body.extraction, body.text, doc_name=body.doc_name, parent=parent, user=user,
                          region=body.region, year=body.year)
    return Status(201, v)


@router.get("/versions/{int:version_id}", response=VersionOut)
def get_version(request: Any, version_id: int) -> PlanVersion:
    return get_visible(visible_versions(user_of(request), PlanVersion.objects.all()), version_id)


@router.get("/versions/{int:version_id}/diff")
def version_diff(request: Any, version_id: int) -> dict[str, Any]:
    """Added / removed / changed targets and tasks against the previously live version."""
    v = get_visible(visible_versions(user_of(request), PlanVersion.objects.all()), version_id)
    return v.diff or {"from": None, "to": v.number, "targets": {}, "tasks": {}, "linked_removed": []}


@router.get("/versions/{int:version_id}/text")
def version_text(request: Any, version_id: int) -> dict[str, Any]:
    """The document text the offsets refer to."""
    v = get_visible(visible_versions(user_of(request), PlanVersion.objects.all()), version_id)
    return {"id": v.pk, "doc_name": v.doc_name, "text": v.text, "sha256": v.text_sha256}


class ApproveIn(Schema):
    comment: str = ""


@router.post("/versions/{int:version_id}/approve")
def approve(request: Any, version_id: int, body: ApproveIn) -> dict[str, Any]:
    user = user_of(request)
    v = get_visible(visible_versions(user, PlanVersion.objects.all()), version_id)
    return review.approve_version(user, v, body.comment)


def _records(request: Any, model: Any, plan: int | None, version: int | None, q: str,
             review_state: str) -> Any:
    qs = visible_records(user_of(request), model.objects.select_related("section"))
    if version is not None:
        qs = qs.filter(version_id=version)
    elif plan is not None:
        qs = qs.filter(version__plan_id=plan, version__status="live")
    if review_state:
        qs = qs.filter(review_state=review_state)
    if q:
        field = "title" if model is PlanTask else "name" if model is Project else "indicator_text"
        qs = qs.filter(Q(**{f"{field}__icontains": q}) | Q(quote__icontains=q))
    return qs.order_by("version_id", "start", "id")


def _record_rows(qs: Any, schema: Any) -> RowPage:
    """A list page of records as dict rows (the section's path joined), not model instances."""
    fields = [name for name in schema.model_fields if name != "section"]
    return RowPage(qs, qs.values(*fields, section_path=F("section__path")))


@router.get("/targets", response=list[TargetOut])
@paginate
def list_targets(request: Any, plan: int | None = None, version: int | None = None, q: str = "",
                 review_state: str = "", indicator: int | None = None, kind: str = "",
                 target_year: int | None = None) -> Any:
    """Targets of a plan's live version (plan=) or of a given version (version=)."""
    qs = _records(request, Target, plan, version, q, review_state)
    if indicator is not None:
        qs = qs.filter(indicator_id=indicator)
    if kind:
        qs = qs.filter(kind=kind)
    if target_year is not None:
        qs = qs.filter(target_year=target_year)
    return _record_rows(qs, TargetOut)


@router.get("/targets/{int:target_id}", response=TargetOut)
def get_target(request: Any, target_id: int) -> Target:
    return get_visible(visible_records(user_of(request), Target.objects.all()), target_id)


class LinkIn(Schema):
    parent_target_id: int | None


@router.put("/targets/{int:target_id}/parent", response=TargetOut)
def link_target(request: Any, target_id: int, body: LinkIn) -> Target:
    """Link a target to the higher-level target it serves (plan cascade)."""
    user = user_of(request)
    target = get_visible(visible_records(user, Target.objects.all()), target_id)
    parent = get_visible(Target.objects.all(), body.parent_target_id) if body.parent_target_id else None
    return review.link_target(user, target, parent)


@router.get("/facts", response=list[FactOut])
@paginate
def list_facts(request: Any, plan: int | None = None, version: int | None = None, q: str = "",
               review_state: str = "") -> Any:
    return _record_rows(_records(request, Fact, plan, version, q, review_state), FactOut)


@router.get("/plan-tasks", response=list[PlanTaskOut])
@paginate
def list_plan_tasks(request: Any, plan: int | None = None, version: int | None = None, q: str = "",
                    review_state: str = "") -> Any:
    return _record_rows(_records(request, PlanTask, plan, version, q, review_state), PlanTaskOut)


@router.get("/projects", response=list[ProjectOut])
@paginate
def list_projects(request: Any, plan: int | None = None, version: int | None = None, q: str = "",
                  review_state: str = "") -> Any:
    return _record_rows(_records(request, Project, plan, version, q, review_state), ProjectOut)


RECORD_MODELS = {"target": Target, "fact": Fact, "task": PlanTask, "project": Project}


class ReviewIn(Schema):
    action: str  # accept | reject | correct
    changes: dict[str, Any] = Field(default_factory=dict)
    comment: str = ""


@router.post("/versions/{int:version_id}/records/{rtype}/{int:record_id}/review")
def review_record(request: Any, version_id: int, rtype: str, record_id: int, body: ReviewIn) -> dict[str, Any]:
    """Extraction review of one record: accept, reject, or correct (``changes``)."""
    user = user_of(request)
    if rtype not in RECORD_MODELS:
        from planwatch.web.errors import InvalidInput

        raise InvalidInput(f"未知记录类型 unknown record type: {rtype}")
    qs = visible_records(user, RECORD_MODELS[rtype].objects.filter(version_id=version_id))
    rec = get_visible(qs, record_id)
    if body.action == "correct":
        rec = review.correct_record(user, rec, body.changes, body.comment)
    elif body.action in ("accept", "reject"):
        rec = review.set_review_state(user, rec, body.action + "ed", body.comment)
    else:
        from planwatch.web.errors import InvalidInput

        raise InvalidInput("action 须为 accept / reject / correct")
    return {"id": rec.pk, "review_state": rec.review_state, "key": rec.key}


class AddIn(Schema):
    fields: dict[str, Any]
    comment: str = ""


@router.post("/versions/{int:version_id}/records/{rtype}", response={201: dict[str, Any]})
def add_record(request: Any, version_id: int, rtype: str, body: AddIn) -> Status:
    user = user_of(request)
    v = get_visible(visible_versions(user, PlanVersion.objects.all()), version_id)
    rec = review.add_record(user, v, rtype, body.fields, body.comment)
    return Status(201, {"id": rec.pk, "review_state": rec.review_state, "start": rec.start, "end": rec.end})


@router.post("/plans/upload", response={201: VersionOut})
def upload_plan(request: Any, file: UploadedFile = File(...), parent_id: int | None = None) -> Status:
    """Upload a plan document (.txt .md .docx .pdf .html): checked (size, zip bombs), extracted, stored
    as a new plan or a new version in review."""
    from pathlib import Path

    from planwatch.extract import extract_plan
    from planwatch.web.data.uploads import load_uploaded_document

    user = user_of(request)
    require(can_edit_plans(user))
    name = Path(file.name or "upload.txt").name
    data = file.read()
    parent = get_visible(Plan.objects.all(), parent_id) if parent_id else None
    document = load_uploaded_document(name, data)
    v = ingest_extraction(extract_plan(document, name), document.text, doc_name=name, parent=parent, user=user)
    return Status(201, v)


@router.post("/plans/import-tasks", response={201: dict[str, Any]})
def import_tasks(request: Any, file: UploadedFile = File(...), plan_id: int | None = None) -> Status:
    """Upload a decomposition table (序号 / 任务 / 牵头单位 / 配合单位 / 完成时限 / 备注); all rows or none,
    a row-level error report otherwise (400, ``errors``)."""
    from planwatch.web.data.tables import import_decomposition

    user = user_of(request)
    plan = get_visible(visible_plans(user, Plan.objects.all()), plan_id) if plan_id else None
    tasks = import_decomposition(user, file.name or "upload.xlsx", file.read(), plan=plan)
    return Status(201, {"created": len(tasks), "ids": [t.pk for t in tasks]})
