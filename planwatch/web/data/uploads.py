"""Checks every uploaded file passes before anything parses it: size, and for zip-based formats
(.xlsx .docx) the declared uncompressed size and compression ratio (zip bombs)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.conf import settings

from planwatch.errors import DocumentError

ZIP_FORMATS = (".xlsx", ".xlsm", ".docx", ".pptx", ".zip", ".odt", ".ods")
MAX_RATIO = 200  # real office files compress ~5–20x; bombs compress 1000x+
MAX_MEMBERS = 10_000


def check_upload(name: str, data: bytes) -> None:
    limit = settings.PLANWATCH_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise DocumentError(name, f"文件过大 file too large: {len(data) / 1e6:.1f} MB > {limit / 1e6:.0f} MB")
    if len(data) == 0:
        raise DocumentError(name, "文件为空 file is empty")
    if name.lower().endswith(ZIP_FORMATS) or data[:4] == b"PK\x03\x04":
        check_zip(name, data)


def check_zip(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        if name.lower().endswith(ZIP_FORMATS):
            raise DocumentError(name, f"文件已损坏或不是有效的Office文件 corrupt or not an Office file: {exc}") from exc
        return
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(name, f"压缩包成员过多 too many archive members: {len(infos)}")
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > settings.PLANWATCH_MAX_UNZIPPED_BYTES:
        raise DocumentError(name, f"解压后过大（疑似压缩炸弹） uncompressed size {total / 1e6:.0f} MB exceeds the limit")
    if total > 10 * 1024 * 1024 and total / packed > MAX_RATIO:
        raise DocumentError(name, f"压缩比异常（疑似压缩炸弹） suspicious compression ratio {total / packed:.0f}:1")


def load_uploaded_document(name: str, data: bytes) -> Any:
    """Load an uploaded plan document through ``planwatch.documents`` (which reads files) via a private
    temporary file. Errors name the uploaded file, never the server's temporary path."""
    import tempfile
    from pathlib import Path

    from planwatch.documents import load_document

    safe_name = Path(name or "upload.txt").name or "upload.txt"
    check_upload(safe_name, data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("upload" + Path(safe_name).suffix.lower())
        path.write_bytes(data)
        try:
            return load_document(path)
        except DocumentError as exc:
            raise DocumentError(safe_name, exc.problem.replace(str(path), safe_name).replace(tmp, "")) from None
