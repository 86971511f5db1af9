"""relgraph's weights for ACLED's 25 sub-event types. ACLED publishes no such scale: these are
relgraph's, set by analogy with the CAMEO code whose act is the same, and that code's Goldstein
value from GDELT's table (cameo_tables/CAMEO.goldsteinscale.txt), so that an ACLED air strike
weighs what a GDELT or ICEWS "Employ aerial weapons" weighs.

The relation runs from actor1 to actor2, so each weight is that of actor1's act towards actor2.
The sub-event names are those of ACLED's codebook (2023 and 2024 editions).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..model import RelationType
from .cameo import polarity_of, slug

# sub-event type: (ACLED event type, weight, CAMEO code of the analogy, why)
TABLE: dict[str, tuple[str, float, str, str]] = {
    "Armed clash": ("Battles", -10.0, "190",
                    "Use conventional military force (-10): armed groups fight each other."),
    "Government regains territory": ("Battles", -9.5, "192",
                                     "Occupy territory (-9.5), taken back by force."),
    "Non-state actor overtakes territory": ("Battles", -9.5, "192",
                                            "Occupy territory (-9.5), taken by force."),
    "Chemical weapon": ("Explosions/Remote violence", -10.0, "2041",
                        "Use chemical, biological, or radiological weapons (-10)."),
    "Air/drone strike": ("Explosions/Remote violence", -10.0, "195",
                         "Employ aerial weapons (-10), as GDELT codes an air strike."),
    "Suicide bomb": ("Explosions/Remote violence", -10.0, "1831",
                     "Carry out suicide bombing (-10)."),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", -10.0, "194",
                                          "Fight with artillery and tanks (-10)."),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", -10.0, "1833",
                                      "Carry out roadside bombing (-10)."),
    "Grenade": ("Explosions/Remote violence", -10.0, "183",
                "Conduct suicide, car, or other non-military bombing (-10)."),
    "Sexual violence": ("Violence against civilians", -9.0, "1821", "Sexually assault (-9)."),
    "Attack": ("Violence against civilians", -10.0, "1823",
               "Kill by physical assault (-10); the shipped type `attack` weighs -10 too."),
    "Abduction/forced disappearance": ("Violence against civilians", -9.0, "181",
                                       "Abduct, hijack, or take hostage (-9)."),
    "Peaceful protest": ("Protests", -6.5, "141",
                         "Demonstrate or rally (-6.5): protesters against their target."),
    "Protest with intervention": ("Protests", -6.5, "141",
                                  "Demonstrate or rally (-6.5): the protesters' act; the "
                                  "intervention against them is actor2's, not this relation's."),
    "Excessive force against protesters": ("Protests", -9.0, "175",
                                           "Use tactics of violent repression (-9)."),
    "Violent demonstration": ("Riots", -7.5, "145", "Protest violently, riot (-7.5)."),
    "Mob violence": ("Riots", -7.5, "145", "Protest violently, riot (-7.5)."),
    "Agreement": ("Strategic developments", 8.0, "057",
                  "Sign formal agreement (+8); the shipped type `agreement` weighs +8 too."),
    "Arrests": ("Strategic developments", -5.0, "173",
                "Arrest, detain, or charge with legal action (-5)."),
    "Change to group/activity": ("Strategic developments", 0.0, "010",
                                 "Make statement (0): a change within a group, towards no one."),
    "Disrupted weapons use": ("Strategic developments", -9.2, "1711",
                              "Confiscate property (-9.2): weapons seized or defused."),
    "Headquarters or base established": ("Strategic developments", -7.2, "154",
                                         "Mobilize or increase armed forces (-7.2)."),
    "Looting/property destruction": ("Strategic developments", -9.2, "1712",
                                     "Destroy property (-9.2)."),
    "Non-violent transfer of territory": ("Strategic developments", 0.0, "010",
                                          "Make statement (0): territory changes hands without "
                                          "a fight; neither hostile nor friendly in itself."),
    "Other": ("Strategic developments", 0.0, "010", "Make statement (0): no act to weigh."),
}
# The codebook's own spelling varies between editions.
SPELLINGS = {"excessive-force-against-protestors": "excessive-force-against-protesters"}


@dataclass(frozen=True)
class AcledType:
    """One ACLED sub-event type as a relgraph relation type."""

    code: str  # the slug: the key types are kept under
    type_name: str
    sub_event: str
    event_type: str
    weight: float
    cameo: str
    why: str

    def relation_type(self) -> RelationType:
        return RelationType(
            self.type_name, polarity_of(self.weight), self.weight,
            f"ACLED {self.event_type}: {self.sub_event}. Weight relgraph's, not ACLED's, by "
            f"analogy with CAMEO {self.cameo} {self.why}")


@functools.cache
def _by_slug() -> dict[str, AcledType]:
    return {slug(name): AcledType(slug(name), slug(name), name, *row)
            for name, row in TABLE.items()}


@functools.lru_cache(maxsize=256)
def acled_type(sub_event: str) -> AcledType | None:
    """The relation type of an ACLED sub-event type as a file writes it, or None."""
    name = slug(sub_event)
    return _by_slug().get(SPELLINGS.get(name, name))
