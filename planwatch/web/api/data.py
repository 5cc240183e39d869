"""Indicators and observations (actual values) with their revision history."""


from typing import Any

from django.http import HttpResponse
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from planwatch.web.accounts.models import Unit
from planwatch.web.accounts.permissions import (
    NotVisible,
    can_edit_indicator,
    is_internal,
    require,
    unit_ids,
    visible_indicators,
    visible_observations,
)
from planwatch.web.api.common import RowPage, field_of, get_visible, user_of
from planwatch.web.data.models import Indicator, Observation
from planwatch.web.data.observations import record_observation

router = Router()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class IndicatorOut(Schema):
    id: int
    key: str
    name: str
    unit: str
    direction: str
    type: str
    definition: str
    responsible_unit_id: int | None
    public: bool


class RevisionOut(Schema):
    number: int
    value: float
    comparator: str
    unit: str
    status: str
    source: str
    source_url: str
    quote: str
    note: str | None = None
    reason: str | None = None
    recorded_by: str | None = None
    recorded_at: Any

    @staticmethod
    def resolve_recorded_by(obj: Any, context: Any) -> str | None:
        if not is_internal(context["request"].auth) or obj.recorded_by_id is None:
            return None
        return obj.recorded_by.get_username()

    @staticmethod
    def resolve_note(obj: Any, context: Any) -> str | None:
        return obj.note if is_internal(context["request"].auth) else None

    @staticmethod
    def resolve_reason(obj: Any, context: Any) -> str | None:
        return obj.reason if is_internal(context["request"].auth) else None


class ObservationOut(Schema):
    id: int
    indicator_id: int
    year: int
    period: str
    scope: str
    value: float
    comparator: str
    unit: str
    status: str
    source: str
    source_url: str
    quote: str
    note: str | None = None
    reporting_unit_id: int | None
    revision: int

    @staticmethod
    def resolve_note(obj: Observation | dict[str, Any], context: Any) -> str | None:
        return field_of(obj, "note") if is_internal(context["request"].auth) else None


class ObservationDetail(ObservationOut):
    revisions: list[RevisionOut] = Field(default_factory=list)

    @staticmethod
    def resolve_revisions(obj: Observation) -> list[Any]:
        return list(obj.revisions.select_related("recorded_by").order_by("number"))


@router.get("/indicators", response=list[IndicatorOut])
@paginate
def list_indicators(request: Any, q: str = "", unit: int | None = None, type: str = "",
                    public: bool | None = None) -> Any:
    qs = visible_indicators(user_of(request), Indicator.objects.all())
    if q:
        qs = qs.filter(name__icontains=q)
    if unit is not None:
        qs = qs.filter(responsible_unit_id=unit)
    if type:
        qs = qs.filter(type=type)
    if public is not None:
        qs = qs.filter(public=public)
    return qs.order_by("id")


@router.get("/indicators/{int:indicator_id}", response=IndicatorOut)
def get_indicator(request: Any, indicator_id: int) -> Indicator:
    return get_visible(visible_indicators(user_of(request), Indicator.objects.all()), indicator_id)


class IndicatorPatch(Schema):
    name: str | None = None
    unit: str | None = None
    direction: str | None = None
    type: str | None = None
    definition: str | None = None
    responsible_unit_id: int | None = None
    public: bool | None = None


@router.patch("/indicators/{int:indicator_id}", response=IndicatorOut)
def patch_indicator(request: Any, indicator_id: int, body: IndicatorPatch) -> Indicator:
    user = user_of(request)
    ind = get_visible(visible_indicators(user, Indicator.objects.all()), indicator_id)
    require(can_edit_indicator(user))
    changes = body.dict(exclude_unset=True)
    from planwatch.web.errors import InvalidInput

    if "direction" in changes and changes["direction"] not in dict(Indicator.DIRECTIONS):
        raise InvalidInput("direction 须为 higher / lower / neutral")
    if "type" in changes and changes["type"] not in dict(Indicator.TYPES):
        raise InvalidInput("type 须为 expected（预期性）/ binding（约束性）")
    if changes.get("responsible_unit_id") is not None:
        Unit.objects.get(pk=changes["responsible_unit_id"])
    for k, v in changes.items():
        setattr(ind, k, v)
    ind.save()
    return ind


@router.get("/observations", response=list[ObservationOut])
@paginate
def list_observations(request: Any, indicator: int | None = None, year: int | None = None,
                      year_from: int | None = None, year_to: int | None = None, status: str = "",
                      scope: str | None = None) -> Any:
    qs = visible_observations(user_of(request), Observation.objects.all())
    if indicator is not None:
        qs = qs.filter(indicator_id=indicator)
    if year is not None:
        qs = qs.filter(year=year)
    if year_from is not None:
        qs = qs.filter(year__gte=year_from)
    if year_to is not None:
        qs = qs.filter(year__lte=year_to)
    if status:
        qs = qs.filter(status=status)
    if scope is not None:
        qs = qs.filter(scope=scope)
    qs = qs.order_by("indicator_id", "year", "id")
    return RowPage(qs, qs.values(*ObservationOut.model_fields))


@router.get("/observations/{int:observation_id}", response=ObservationDetail)
def get_observation(request: Any, observation_id: int) -> Observation:
    return get_visible(visible_observations(user_of(request), Observation.objects.all()), observation_id)


class ObservationIn(Schema):
    indicator_id: int
    year: int
    value: float
    scope: str = ""
    period: str = ""
    unit: str = ""
    comparator: str = "="
    status: str = "preliminary"
    source: str = ""
    source_url: str = ""
    quote: str = ""
    note: str = ""
    reason: str = ""


@router.post("/observations", response={200: ObservationDetail, 201: ObservationDetail})
def post_observation(request: Any, body: ObservationIn) -> Status:
    """Record an actual value. An existing (indicator, year, scope, period) is revised — with a reason —
    and the earlier value stays in ``revisions``."""
    user = user_of(request)
    ind = get_visible(visible_indicators(user, Indicator.objects.all()), body.indicator_id)
    mine = unit_ids(user)
    reporting_unit = (Unit.objects.filter(pk=ind.responsible_unit_id).first()
                      if ind.responsible_unit_id in mine else None)
    data = body.dict(exclude={"indicator_id", "year", "value"})
    before = Observation.objects.filter(indicator=ind, year=body.year, scope=body.scope,
                                        period=body.period).exists()
    obs, _ = record_observation(user, ind, body.year, body.value, reporting_unit=reporting_unit, **data)
    return Status(200 if before else 201, obs)


@router.post("/observations/import", response={201: dict[str, Any]})
def import_observations(request: Any, file: UploadedFile = File(...)) -> Status:
    """Upload an actual-data table (指标 / 年份 / 数值 / 单位 / 来源 ...); all rows or none, a row-level error
    report otherwise (400, ``errors``)."""
    from planwatch.web.data.tables import import_actuals

    return Status(201, import_actuals(user_of(request), file.name or "upload.xlsx", file.read()))


@router.get("/observations/export/{fmt}")
def export_observations(request: Any, fmt: str, indicator: int | None = None) -> HttpResponse:
    """Visible observations as xlsx (actual-data table), opensdg (CSV) or sdmx (SDMX-CSV)."""
    from planwatch.web.data import tables

    qs = visible_observations(user_of(request), Observation.objects.select_related("indicator")).order_by(
        "indicator_id", "year")
    if indicator is not None:
        qs = qs.filter(indicator_id=indicator)
    public = not is_internal(user_of(request))
    if fmt == "xlsx":
        rows = list(qs)
        if public:
            for o in rows:
                o.note = ""
        resp = HttpResponse(tables.export_actuals(rows), content_type=XLSX)
        resp["Content-Disposition"] = 'attachment; filename="actuals.xlsx"'
        return resp
    if fmt == "opensdg":
        return HttpResponse(tables.export_open_sdg(qs), content_type="text/csv; charset=utf-8")
    if fmt == "sdmx":
        return HttpResponse(tables.export_sdmx_csv(qs), content_type="application/vnd.sdmx.data+csv; charset=utf-8")
    raise NotVisible()
