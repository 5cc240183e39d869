"""Demo data for ``planwatch serve``: loaded once into an empty store, logins kept for later runs.

The ledger's ``setup_demo`` does the loading; this module decides when to run it, precomputes the
audits so the first dashboard is quick, and keeps the generated demo passwords in a file readable
only by the owner in the data directory (demo accounts only — real accounts are never written).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings

LOGINS_FILE = "demo-logins.json"


def _logins_path() -> Path:
    return Path(settings.DATA_DIR) / LOGINS_FILE


def prepare_demo(examples: Path) -> bool:
    """Load the demo if the store has no plan yet. True when it was loaded now."""
    from planwatch.web.plans.models import Plan

    if Plan.objects.exists():
        return False
    from planwatch.web.demo import setup_demo
    from planwatch.web.ui.audits import ensure_audits

    result = setup_demo(examples)
    path = _logins_path()
    path.write_text(json.dumps(result["accounts"], ensure_ascii=False, indent=1), encoding="utf-8")
    path.chmod(0o600)
    ensure_audits([p.current_version for p in Plan.objects.filter(current_version__isnull=False)
                   .select_related("current_version")])
    return True


def demo_logins() -> list[dict[str, Any]]:
    """The demo accounts written when the demo was loaded ([] if none)."""
    path = _logins_path()
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return []
    return data if isinstance(data, list) else []
