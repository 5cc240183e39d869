"""Refuse zip archives (a .docx is one) that would expand to a huge size: zip bombs.

The check reads only the central directory; ``zipfile`` never inflates an entry beyond its
declared size, so checking declared sizes is enough to bound memory.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from planwatch.errors import DocumentError

MAX_UNCOMPRESSED = 200 * 1024 * 1024
"""Largest total uncompressed size accepted (200 MiB)."""
MAX_RATIO = 100
"""Largest compression ratio accepted for entries above ``RATIO_MIN_SIZE``."""
RATIO_MIN_SIZE = 1024 * 1024
MAX_ENTRIES = 10_000


def open_checked_zip(
    data: bytes, path: str, what: str, max_uncompressed: int = MAX_UNCOMPRESSED
) -> zipfile.ZipFile:
    """Open ``data`` as a zip after checking entry count, total size and compression ratios.
    ``what`` names the expected format in the error ("not a valid .docx (Word) file")."""
    if not zipfile.is_zipfile(BytesIO(data)):
        raise DocumentError(path, f"不是有效的文件 {what}")
    try:
        zf = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DocumentError(path, f"不是有效的文件 {what}") from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise DocumentError(path, f"压缩包条目过多 zip bomb suspected: {len(infos)} entries")
    total = sum(i.file_size for i in infos)
    if total > max_uncompressed:
        raise DocumentError(
            path,
            f"解压后过大 zip bomb suspected: {total / 2**20:.1f} MiB uncompressed, "
            f"limit {max_uncompressed / 2**20:.1f} MiB",
        )
    for info in infos:
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocumentError(
                path,
                f"压缩比异常 zip bomb suspected: {info.filename} compresses "
                f"{info.file_size // max(info.compress_size, 1)}:1 (limit {MAX_RATIO}:1)",
            )
    return zf
