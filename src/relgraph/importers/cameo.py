"""The CAMEO tables relgraph ships (GDELT's lookups, see cameo_tables/SOURCES.md) and the
relation type each event code becomes."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from ..model import RelationType

# The CAMEO country file starts with regions and places that are not states; an actor made from
# one of these codes gets the kind "region" instead of "state".
REGION_CODES = frozenset(
    "WSB BAG GZS AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS SCN "
    "SAM SAS SEA SAF WAF WST".split())


@dataclass(frozen=True)
class EventCode:
    """One CAMEO event code: its description and its Goldstein value."""

    code: str
    description: str
    goldstein: float
    type_name: str = ""  # the relation type it becomes: the slug of its description

    def __post_init__(self):
        if not self.type_name:  # 043 "Host a visit" -> host-a-visit
            object.__setattr__(self, "type_name", slug(self.description))

    @property
    def polarity(self) -> str:
        return polarity_of(self.goldstein)

    def relation_type(self) -> RelationType:
        return RelationType(self.type_name, self.polarity, self.goldstein,
                            f"CAMEO {self.code}: {self.description}.", self.code)


def polarity_of(weight: float) -> str:
    """The polarity an event type's signed score gives it: the sign (CAMEO's Goldstein value,
    PLOVER's score, relgraph's ACLED weight)."""
    if weight < 0:
        return "hostile"
    return "friendly" if weight > 0 else "neutral"


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by '-': 'Meet at a "third" location' ->
    'meet-at-a-third-location'. Empty when nothing of the text is ASCII."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def source_key(prefix: str, name: str) -> str:
    """A stable source key from a publisher's name: 'polecat-times-of-israel'. A long or
    non-ASCII name keeps a hash of it, so two names never share a key."""
    text = slug(name)
    if not text or len(text) > 40:
        text = text[:27].strip("-") + "-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return f"{prefix}-{text.strip('-')}"


def _table(name: str) -> dict[str, str]:
    """A two-column lookup file, header skipped: first column -> second, both stripped."""
    text = resources.files(__package__).joinpath("cameo_tables", name).read_text("utf-8")
    rows: dict[str, str] = {}
    for line in text.splitlines()[1:]:
        if line.strip():
            code, label = line.split("\t")
            rows[code.strip()] = label.strip()
    return rows


def _readable(description: str) -> str:
    # The table writes its 20 root codes in capitals (02 APPEAL); every other one in sentence case.
    return description.capitalize() if description.isupper() else description


@functools.cache
def event_codes() -> dict[str, EventCode]:
    """Every CAMEO event code in the shipped table, by code ('043', '0874', '19'...)."""
    descriptions = _table("CAMEO.eventcodes.txt")
    goldstein = _table("CAMEO.goldsteinscale.txt")
    return {code: EventCode(code, _readable(text), float(goldstein[code]))
            for code, text in descriptions.items()}


@functools.cache
def countries() -> dict[str, str]:
    """CAMEO country and region codes -> names ('ISR' -> 'Israel', 'WST' -> 'The West')."""
    return _table("CAMEO.country.txt")


@functools.cache
def known_groups() -> dict[str, str]:
    """CAMEO known-group codes -> names ('HMS' -> 'Hamas', 'NAT' -> 'North Atlantic ...')."""
    return _table("CAMEO.knowngroup.txt")
