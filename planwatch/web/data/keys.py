"""Normalised indicator keys: the same indicator written slightly differently gets the same key.

Only typography is folded (width, spaces, punctuation, brackets' shape); scope words such as
全市/规模以上 are kept, because a different scope is a different indicator.
"""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[\s\u3000“”\"'‘’《》〈〉「」『』·・、，,。.;；:：]+")


def indicator_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).lower()
    text = text.replace("（", "(").replace("）", ")")
    return _DROP.sub("", text)
