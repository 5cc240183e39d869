"""The English edition is Django's gettext catalog (planwatch/web/locale/en): every fixed text a
template marks with {% translate %} has its English there, compiled at setup."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

import planwatch.web

WEB = Path(planwatch.web.__file__).resolve().parent
TRANSLATE = re.compile(r"""\{% translate (?:"([^"]*)"|'([^']*)')(?: context "([^"]*)")?(?: as \w+)? %\}""")
# {% blocktranslate with n=x %}共{{ n }}项{% endblocktranslate %}: msgid 共%(n)s项 (Django's own conversion).
BLOCK = re.compile(r"""\{% blocktranslate(?: with [^%]*?)?(?: context "([^"]*)")? %\}(.*?)\{% endblocktranslate %\}""", re.S)
VARIABLE = re.compile(r"\{\{ *(\w+) *\}\}")
CATALOG = WEB / "locale" / "en" / "LC_MESSAGES"


def _marked() -> set[tuple[str, str | None]]:
    found = set()
    for f in WEB.rglob("*.html"):
        for m in TRANSLATE.finditer(f.read_text(encoding="utf-8")):
            found.add((m.group(1) if m.group(1) is not None else m.group(2), m.group(3)))
        for m in BLOCK.finditer(f.read_text(encoding="utf-8")):
            found.add((VARIABLE.sub(r"%(\1)s", m.group(2)), m.group(1)))
    return found


def test_block_messages_are_read_as_django_reads_them() -> None:
    """The msgids this test derives from blocktranslate are the ones makemessages extracts."""
    from django.utils.translation.template import templatize

    for f in WEB.rglob("*.html"):
        text = f.read_text(encoding="utf-8")
        for m in BLOCK.finditer(text):
            msgid = VARIABLE.sub(r"%(\1)s", m.group(2))
            assert f"gettext(u'{msgid}')" in templatize(m.group(0)), (f.name, m.group(0), msgid)
    assert sum(1 for f in WEB.rglob("*.html") for _ in BLOCK.finditer(f.read_text(encoding="utf-8"))) > 10


def test_templates_use_gettext_not_pairs() -> None:
    left = [str(f.relative_to(WEB)) for f in WEB.rglob("*.html") if "{% t " in f.read_text(encoding="utf-8")]
    assert left == [], f"bilingual {{% t %}} pairs left (use {{% translate %}}): {left}"
    assert len(_marked()) > 300


def test_every_marked_text_has_its_english() -> None:
    assert (CATALOG / "django.mo").exists(), "catalog not compiled: run scripts/setup.sh (compilemessages)"
    missing = []
    with translation.override("en"):
        for zh, ctx in sorted(_marked(), key=str):
            en = translation.pgettext(ctx, zh) if ctx else translation.gettext(zh)
            if en == zh and re.search(r"[\u4e00-\u9fff]", zh):
                missing.append((zh, ctx))
    assert missing == [], f"no English for {missing[:20]} (add to django.po, then compilemessages)"


def test_chinese_edition_shows_the_template_text() -> None:
    with translation.override("zh-hans"):
        assert translation.gettext("规划") == "规划"
    with translation.override("en"):
        assert translation.gettext("规划") != "规划"
