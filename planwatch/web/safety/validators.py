"""Checks on values that end up in links, redirects, file names and spreadsheet cells."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.http import url_has_allowed_host_and_scheme

from planwatch.web.errors import InvalidInput

_HTTP_URL = URLValidator(schemes=["http", "https"])

# Evidence may be documents, images, tables and archives; never anything a browser runs as a page
# (.html .svg .xml .js ...), whatever the form or API route it comes through.
EVIDENCE_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".txt", ".csv", ".ofd")


_SITE_PATH = re.compile(r"^/(?![/\\])[^\s\\]*$")


def is_http_url(value: Any) -> bool:
    """True for an absolute http(s) URL or a path on this site (``/registers/rules/1/2006/``: what a
    source link may be); ``javascript:``, ``data:``, protocol-relative (``//host``), other relative and
    malformed values are not."""
    if not isinstance(value, str) or not value:
        return False
    if _SITE_PATH.match(value):
        return True
    try:
        _HTTP_URL(value)
    except ValidationError:
        return False
    return True


def check_source_url(value: str | None) -> str:
    """The source link to store: empty, or an http(s) URL; anything else is refused."""
    url = (value or "").strip()
    if url and not is_http_url(url):
        raise InvalidInput(f"链接须为 http(s) 网址或本站路径 the source link must be an http(s) URL or a path on this site: {url[:80]}")
    return url


def check_evidence_name(name: str) -> str:
    """The file-type rule of evidence uploads (form and API alike)."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in EVIDENCE_SUFFIXES:
        raise InvalidInput(f"不支持的文件类型 file type not allowed: {suffix or '(none)'}；"
                           f"允许 allowed: {' '.join(EVIDENCE_SUFFIXES)}")
    return name


def safe_next(request: Any, target: str | None, fallback: str) -> str:
    """A redirect target from the request (``next=``) if it stays on this site, else ``fallback``
    (``//evil.example`` and ``https://evil.example`` are off-site)."""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return fallback


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: Any) -> Any:
    """A value for a spreadsheet cell (xlsx or CSV) that no spreadsheet program evaluates: text that
    starts with = + - @ tab or CR is prefixed with a quote (OWASP CSV injection). Numbers, dates
    and other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
