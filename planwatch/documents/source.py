"""Safe access to a document file: checks made with ``stat`` before any byte is read.

A missing file, a directory, a device or a file larger than the limit is refused up front, so
memory stays bounded whatever the user points us at.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from planwatch.errors import DocumentError

MAX_BYTES = 50 * 1024 * 1024
"""Largest document accepted (50 MiB): far above any real plan, small enough to hold in memory."""


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB" if n >= 1024 * 1024 else f"{n} bytes"


def check_file(path: Path, max_bytes: int) -> int:
    """Return the file size after checking it exists, is a regular readable file, is not empty
    and is not larger than ``max_bytes``; raise ``DocumentError`` otherwise."""
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DocumentError(name, "文件不存在 file not found") from None
    except PermissionError:
        raise DocumentError(name, "没有读取权限 permission denied") from None
    except OSError as exc:
        raise DocumentError(name, f"无法访问文件 cannot access file ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise DocumentError(name, "这是一个目录，不是文件 is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise DocumentError(name, "不是普通文件 not a regular file")
    if st.st_size == 0:
        raise DocumentError(name, "文件为空 empty file (0 bytes)")
    if st.st_size > max_bytes:
        raise DocumentError(
            name, f"文件过大 file too large: {_mib(st.st_size)}, the limit is {_mib(max_bytes)}"
        )
    if not os.access(path, os.R_OK):
        raise DocumentError(name, "没有读取权限 permission denied")
    return st.st_size


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, after ``check_file``. Reads exactly the size ``stat`` reported (plus one
    byte to notice growth): ``read(max_bytes)`` would reserve the whole limit for every file."""
    size = check_file(path, max_bytes)
    try:
        with path.open("rb") as fh:
            data = fh.read(size + 1)
    except PermissionError:
        raise DocumentError(str(path), "没有读取权限 permission denied") from None
    except OSError as exc:
        raise DocumentError(str(path), f"读取失败 cannot read file ({exc.strerror})") from None
    if len(data) > size:
        raise DocumentError(str(path), "文件在读取时被修改 the file changed while being read")
    if not data:
        raise DocumentError(str(path), "文件为空 empty file (0 bytes)")
    return data
