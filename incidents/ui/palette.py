"""One colour per incident type, shared by the map and the timeline.

The same type has the same colour everywhere in the app, so a reader who learns
"red is an execution of POWs" on the map reads the timeline without a legend
hunt.  Colours are a qualitative palette (Tableau 20 order, reordered so the
most frequent types get the most distinct hues).
"""

from __future__ import annotations

from ..vocab import INCIDENT_TYPE_LABELS, IncidentType

TYPE_COLOURS: dict[str, tuple[int, int, int]] = {
    IncidentType.STRIKE_ON_CIVILIANS.value: (31, 119, 180),
    IncidentType.POW_EXECUTION.value: (214, 39, 40),
    IncidentType.CIVILIAN_KILLING.value: (148, 103, 189),
    IncidentType.STRIKE_ON_INFRASTRUCTURE.value: (255, 127, 14),
    IncidentType.ATTACK_ON_MEDICAL.value: (44, 160, 44),
    IncidentType.ATTACK_ON_EDUCATION.value: (23, 190, 207),
    IncidentType.ATTACK_ON_CULTURAL_PROPERTY.value: (188, 189, 34),
    IncidentType.ATTACK_ON_HUMANITARIAN.value: (140, 86, 75),
    IncidentType.ATTACK_ON_JOURNALISTS.value: (227, 119, 194),
    IncidentType.TORTURE.value: (127, 127, 127),
    IncidentType.SEXUAL_VIOLENCE.value: (174, 199, 232),
    IncidentType.UNLAWFUL_DETENTION.value: (255, 187, 120),
    IncidentType.DEPORTATION.value: (152, 223, 138),
    IncidentType.MASS_GRAVE.value: (255, 152, 150),
    IncidentType.PROHIBITED_WEAPONS.value: (197, 176, 213),
    IncidentType.PILLAGE.value: (196, 156, 148),
    IncidentType.POW_MISTREATMENT.value: (247, 182, 210),
    IncidentType.OTHER.value: (199, 199, 199),
}

UNKNOWN_COLOUR: tuple[int, int, int] = (90, 90, 90)


def type_colour(code: str | None) -> tuple[int, int, int]:
    return TYPE_COLOURS.get(code or "", UNKNOWN_COLOUR)


def type_label(code: str | None) -> str:
    if not code:
        return "Unknown type"
    return INCIDENT_TYPE_LABELS.get(code, code)


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)
