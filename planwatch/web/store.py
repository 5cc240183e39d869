"""Store operations the CLI calls: open the database (migrating it if needed), ingest a file,
backup and restore. Kept out of the CLI module so commands only parse, call and render."""

from __future__ import annotations

import io
import json
import re
import shutil
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from planwatch.errors import DocumentError, PlanWatchError

BACKUP_EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


def open_store(migrate: bool = True) -> None:
    """Configure Django and bring the schema up to date (an embedded store has no separate install step)."""
    from planwatch.web.manage import setup

    setup()
    if migrate:
        from django.core.management import call_command
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", verbosity=0, interactive=False)


def read_extraction(path: Path, text_path: Path | None = None) -> tuple[dict[str, Any], str, str]:
    """(contract object, document text, document name) from a contract JSON or a plan document."""
    if not path.exists():
        raise DocumentError(str(path), "文件不存在 file not found")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise DocumentError(str(path), f"不是有效的JSON not valid JSON: {exc}") from exc
        if not isinstance(data, dict) or "targets" not in data:
            raise DocumentError(str(path), "不是提取结果（缺少 targets） not an extraction object")
        doc = text_path
        if doc is None:
            for cand in (path.parent / str(data.get("doc", "")), path.parent.parent / str(data.get("doc", ""))):
                if data.get("doc") and cand.is_file():
                    doc = cand
                    break
        if doc is None:
            raise DocumentError(str(path), "找不到原文，请用 --text 指定 document text not found; pass --text FILE")
        from planwatch.documents import load_document

        return data, load_document(doc).text, doc.name
    from planwatch.documents import load_document
    from planwatch.extract import extract_plan

    document = load_document(path)
    return extract_plan(document).to_dict(), document.text, path.name


# Derived data: caches recomputed from the business rows on first read, and transient security
# records (login attempts, idempotency keys). Left out of backups and emptied after a restore.
DERIVED = ["data.storedverdict", "ui.auditrun"]
TRANSIENT = ["axes", "safety.idempotentreply"]
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed entry times: the same data gives the same archive


def _installed(labels: list[str]) -> list[str]:
    """The labels of ``labels`` that exist in this installation (apps come and go between versions)."""
    from django.apps import apps

    out = []
    for label in labels:
        app_label, _, model = label.partition(".")
        try:
            apps.get_app_config(app_label)
            if model:
                apps.get_model(app_label, model)
        except LookupError:
            continue
        out.append(label)
    return out


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


_ZERO_MILLIS = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.000(Z|[+-]\d\d:\d\d)?$")


def _canonical(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Many-to-many lists in a fixed order: the database returns them in whatever order its plan
    reads them, which would make two backups of the same data differ. Times written as
    ``…:59.000Z`` (Django's serializer keeps milliseconds only: a time with 1–999 µs) are written
    ``…:59Z``, as the same time reads back after a restore."""
    from django.apps import apps

    for row in rows:
        model = apps.get_model(row["model"])
        fields = row.get("fields", {})
        for name, value in fields.items():
            if isinstance(value, str) and (m := _ZERO_MILLIS.match(value)):
                fields[name] = m.group(1) + (m.group(2) or "")
        for f in model._meta.many_to_many:
            if isinstance(fields.get(f.name), list):
                fields[f.name] = sorted(fields[f.name], key=lambda v: json.dumps(v, ensure_ascii=False))
    return rows


def backup(out: Path) -> dict[str, int]:
    """A zip with the whole database as Django JSON (data.json) and the evidence files (media/).
    Deterministic: the same store gives byte-identical archives (rows ordered by key, fixed entry times)."""
    from django.conf import settings
    from django.core.management import call_command

    buf = io.StringIO()
    call_command("dumpdata", exclude=BACKUP_EXCLUDE + _installed(DERIVED + TRANSIENT), natural_foreign=True,
                 stdout=buf, indent=None)
    rows = _canonical(json.loads(buf.getvalue()))
    media = Path(settings.MEDIA_ROOT)
    files = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(_entry("data.json"), json.dumps(rows, ensure_ascii=False))
        if media.is_dir():
            for f in sorted(media.rglob("*")):
                if f.is_file() and not f.is_symlink():
                    zf.writestr(_entry("media/" + f.relative_to(media).as_posix()), f.read_bytes())
                    files += 1
    return {"objects": len(rows), "files": files}


def safe_member_path(name: str) -> PurePosixPath | None:
    """The relative path of a zip entry under ``media/``, or None when it could land outside the
    media directory: absolute paths, ``..``, drive letters, backslashes, empty parts."""
    if "\\" in name or "\x00" in name or not name.startswith("media/"):
        return None
    rel = name[len("media/"):]
    parts = rel.split("/")
    if not rel or rel.startswith("/") or any(p in ("", ".", "..") for p in parts) or ":" in parts[0]:
        return None
    return PurePosixPath(*parts)


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def check_archive(src: Path, zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The evidence entries of a backup; refuses the whole archive if any entry would be written
    outside the media directory or is a link."""
    media: list[zipfile.ZipInfo] = []
    for info in zf.infolist():
        name = info.filename
        if name == "data.json" or name.endswith("/"):
            continue
        if _is_symlink(info) or safe_member_path(name) is None:
            raise DocumentError(str(src), f"备份中有不安全的条目，拒绝恢复 unsafe entry in the backup, refused: {name!r}")
        media.append(info)
    return media


@contextmanager
def model_signals_muted() -> Iterator[None]:
    """No model signal handler runs while a fixture loads: derived data (caches, the audit trail)
    must not be written from restored rows. Django passes raw=True to save signals during loaddata
    but not to ``m2m_changed``; muting every model signal covers handlers that forget either."""
    from django.db.models import signals

    saved = []
    for sig in (signals.pre_save, signals.post_save, signals.pre_delete, signals.post_delete,
                signals.m2m_changed, signals.pre_init, signals.post_init):
        with sig.lock:
            saved.append((sig, sig.receivers))
            sig.receivers = []
            sig.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for sig, receivers in saved:
            with sig.lock:
                sig.receivers = receivers
                sig.sender_receivers_cache.clear()


def restore(src: Path) -> dict[str, int]:
    """Load a backup into an empty database (all or nothing): every entry is checked before anything
    is written, model signals are muted during the load, derived caches start empty."""
    import tempfile

    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from planwatch.web.history.models import AuditEntry
    from planwatch.web.plans.models import Plan

    if not src.is_file():
        raise DocumentError(str(src), "文件不存在 file not found")
    if Plan.objects.exists() or AuditEntry.objects.exists():
        raise PlanWatchError("数据库非空，恢复需要空库 the database is not empty; restore needs an empty one "
                             "(set PLANWATCH_DATA_DIR or DATABASE_URL to a fresh database)")
    try:
        zf = zipfile.ZipFile(src)
    except zipfile.BadZipFile as exc:
        raise DocumentError(str(src), "不是备份文件 not a backup archive") from exc
    with zf, tempfile.TemporaryDirectory() as tmp:
        if "data.json" not in zf.namelist():
            raise DocumentError(str(src), "备份中没有 data.json not a PlanWatch backup")
        entries = check_archive(src, zf)
        data_path = Path(tmp) / "data.json"
        raw = zf.read("data.json")
        try:
            count = len(json.loads(raw))
        except ValueError as exc:
            raise DocumentError(str(src), "备份数据损坏 the backup data is corrupt") from exc
        data_path.write_bytes(raw)
        media = Path(settings.MEDIA_ROOT).resolve()
        written: list[Path] = []
        try:
            with transaction.atomic():
                with model_signals_muted():
                    call_command("loaddata", str(data_path), verbosity=0)
                for label in _installed(DERIVED):
                    apps.get_model(label)._default_manager.all().delete()
                for info in entries:
                    rel = safe_member_path(info.filename)
                    assert rel is not None  # checked above
                    target = media.joinpath(*rel.parts)
                    if not target.resolve().is_relative_to(media):  # a symlinked directory inside media/
                        raise DocumentError(str(src), f"备份条目指向目录之外 entry outside the media directory: {info.filename}")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with zf.open(info) as fin, open(target, "wb") as fout:
                        shutil.copyfileobj(fin, fout)
                    written.append(target)
        except Exception:
            for f in written:  # all or nothing: files too
                f.unlink(missing_ok=True)
            raise
    return {"objects": count, "files": len(written)}
