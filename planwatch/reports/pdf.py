"""PDF from the .docx through LibreOffice headless, so the PDF has exactly the .docx layout.

LibreOffice is an external program: if it is not installed, or hangs, the caller gets a
PlanWatchError saying so (never a traceback or an endless wait).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from planwatch.errors import PlanWatchError

CONVERTER_NAMES = ("soffice", "libreoffice")
DEFAULT_TIMEOUT_S = 120.0
# Maps the official faces (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) to installed free fonts.
FONTCONFIG_FILE = Path(__file__).with_name("fonts") / "fonts.conf"
# Debian packages holding the fonts FONTCONFIG_FILE names (installed by scripts/setup.sh).
FONT_PACKAGES = ("fonts-noto-cjk", "fonts-arphic-uming", "fonts-arphic-ukai")


def converter_env() -> dict[str, str]:
    """The environment for LibreOffice: our font substitutions on top of the system's."""
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    return env


def find_converter() -> str | None:
    """Path of the LibreOffice executable, or None."""
    for name in CONVERTER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def docx_to_pdf(docx_path: str | Path, out: str | Path, *, timeout: float = DEFAULT_TIMEOUT_S,
                converter: str | None = None) -> Path:
    """Convert ``docx_path`` to the PDF ``out``; raise PlanWatchError if that cannot be done."""
    source = Path(docx_path)
    target = Path(out)
    exe = converter or find_converter()
    if exe is None:
        raise PlanWatchError(
            "PDF 需要 LibreOffice，但未安装 / PDF output needs LibreOffice (soffice), which is not installed; "
            "install the Debian package libreoffice-writer-nogui or choose --format docx")
    with tempfile.TemporaryDirectory(prefix="planwatch-pdf-") as tmp:
        # A private profile directory: concurrent conversions must not fight over one user profile.
        profile = Path(tmp, "profile").as_uri()
        command = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", tmp, str(source.resolve())]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False,
                                  env=converter_env())
        except subprocess.TimeoutExpired as exc:
            raise PlanWatchError(f"LibreOffice 转换超时 / PDF conversion took longer than {timeout:g} s") from exc
        except OSError as exc:
            raise PlanWatchError(f"无法运行 LibreOffice / cannot run {exe}: {exc.strerror}") from exc
        produced = Path(tmp, source.with_suffix(".pdf").name)
        if done.returncode != 0 or not produced.exists():
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise PlanWatchError(
                f"LibreOffice 转换失败 / PDF conversion failed (exit {done.returncode})"
                + (f": {detail[-1]}" if detail else ""))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(produced), target)
    return target
