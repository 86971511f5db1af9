"""One country, one made actor, whichever source names it.

GDELT writes CAMEO country codes, POLECAT ISO 3166 alpha-3 codes, ACLED country names. They are
brought to the CAMEO code before an actor is made, so that `isr` "Israel" is the same actor
from every source. ISO alpha-3 is CAMEO's code for every country in CAMEO's table but three
(ISO_TO_CAMEO); three countries GDELT writes are missing from CAMEO's table (EXTRA_COUNTRIES).
"""

from __future__ import annotations

import functools

from . import cameo

# ISO 3166-1 alpha-3 -> CAMEO, where they differ (every other code of CAMEO's country table is
# the ISO code of the same country).
ISO_TO_CAMEO = {
    "ROU": "ROM",  # Romania (ISO changed ROM to ROU in 2002; CAMEO kept ROM)
    "TLS": "TMP",  # Timor-Leste (ISO changed TMP to TLS in 2002)
    "MNE": "MTN",  # Montenegro (CAMEO's own code; ISO's is MNE)
}

# Countries that GDELT and POLECAT write but CAMEO's table lacks: named here, so their made
# actor is "Taiwan", not "TWN". XKX is the code the EU and the World Bank use for Kosovo, which
# has no ISO code.
EXTRA_COUNTRIES = {"TWN": "Taiwan", "SSD": "South Sudan", "XKX": "Kosovo"}

# Names ACLED (and ICEWS) give countries that differ from CAMEO's table (ACLED codebook's
# country list; CAMEO.country.txt).
OTHER_NAMES = {
    "palestine": "PSE", "democratic republic of congo": "COD", "republic of congo": "COG",
    "czechia": "CZE", "eswatini": "SWZ", "north macedonia": "MKD", "brunei": "BRN",
    "timor-leste": "TMP", "east timor": "TMP", "turkiye": "TUR", "cote d'ivoire": "CIV",
    "united states of america": "USA", "russian federation": "RUS", "vatican": "VAT",
    "cabo verde": "CPV",
}


def cameo_code(code: str) -> str:
    """The CAMEO country code of an ISO alpha-3 or CAMEO code, upper case."""
    code = code.strip().upper()
    return ISO_TO_CAMEO.get(code, code)


def country_name(code: str) -> str | None:
    """The name of a CAMEO country code (or of one CAMEO lacks), None when unknown."""
    return cameo.countries().get(code) or EXTRA_COUNTRIES.get(code)


@functools.cache
def _by_name() -> dict[str, str]:
    names = {name.casefold(): code for code, name in cameo.countries().items()
             if code not in cameo.REGION_CODES}
    names.update({name.casefold(): code for code, name in EXTRA_COUNTRIES.items()})
    names.update(OTHER_NAMES)
    return names


def code_of_name(name: str) -> str | None:
    """The CAMEO code of a country name ('Israel' -> 'ISR', 'Palestine' -> 'PSE'), or None."""
    return _by_name().get(name.strip().casefold())
