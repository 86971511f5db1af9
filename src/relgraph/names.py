"""Names as people type them: the forms relgraph compares actor ids, names and aliases in.

`fold` is the exact comparison: two labels that fold alike are the same label (the checker
refuses two actors that would share one). `plain` goes further and drops accents; a lookup uses
it only when nothing folds alike, and only when it points at a single actor.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Typographic marks that news sites, word processors and PDFs put where people type plain ones.
_PLAIN_MARKS = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060", "'"),  # ‘ ’ ‚ ‛ ′ ʼ `
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb", '"'),  # “ ” „ ‟ « »
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),  # ‐ ‑ ‒ – — ― −
})

# Letters that carry their mark inside them, so that Unicode cannot decompose them.
_UNMARKED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t",
                           "æ": "ae", "œ": "oe"})


@lru_cache(maxsize=1 << 16)  # a dataset names the same few actors in every relation
def fold(label: str) -> str:
    """`label` as relgraph compares it: one Unicode form (NFKC), case folded, plain quotes and
    dashes, single spaces.

    >>> fold("  Côte  d’Ivoire ") == fold("CÔTE D'IVOIRE")
    True
    """
    if label.isascii():  # NFKC leaves ASCII as it is; of the marks, only ` is ASCII
        return " ".join(label.replace("`", "'").split()).lower()
    text = unicodedata.normalize("NFKC", label).translate(_PLAIN_MARKS)
    # Case folding can undo the normal form (a capital with a mark may fold to two code points).
    return unicodedata.normalize("NFKC", " ".join(text.split()).casefold())


def plain(label: str) -> str:
    """`fold(label)` without accents: `Türkiye` -> `turkiye`, `Łódź` -> `lodz`."""
    decomposed = unicodedata.normalize("NFD", fold(label)).translate(_UNMARKED)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
