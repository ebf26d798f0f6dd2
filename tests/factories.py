"""Test data built in code: reports and drafts with seeded randomness.

Every report text is written here (invented sentences, no real article), and
every draft's evidence points at the exact characters of its report's text.

    rng = random.Random(7)
    report, draft = report_and_draft(rng, region_code="UA-14", killed=3)
    with session_scope(engine) as s:
        public_id = store_incident(s, report, draft)
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from incidents.schemas import Evidence, IncidentDraft, ReportIn
from incidents.vocab import BODIES, REGIONS, IncidentType, VictimGroup

PUBLISHERS = ("Test Herald", "Sample Gazette", "Example Wire", "Fixture Daily")
SETTLEMENTS = {
    "UA-14": ("Kramatorsk", 48.7389, 37.5848),
    "UA-63": ("Kharkiv", 49.9935, 36.2304),
    "UA-65": ("Kherson", 46.6354, 32.6169),
    "UA-51": ("Odesa", 46.4825, 30.7233),
    "UA-32": ("Bucha", 50.5433, 30.2122),
    "UA-23": ("Zaporizhzhia", 47.8388, 35.1396),
    "UA-59": ("Sumy", 50.9077, 34.7981),
}
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# Distinct made-up words, so a free-text test can find exactly one record.
MARKERS = ("quartzfield", "lanternway", "millbrook", "cobaltyard", "harrowgate", "ferngully")


def make_report(rng: random.Random, **overrides: Any) -> ReportIn:
    """A short invented report; ``text`` may be overridden."""
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 700))
    data: dict[str, Any] = {
        "text": f"Report {rng.getrandbits(64):016x}: officials described an attack.",
        "url": f"https://example.org/news/{rng.getrandbits(40):010x}",
        "publisher": rng.choice(PUBLISHERS),
        "title": "An invented test report",
        "language": "en",
        "published": published,
        "retrieved_at": dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
    }
    data.update(overrides)
    return ReportIn(**data)


def report_and_draft(rng: random.Random, **overrides: Any) -> tuple[ReportIn, IncidentDraft]:
    """A report and the draft an extractor would make of it, quotes located in the text.

    Overrides apply to the draft (``killed``, ``region_code``, ``type``, ...); pass
    ``marker="word"`` to put a distinctive word in the quote, ``published`` and
    ``publisher`` for the report.
    """
    region = overrides.pop("region_code", rng.choice(sorted(SETTLEMENTS)))
    settlement, lat, lon = SETTLEMENTS.get(region, (None, REGIONS[region].lat, REGIONS[region].lon))
    killed = overrides.pop("killed", rng.randrange(0, 10))
    injured = overrides.pop("injured", rng.randrange(0, 10))
    marker = overrides.pop("marker", rng.choice(MARKERS))
    published = overrides.pop("published", dt.date(2024, 1, 1) + dt.timedelta(rng.randrange(700)))
    publisher = overrides.pop("publisher", rng.choice(PUBLISHERS))
    date = overrides.pop("date", published - dt.timedelta(days=rng.randrange(0, 3)))
    place = settlement or REGIONS[region].name
    killed_txt = f"{NUMBER_WORDS[killed] if killed < 10 else killed} people were killed"
    injured_txt = f"{NUMBER_WORDS[injured] if injured < 10 else injured} were injured"
    when = f"on {date:%B %d, %Y}" if date else "recently"
    text = (
        f"An attack hit the {marker} district of {place} {when}. "
        f"Officials said {killed_txt} and {injured_txt}. "
        f"Ref {rng.getrandbits(48):012x}."
    )
    report = make_report(rng, text=text, published=published, publisher=publisher)
    evidence = {
        "killed": _evidence(text, killed_txt),
        "injured": _evidence(text, injured_txt),
        "settlement": _evidence(text, place),
        "summary": _evidence(text, f"{marker} district"),
    }
    draft_data: dict[str, Any] = {
        "date": date,
        "date_precision": "day",
        "date_reported": published,
        "region_code": region,
        "settlement": settlement,
        "lat": lat if settlement else REGIONS[region].lat,
        "lon": lon if settlement else REGIONS[region].lon,
        "geo_precision": "settlement" if settlement else "region",
        "type": rng.choice(list(IncidentType)),
        "killed": killed,
        "injured": injured,
        "victim_groups": [VictimGroup.CIVILIANS],
        "reporting_bodies": [rng.choice(sorted(BODIES))],
        "summary": f"Attack on the {marker} district of {place}.",
        "confidence": 0.9,
        "evidence": evidence,
    }
    draft_data.update(overrides)
    return report, IncidentDraft(**draft_data)


def _evidence(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(
        quote=quote,
        start=start,
        end=start + len(quote),
        stage="test",
        rule_id="factory",
        confidence=1.0,
    )


def store_incident(
    s: Any, report: ReportIn, draft: IncidentDraft, *, actor: str = "tester", status: str = "draft"
) -> str:
    """Store report + draft through the repo; returns the public ID."""
    from incidents.store import repo

    report_id, _ = repo.get_or_add_report(s, report)
    return repo.create_incident(s, draft, report_id, actor=actor, status=status)


def fill(s: Any, n: int, seed: int = 1, **overrides: Any) -> list[str]:
    """Store ``n`` random incidents; returns their public IDs."""
    rng = random.Random(seed)
    return [store_incident(s, *report_and_draft(rng, **overrides)) for _ in range(n)]
