"""The shared conventions (../shared/spec/taxonomy.md) carried as code.

Every other module speaks these codes: the extractor emits them, the store
checks them, the app displays them, the exports write them.  The spec file is
never read at run time; when it changes, this module changes with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # ISO 3166-2
    name: str  # English display name, as Ukrainian English-language media spell it
    country: str  # ISO 3166-1 alpha-2
    lat: float  # centre used for region-precision records (never a random point)
    lon: float


# Centres are the administrative centre of each unit (for Crimea and the
# Russian regions, likewise), so a region-precision point lands on a place a
# reader recognises instead of an arbitrary centroid in a field.
REGIONS: dict[str, Region] = {
    r.code: r
    for r in [
        Region("UA-71", "Cherkasy Oblast", "UA", 49.4444, 32.0598),
        Region("UA-74", "Chernihiv Oblast", "UA", 51.4982, 31.2893),
        Region("UA-77", "Chernivtsi Oblast", "UA", 48.2915, 25.9403),
        Region("UA-43", "Crimea", "UA", 44.9521, 34.1024),
        Region("UA-12", "Dnipropetrovsk Oblast", "UA", 48.4647, 35.0462),
        Region("UA-14", "Donetsk Oblast", "UA", 48.0159, 37.8028),
        Region("UA-26", "Ivano-Frankivsk Oblast", "UA", 48.9226, 24.7111),
        Region("UA-63", "Kharkiv Oblast", "UA", 49.9935, 36.2304),
        Region("UA-65", "Kherson Oblast", "UA", 46.6354, 32.6169),
        Region("UA-68", "Khmelnytskyi Oblast", "UA", 49.4230, 26.9871),
        Region("UA-35", "Kirovohrad Oblast", "UA", 48.5079, 32.2623),
        Region("UA-30", "Kyiv (city)", "UA", 50.4501, 30.5234),
        Region("UA-32", "Kyiv Oblast", "UA", 50.0529, 30.7667),
        Region("UA-09", "Luhansk Oblast", "UA", 48.5740, 39.3078),
        Region("UA-46", "Lviv Oblast", "UA", 49.8397, 24.0297),
        Region("UA-48", "Mykolaiv Oblast", "UA", 46.9750, 31.9946),
        Region("UA-51", "Odesa Oblast", "UA", 46.4825, 30.7233),
        Region("UA-53", "Poltava Oblast", "UA", 49.5883, 34.5514),
        Region("UA-56", "Rivne Oblast", "UA", 50.6199, 26.2516),
        Region("UA-40", "Sevastopol", "UA", 44.6166, 33.5254),
        Region("UA-59", "Sumy Oblast", "UA", 50.9077, 34.7981),
        Region("UA-61", "Ternopil Oblast", "UA", 49.5535, 25.5948),
        Region("UA-05", "Vinnytsia Oblast", "UA", 49.2331, 28.4682),
        Region("UA-07", "Volyn Oblast", "UA", 50.7472, 25.3254),
        Region("UA-21", "Zakarpattia Oblast", "UA", 48.6208, 22.2879),
        Region("UA-23", "Zaporizhzhia Oblast", "UA", 47.8388, 35.1396),
        Region("UA-18", "Zhytomyr Oblast", "UA", 50.2547, 28.6587),
        # Russia's regions that border Ukraine keep their own ISO codes.
        Region("RU-KRS", "Kursk Oblast", "RU", 51.7373, 36.1874),
        Region("RU-BEL", "Belgorod Oblast", "RU", 50.5997, 36.5983),
        Region("RU-BRY", "Bryansk Oblast", "RU", 53.2521, 34.3717),
        Region("RU-ROS", "Rostov Oblast", "RU", 47.2357, 39.7015),
        Region("RU-VOR", "Voronezh Oblast", "RU", 51.6720, 39.1843),
    ]
}

UKRAINE_REGION_CODES: frozenset[str] = frozenset(c for c, r in REGIONS.items() if r.country == "UA")


def region_name(code: str | None) -> str | None:
    """Display name for a region code, or None when the code is empty."""
    if not code:
        return None
    region = REGIONS.get(code)
    return region.name if region else code


class IncidentType(StrEnum):
    POW_EXECUTION = "pow_execution"
    POW_MISTREATMENT = "pow_mistreatment"
    CIVILIAN_KILLING = "civilian_killing"
    STRIKE_ON_CIVILIANS = "strike_on_civilians"
    STRIKE_ON_INFRASTRUCTURE = "strike_on_infrastructure"
    ATTACK_ON_MEDICAL = "attack_on_medical"
    ATTACK_ON_EDUCATION = "attack_on_education"
    ATTACK_ON_CULTURAL_PROPERTY = "attack_on_cultural_property"
    ATTACK_ON_HUMANITARIAN = "attack_on_humanitarian"
    ATTACK_ON_JOURNALISTS = "attack_on_journalists"
    TORTURE = "torture"
    SEXUAL_VIOLENCE = "sexual_violence"
    UNLAWFUL_DETENTION = "unlawful_detention"
    DEPORTATION = "deportation"
    MASS_GRAVE = "mass_grave"
    PROHIBITED_WEAPONS = "prohibited_weapons"
    PILLAGE = "pillage"
    OTHER = "other"


INCIDENT_TYPE_LABELS: dict[str, str] = {
    "pow_execution": "Execution of POWs",
    "pow_mistreatment": "Mistreatment of POWs",
    "civilian_killing": "Killing of civilians",
    "strike_on_civilians": "Strike on civilians",
    "strike_on_infrastructure": "Strike on civilian infrastructure",
    "attack_on_medical": "Attack on medical care",
    "attack_on_education": "Attack on education",
    "attack_on_cultural_property": "Attack on cultural property",
    "attack_on_humanitarian": "Attack on humanitarian work",
    "attack_on_journalists": "Attack on journalists",
    "torture": "Torture",
    "sexual_violence": "Sexual violence",
    "unlawful_detention": "Unlawful detention",
    "deportation": "Deportation / forcible transfer",
    "mass_grave": "Mass grave",
    "prohibited_weapons": "Prohibited weapons",
    "pillage": "Pillage",
    "other": "Other violation",
}


@dataclass(frozen=True, slots=True)
class Body:
    id: str
    name: str
    # Authority rank for the headline-figure rule: lower is more authoritative.
    rank: int


# The rank orders who is believed first when sources disagree on a toll.  The
# decision: investigators and monitoring missions that verify case by case
# (UN HRMMU, prosecutors) outrank first responders and local officials, who
# outrank the media's own counts.  Documented in the README and the app.
BODIES: dict[str, Body] = {
    b.id: b
    for b in [
        Body("un-hrmmu", "UN Human Rights Monitoring Mission in Ukraine", 1),
        Body("un-coi", "Independent International Commission of Inquiry on Ukraine", 2),
        Body("un-ohchr", "UN Human Rights Office (OHCHR)", 3),
        Body("icc", "International Criminal Court", 4),
        Body("ua-pgo", "Office of the Prosecutor General of Ukraine", 5),
        Body("ua-police", "National Police of Ukraine", 6),
        Body("ua-sbu", "Security Service of Ukraine (SBU)", 7),
        Body("ua-state-emergency", "State Emergency Service of Ukraine", 8),
        Body("ua-military-admin", "Regional or city military administration", 9),
        Body("ua-ombudsman", "Ukrainian Parliament Commissioner for Human Rights", 10),
        Body("ua-pow-hq", "Coordination Headquarters for the Treatment of POWs", 11),
        Body("ua-gur", "Defence Intelligence of Ukraine (HUR)", 12),
        Body("ua-armed-forces", "Armed Forces / Ministry of Defence of Ukraine", 13),
        Body("ua-mfa", "Ministry of Foreign Affairs of Ukraine", 14),
        Body("ua-president", "President of Ukraine and the Presidential Office", 15),
        Body("osce", "OSCE", 16),
        Body("un-other", "Other UN bodies (UNESCO, UNICEF, WHO, Secretary-General)", 17),
        Body("icrc", "International Committee of the Red Cross", 18),
        Body("amnesty", "Amnesty International", 19),
        Body("hrw", "Human Rights Watch", 20),
        Body("ngo-other", "Other NGOs and documentation groups", 21),
        Body("media", "A news outlet's own investigation", 22),
    ]
}

# A report with no attributed body ranks below every named body.
UNATTRIBUTED_RANK = 99


def body_rank(body_id: str | None) -> int:
    if body_id is None:
        return UNATTRIBUTED_RANK
    body = BODIES.get(body_id)
    return body.rank if body else UNATTRIBUTED_RANK


class BodyRole(StrEnum):
    REPORTED = "reported"  # reported, confirmed, stated
    INVESTIGATES = "investigates"
    NOTIFIED = "notified"  # only appealed to or notified: never a reporting body


class GeoPrecision(StrEnum):
    SETTLEMENT = "settlement"
    NEAR_SETTLEMENT = "near_settlement"
    REGION = "region"
    COUNTRY = "country"
    UNKNOWN = "unknown"


class DatePrecision(StrEnum):
    DAY = "day"
    RANGE = "range"  # date .. date_end
    MONTH = "month"
    YEAR = "year"
    ESTIMATE = "estimate"  # flagged estimate, e.g. "not after the statement day"


class Status(StrEnum):
    DRAFT = "draft"
    REVIEWED = "reviewed"
    VERIFIED = "verified"
    DISPUTED = "disputed"


class Visibility(StrEnum):
    PUBLIC = "public"
    RESTRICTED = "restricted"


class VictimGroup(StrEnum):
    CIVILIANS = "civilians"
    CHILDREN = "children"
    POWS = "pows"
    MEDICS = "medics"
    JOURNALISTS = "journalists"
    AID_WORKERS = "aid_workers"


COUNT_FIELDS: tuple[str, ...] = ("killed", "injured", "missing", "detained")


class ReportKind(StrEnum):
    INCIDENT = "incident"
    ROUNDUP = "roundup"
    AGGREGATE = "aggregate"
    OTHER = "other"
