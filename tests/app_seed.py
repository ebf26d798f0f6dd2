"""A small database for the app tests, built in code through the store's own writes.

Six incidents in three regions and three types, one restricted, one whose report
holds markup (``<script>``, a Markdown link), and a merged pair.  The sample text
is written for these tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from incidents.schemas import Evidence, IncidentDraft, ReportIn
from incidents.store import init_db, make_engine, repo, session_scope
from incidents.vocab import GeoPrecision, IncidentType

HOSTILE = (
    "Officials said on Monday that a drone hit a bus stop in Kherson. "
    "<script>alert('x')</script> Read more [here](http://example.invalid/phish). "
    "Two people were killed and five injured."
)


@dataclass
class Seeded:
    url: str
    ids: dict[str, str] = field(default_factory=dict)


def _evidence(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote), stage="test",
                    rule_id="test")


def _report(n: int, text: str, publisher: str, day: dt.date) -> ReportIn:
    return ReportIn(text=text, url=f"https://news.example/{n}", publisher=publisher,
                    title=f"Report {n}", published=day,
                    retrieved_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))


SPECS: list[dict[str, object]] = [
    dict(key="kyiv", region="UA-30", settlement="Kyiv", lat=50.45, lon=30.52,
         type=IncidentType.STRIKE_ON_CIVILIANS, killed=4, injured=12, day=dt.date(2025, 1, 5),
         publisher="Kyiv Daily", text="A missile hit a block of flats in Kyiv; four people "
         "were killed and twelve injured, the city said."),
    dict(key="kharkiv", region="UA-63", settlement="Kharkiv", lat=49.99, lon=36.23,
         type=IncidentType.STRIKE_ON_CIVILIANS, killed=1, injured=3, day=dt.date(2025, 1, 20),
         publisher="East Wire", text="One person was killed and three injured in a strike "
         "on Kharkiv, the regional governor said."),
    dict(key="donetsk_pow", region="UA-14", settlement=None, lat=48.0159, lon=37.8028,
         type=IncidentType.POW_EXECUTION, killed=6, injured=None, day=dt.date(2025, 2, 2),
         publisher="East Wire", text="Prosecutors opened a case into the shooting of six "
         "prisoners of war in the Donetsk region."),
    dict(key="kherson", region="UA-65", settlement="Kherson", lat=46.6354, lon=32.6169,
         type=IncidentType.STRIKE_ON_CIVILIANS, killed=2, injured=5, day=dt.date(2025, 2, 10),
         publisher="South Post", text=HOSTILE),
    dict(key="restricted", region="UA-63", settlement="Izium", lat=49.21, lon=37.26,
         type=IncidentType.TORTURE, killed=None, injured=1, day=dt.date(2025, 2, 14),
         publisher="Closed Source", text="A witness described a torture site near Izium."),
    dict(key="kyiv_dup", region="UA-30", settlement="Kyiv", lat=50.45, lon=30.52,
         type=IncidentType.STRIKE_ON_CIVILIANS, killed=5, injured=12, day=dt.date(2025, 1, 5),
         publisher="Capital News", text="Five people died after a missile struck flats in "
         "Kyiv, rescuers said; twelve were hurt."),
]


def seed(url: str) -> Seeded:
    init_db(url)
    engine = make_engine(url)
    out = Seeded(url=url)
    try:
        with session_scope(engine) as s:
            for n, spec in enumerate(SPECS, 1):
                text = str(spec["text"])
                report_id, _ = repo.get_or_add_report(
                    s, _report(n, text, str(spec["publisher"]), spec["day"]))  # type: ignore[arg-type]
                first_word = text.split()[0]
                draft = IncidentDraft(
                    date=spec["day"], region_code=spec["region"], settlement=spec["settlement"],
                    lat=spec["lat"], lon=spec["lon"],
                    geo_precision=GeoPrecision.SETTLEMENT if spec["settlement"]
                    else GeoPrecision.REGION,
                    type=spec["type"], killed=spec["killed"], injured=spec["injured"],
                    summary=f"Test incident {spec['key']}",
                    evidence={"type": _evidence(text, first_word)},
                )
                if spec["key"] == "kherson":
                    draft = draft.model_copy(update={"evidence": {
                        "killed": _evidence(text, "Two people were killed"),
                        "settlement": _evidence(text, "Kherson"),
                    }})
                out.ids[str(spec["key"])] = repo.create_incident(
                    s, draft, report_id, actor="test", status="reviewed")
            repo.update_incident(s, out.ids["restricted"], {"visibility": "restricted"},
                                 actor="test")
        with session_scope(engine) as s:
            repo.merge_incidents(s, out.ids["kyiv"], out.ids["kyiv_dup"], actor="test")
    finally:
        engine.dispose()
    return out
