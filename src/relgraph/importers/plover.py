"""PLOVER, the ontology POLECAT is coded in: its 16 event types, their quads, and the
conflict-cooperation scores relgraph uses as weights.

The scores are the table "PLOVER conflict-cooperation scores" of the PLOVER manual
(openeventdata/PLOVER on GitHub, PLOVER_MANUAL.tex, section "Numeric conflict/cooperation
scores", commit 5e0c24f), checked by hand against the rest of the manual. One correction:
the table prints ACCUSE's score as 3, without a sign, while its three modes score -2, -3.5 and
-3.5 and the manual puts ACCUSE in the VERBAL CONFLICT quad; relgraph uses -3. PROTEST's mode
`vandalize`, listed among its modes, has no score in the table: it takes PROTEST's -5.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..model import RelationType
from .cameo import polarity_of, slug

# The quad of each type, as the manual's section on each type gives it.
QUADS = {
    "VERBAL COOPERATION": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "MATERIAL COOPERATION": ("COOPERATE", "AID", "RETREAT"),
    "VERBAL CONFLICT": ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    "MATERIAL CONFLICT": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}

# Type scores, then type:mode scores, as printed, with the one correction marked.
TYPE_SCORES = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10,
    "RETREAT": 6.5, "REQUEST": 0,
    "ACCUSE": -3,  # printed "3": corrected, see the module's docstring
    "REJECT": -2, "THREATEN": -3.5, "PROTEST": -5, "SANCTION": -6, "MOBILIZE": -5.5,
    "COERCE": -7, "ASSAULT": -9,
}
MODE_SCORES = {
    "CONSULT": {"visit": 4, "third-party": 1, "multilateral": 4, "phone": 1.5},
    "RETREAT": {"withdraw": 8, "release": 6.5, "disarm": 10, "ceasefire": 7.5, "access": 6.5,
                "resign": 4.5},
    "REQUEST": {"assist": 0.5, "change": -1, "yield": -1, "meet": 0},
    "ACCUSE": {"disapprove": -2, "investigate": -3.5, "allege": -3.5},
    "REJECT": {"assist": -1.5, "change": -2, "yield": -2, "meet": -2},
    "THREATEN": {"restrict": -3, "arrest": -3.5, "relations": -3.5, "expel": -3.5,
                 "territory": -4, "violence": -3.5},
    "PROTEST": {"demo": -5, "riot": -7, "strike": -5, "hunger": -4.5, "boycott": -4.5,
                "obstruct": -4.5},
    "SANCTION": {"convict": -6, "expel": -5.5, "withdraw": -6, "discontinue": -6},
    "MOBILIZE": {"troops": -6.5, "weapons": -6.5, "police": -5.5, "militia": -6},
    "COERCE": {"seize": -7, "restrict": -7, "censor": -6.5, "curfew": -6.5,
               "martial-law": -7.5, "arrest": -7, "deport": -7, "withhold": -7,
               "misinformation": -6.5, "cyber": -7},
    "ASSAULT": {"abduct": -8.5, "beat": -7.5, "torture": -8.5, "sexual": -8.5,
                "targeted": -9.5, "destroy": -8.5, "primitive": -8, "firearms": -9,
                "explosives": -9, "suicide-attack": -9.5, "aerial": -9.5, "drone": -9.5,
                "heavy-weapons": -9.5, "crowd-control": -7.5, "unconventional": -10},
}

# The shipped graph has a type `support` of its own (weight 3.4); PLOVER's SUPPORT (5) takes
# another name, so that an imported folder reads with the shipped graph.
RENAMED = {"support": "plover-support"}


@dataclass(frozen=True)
class PloverType:
    """One PLOVER type, or type and mode, as a relgraph relation type."""

    code: str  # "ASSAULT:aerial" or "AGREE": the key types are kept under
    event_type: str
    mode: str
    type_name: str
    weight: float
    quad: str

    def relation_type(self) -> RelationType:
        mode = f", mode {self.mode}" if self.mode else ""
        scored = "its mode's" if self.mode in MODE_SCORES.get(self.event_type, {}) \
            else "the type's"
        return RelationType(
            self.type_name, polarity_of(self.weight), float(self.weight),
            f"PLOVER {self.event_type}{mode} ({self.quad.lower()}); weight {scored} score "
            "in the PLOVER manual's table.")


@functools.cache
def _quad_of() -> dict[str, str]:
    return {event_type: quad for quad, types in QUADS.items() for event_type in types}


@functools.lru_cache(maxsize=1024)
def plover_type(event_type: str, mode: str) -> PloverType | None:
    """The relation type of a PLOVER type and mode as a file writes them ('ASSAULT', 'aerial');
    None for a type PLOVER does not have. `mode` is '' when there is none."""
    event_type = event_type.strip().upper()
    quad = _quad_of().get(event_type)
    if quad is None:
        return None
    mode = slug(mode.replace("_", "-"))  # 'Heavy weapons' -> 'heavy-weapons'
    base = RENAMED.get(event_type.lower(), event_type.lower())
    name = f"{base}-{mode}" if mode else base
    weight = MODE_SCORES.get(event_type, {}).get(mode, TYPE_SCORES[event_type])
    code = f"{event_type}:{mode}" if mode else event_type
    return PloverType(code, event_type, mode, name, weight, quad)
