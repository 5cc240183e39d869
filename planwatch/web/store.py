"""Store operations the CLI calls: open the database (migrating it if needed), ingest a file,
backup and restore. Kept out of the CLI module so commands only parse, call and render."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from planwatch.errors import DocumentError, PlanWatchError

BACKUP_EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "data.storedverdict"]


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


def backup(out: Path) -> dict[str, int]:
    """A zip with the whole database as Django JSON (data.json) and the evidence files (media/)."""
    from django.conf import settings
    from django.core.management import call_command

    buf = io.StringIO()
    call_command("dumpdata", exclude=BACKUP_EXCLUDE, natural_foreign=True, stdout=buf, indent=None)
    media = Path(settings.MEDIA_ROOT)
    files = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.json", buf.getvalue())
        if media.is_dir():
            for f in sorted(media.rglob("*")):
                if f.is_file():
                    zf.write(f, "media/" + f.relative_to(media).as_posix())
                    files += 1
    return {"objects": len(json.loads(buf.getvalue())), "files": files}


def restore(src: Path) -> dict[str, int]:
    """Load a backup into an empty database (all or nothing)."""
    import tempfile

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
        data_path = Path(tmp) / "data.json"
        raw = zf.read("data.json")
        try:
            count = len(json.loads(raw))
        except ValueError as exc:
            raise DocumentError(str(src), "备份数据损坏 the backup data is corrupt") from exc
        data_path.write_bytes(raw)
        with transaction.atomic():
            call_command("loaddata", str(data_path), verbosity=0)
        media = Path(settings.MEDIA_ROOT)
        files = 0
        for name in zf.namelist():
            if name.startswith("media/") and not name.endswith("/") and ".." not in name:
                target = media / name[len("media/"):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(zf.read(name))
                files += 1
    return {"objects": count, "files": files}
