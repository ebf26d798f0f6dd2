"""Ingest speed as the database grows.

Generates N reports (default 10,000) from the synthetic fixtures in
tests/fixtures/reports/, with varied places (the fixture's settlement swapped for
another settlement of the same region) and dates (publication dates spread over
two years, so relative dates move with them), writes them as one JSON Lines
batch, and ingests it into an empty SQLite database through the real pipeline
(extractor, merge scoring, one transaction per report).

Prints reports per second, and the time per report for each slice of 1,000
reports beside the number of incidents already stored.  Target: flat, i.e. the
last slice costs at most 1.5x the first (candidate matches come from an indexed
query on region, type and date, not a scan).

    .venv/bin/python bench/bench_ingest.py [--reports 10000] [--slice 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from incidents.ingest.pipeline import ItemResult, ingest_sources  # noqa: E402
from incidents.store import init_db, make_engine  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "reports"
FLAT_TARGET = 1.5

# Real settlements per region, for swapping places (names as the gazetteer spells them).
SETTLEMENTS: dict[str, list[str]] = {
    "UA-63": ["Kharkiv", "Chuhuiv", "Izium", "Kupiansk", "Balakliia", "Lozova", "Zolochiv",
              "Bohodukhiv", "Derhachi", "Vovchansk"],
    "UA-23": ["Zaporizhzhia", "Orikhiv", "Huliaipole", "Stepnohirsk", "Vilniansk", "Melitopol"],
    "UA-12": ["Dnipro", "Nikopol", "Marhanets", "Kryvyi Rih", "Pavlohrad", "Pokrov",
              "Synelnykove"],
    "UA-14": ["Kramatorsk", "Sloviansk", "Kostiantynivka", "Pokrovsk", "Druzhkivka",
              "Myrnohrad", "Dobropillia", "Lyman"],
    "UA-65": ["Kherson", "Beryslav", "Bilozerka", "Antonivka", "Stanislav"],
    "UA-59": ["Sumy", "Krasnopillia", "Bilopillia", "Shostka", "Okhtyrka", "Trostianets",
              "Konotop"],
    "UA-48": ["Mykolaiv", "Ochakiv", "Voznesensk", "Pervomaisk", "Bashtanka"],
    "UA-53": ["Poltava", "Kremenchuk", "Myrhorod", "Lubny", "Horishni Plavni"],
    "UA-74": ["Chernihiv", "Nizhyn", "Pryluky", "Semenivka", "Novhorod-Siverskyi"],
    "UA-51": ["Odesa", "Izmail", "Chornomorsk", "Bilhorod-Dnistrovskyi", "Pivdenne"],
    "UA-32": ["Bucha", "Irpin", "Borodianka", "Hostomel", "Bila Tserkva", "Brovary"],
}


def load_fixtures() -> list[dict[str, object]]:
    out = []
    for meta_path in sorted(FIXTURES.glob("*.json")):
        text_path = meta_path.with_suffix(".txt")
        if not text_path.exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        incidents = meta.get("expected", {}).get("incidents", [])
        first = incidents[0] if incidents else {}
        out.append({
            "text": text_path.read_text(encoding="utf-8"),
            "published": meta.get("published"),
            "publisher": meta.get("publisher"),
            "url": meta.get("url"),
            "region": first.get("region_code"),
            "settlement": first.get("settlement"),
        })
    if not out:
        raise SystemExit(f"no fixtures in {FIXTURES}")
    return out


def generate(n: int, path: Path, seed: int = 20250303) -> None:
    rng = random.Random(seed)
    fixtures = load_fixtures()
    start = dt.date(2023, 1, 1)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fx = fixtures[i % len(fixtures)]
            text = str(fx["text"])
            old = fx["settlement"]
            pool = SETTLEMENTS.get(str(fx["region"]), [])
            if old and pool and str(old) in text:
                text = text.replace(str(old), rng.choice(pool))
            published = start + dt.timedelta(days=rng.randrange(730))
            # A distinct trailer keeps every generated report a distinct document.
            text += f"\n\n[benchmark copy {i}]"
            row = {"text": text, "published": published.isoformat(),
                   "publisher": fx["publisher"], "url": f"{fx['url']}?copy={i}"}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def run(n: int, slice_size: int, workdir: Path) -> int:
    batch = workdir / "bench_reports.jsonl"
    generate(n, batch)
    url = f"sqlite:///{workdir / 'bench_ingest.db'}"
    init_db(url)
    engine = make_engine(url)
    stamps: list[float] = []
    stored: list[int] = []  # incidents in the database after each report
    failed: list[str] = []

    def on_result(result: ItemResult) -> None:
        stamps.append(time.perf_counter())
        new = 0
        if result.outcome is not None:
            new = sum(1 for _, a in result.outcome.incidents if a in ("created", "suggested"))
        stored.append((stored[-1] if stored else 0) + new)
        if result.error:
            failed.append(result.error)

    started = time.perf_counter()
    summary = ingest_sources(engine, [str(batch)], actor="bench", progress=False,
                             on_result=on_result)
    elapsed = time.perf_counter() - started
    engine.dispose()
    print(f"reports: {n}, generated from {len(load_fixtures())} fixtures; database {url}")
    print(f"total {elapsed:.1f} s, {n / elapsed:.1f} reports/s")
    print("  " + "\n  ".join(summary.lines()))
    per_slice = report_slices(stamps, stored, started, slice_size)
    first, last = per_slice[0], per_slice[-1]
    ratio = last / first if first else float("inf")
    verdict = "OK" if ratio <= FLAT_TARGET else "GROWS"
    print(f"last slice / first slice: {ratio:.2f} (target <= {FLAT_TARGET}: {verdict}); "
          f"median {statistics.median(per_slice):.2f} ms/report")
    for msg in failed[:5]:
        print(f"failed: {msg}")
    return 0 if ratio <= FLAT_TARGET else 1


def report_slices(stamps: list[float], stored: list[int], started: float,
                  size: int) -> list[float]:
    print(f"{'reports':>15}  {'ms/report':>9}  {'incidents stored':>16}")
    out = []
    previous = started
    for lo in range(0, len(stamps), size):
        hi = min(lo + size, len(stamps))
        ms = (stamps[hi - 1] - previous) * 1000 / (hi - lo)
        previous = stamps[hi - 1]
        out.append(ms)
        print(f"{lo + 1:>7}-{hi:<7}  {ms:9.2f}  {stored[hi - 1]:>16}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--slice", type=int, default=1_000)
    parser.add_argument("--keep", type=Path, help="directory to keep the batch and database in")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return run(args.reports, args.slice, args.keep)
    with tempfile.TemporaryDirectory() as tmp:
        return run(args.reports, args.slice, Path(tmp))


if __name__ == "__main__":
    raise SystemExit(main())
